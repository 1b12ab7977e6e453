using System.Net;
using FeeBridge.Rollout.Communication.Drafts;
using FeeBridge.Rollout.Tests.Workflow;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FeeBridge.Rollout.Tests.Communication;

/// <summary>Whatever the configuration holds (names with markup, odd addresses), the website draft renders, safely.</summary>
public sealed class DraftProperties
{
    private static readonly DraftTemplate Website = DraftTemplate.Parse(DefaultDrafts.Website).Value!;

    [Property(MaxTest = 100)]
    public Property TheWebsiteDraft_RendersForAnyFacts_WithoutMarkupFromThem_AndNamesEveryLibraryWhenDatesDiffer() =>
        Prop.ForAll(WorkflowProperties.Facts().ToArbitrary(), facts =>
        {
            var rendered = Website.Render(facts);
            if (!rendered.IsAccepted || rendered.Value!.UnknownNames.Count > 0) return false;
            var html = rendered.Value.Html;
            var text = WebUtility.HtmlDecode(html);
            var severalDates = facts.Libraries.Select(l => l.CutOverDate).Distinct().Count() > 1;
            return !html.Contains("<Øst>", StringComparison.Ordinal) && !html.Contains("<2>", StringComparison.Ordinal)
                && !html.Contains("http://", StringComparison.Ordinal) // only https links survive
                && (!facts.IsConfigured || !severalDates || facts.Libraries.All(l => text.Contains(l.Name, StringComparison.Ordinal)));
        });
}

/// <summary>Whatever the configuration holds, every channel's default draft renders, with no unknown name, and no markup from the facts.</summary>
public sealed class EveryDraftProperties
{
    private static readonly (DraftChannel Channel, DraftTemplate Template)[] Drafts =
        [.. DraftChannels.All.Select(c => (c, DraftTemplate.Parse(c.DefaultTemplate).Value!))];

    [Property(MaxTest = 60)]
    public Property EveryDefaultDraft_RendersForAnyFacts_WithoutMarkupFromThem_AndNoPromiseWithoutAMeasurement() =>
        Prop.ForAll(WorkflowProperties.Facts().ToArbitrary(), facts => Drafts.All(d =>
        {
            var rendered = d.Template.Render(facts, d.Channel.Format);
            if (!rendered.IsAccepted || rendered.Value!.UnknownNames.Count > 0) return false;
            var output = rendered.Value.Output;
            var promises = System.Text.RegularExpressions.Regex.IsMatch(output.Replace("op til 72 timer", "", StringComparison.Ordinal), @"\d+ (sekund|minut|time)");
            return (d.Channel.Format == DraftFormat.Text || (!output.Contains("<Øst>", StringComparison.Ordinal) && !output.Contains("<2>", StringComparison.Ordinal)))
                && (facts.Speed.IsMeasured || !promises);
        }));
}

using System.Xml.Linq;
using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Workflow;
using FeeBridge.Rollout.Workflow.Bpmn;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FeeBridge.Rollout.Tests.Workflow;

/// <summary>Whatever a municipality's configuration, its flows are drawable, valid XML, unique in their ids and free of overlaps.</summary>
public sealed class WorkflowProperties
{
    internal static Gen<MunicipalityFacts> Facts() =>
        from libraries in Gen.Choose(0, 4)
        from dates in Gen.Choose(0, 400).ArrayOf(libraries)
        from names in Gen.Elements("Hovedbiblioteket", "Filial & Co", "Bibliotek <Øst>", "Skolebibliotekerne i Rudersdal Kommune").ArrayOf(libraries)
        from thresholds in Gen.Elements(10_000L, 20_000L, 22_500L).ArrayOf(libraries)
        from configured in Gen.Elements(true, true, false)
        from minimum in Gen.Elements(0L, 5_000L, 10_000L, 15_050L)
        from rule in Gen.Elements(CompensationRule.StaysWithLibrary, CompensationRule.SentAsCivilClaim)
        from days in Gen.Choose(1, 60)
        from site in Gen.Elements<string?>(null, "https://www.kommune.dk/betal", "http://x.dk/?a=1&b=<2>")
        from measured in Gen.Elements(true, false)
        from median in Gen.Choose(1, 200_000)
        select new MunicipalityFacts("250", "Frederikssund Kommune",
            configured ? new MunicipalRules(minimum, rule, days) : null,
            [.. Enumerable.Range(0, libraries).Select(i => new LibraryFacts($"72500{i}", names[i], new DateOnly(2026, 10, 1).AddDays(dates[i]), thresholds[i]))],
            site,
            measured ? new MeasuredPaymentSpeed(10, 7, TimeSpan.FromMilliseconds(median), TimeSpan.FromMilliseconds(median * 3L)) : MeasuredPaymentSpeed.NotMeasured());

    [Property(MaxTest = 60)]
    public Property AnyConfiguration_GivesDrawableValidBpmnWithUniqueIdsAndNoOverlaps() =>
        Prop.ForAll(Facts().ToArbitrary(), Gen.Elements(Enum.GetValues<WorkflowVariant>()).ToArbitrary(), (facts, variant) =>
        {
            var workflow = ChangedWorkflows.Build(facts, variant);
            if (WorkflowRules.Problems(workflow).Count > 0) return false;
            var layout = WorkflowLayout.Of(workflow);
            var shapes = layout.Shapes.Select(s => s.Bounds).ToList();
            var overlap = shapes.SelectMany((a, i) => shapes.Skip(i + 1).Select(b => a.Overlaps(b))).Any(o => o);
            var root = XDocument.Parse(BpmnWriter.Write(workflow)).Root!;
            var ids = root.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
            return !overlap && shapes.All(layout.Pool.Contains) && ids.Distinct().Count() == ids.Count;
        });
}

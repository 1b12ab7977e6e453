using FeeBridge.Application.Rollout;
using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Communication.Drafts;
using Microsoft.AspNetCore.Mvc;
using Refusal = FeeBridge.Rollout.Refusal;

namespace FeeBridge.Server.Staff.Pages.Rollout.Communication;

/// <summary>
/// The first draft of the text for the library's self-service site (<c>/staff/rollout/{kommunekode}/udkast/hjemmeside</c>),
/// written from the municipality's live configuration by the default Liquid template: shown as it will read, and as
/// HTML to copy into DPL CMS. The HTML is the sanitised output of <see cref="DraftTemplate"/>, so it is safe to show.
/// </summary>
public sealed class WebsiteDraftModel(MunicipalityFactsSource source) : RolloutPageModel
{
    public MunicipalityFacts Facts { get; private set; } = null!;
    public RenderedDraft? Draft { get; private set; }
    public IReadOnlyList<Refusal> Refusals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string kommunekode, CancellationToken ct)
    {
        if (Denied(kommunekode, change: false) is { } denied) return denied;
        Facts = await source.ForAsync(Municipality!.Code, ct);
        var rendered = DraftTemplate.Parse(DefaultDrafts.Website) is { IsAccepted: true } t ? t.Value.Render(Facts) : null;
        if (rendered is { IsAccepted: true }) Draft = rendered.Value;
        else Refusals = rendered?.Refusals ?? [new Refusal("template", "Standardskabelonen kunne ikke læses.")];
        return Page();
    }
}

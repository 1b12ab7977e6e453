using FeeBridge.Application.Rollout;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Communication.Drafts;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Rollout.Communication;

/// <summary>
/// One channel's draft (<c>/staff/rollout/{kommunekode}/udkast/{channel}</c>): the facts that changed since it was last
/// seen (old → new) with a button to mark them seen, the draft as it reads (an SMS text per message with its count),
/// the HTML for DPL CMS, and the template to edit — previewed or saved as a new version, refused with where it fails.
/// The HTML shown is the sanitised output of <see cref="DraftTemplate"/>.
/// </summary>
public sealed class DraftModel(MunicipalityDrafts drafts, StaffAudit audit, TimeProvider clock) : RolloutPageModel
{
    public DraftView View { get; private set; } = null!;

    /// <summary>What the preview shows: the saved draft, or the one being edited when previewed.</summary>
    public Outcome<RenderedDraft> Shown { get; private set; } = null!;

    [BindProperty] public string? Skabelon { get; set; }

    public string? Message { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public IReadOnlyList<SmsMessage> ShownSms => View.Channel.Format == DraftFormat.Text && Shown.IsAccepted ? SmsDraft.Messages(Shown.Value.Output) : [];

    public async Task<IActionResult> OnGetAsync(string kommunekode, string channel, CancellationToken ct) =>
        await LoadAsync(kommunekode, channel, change: false, ct) ?? Page();

    public async Task<IActionResult> OnPostPreviewAsync(string kommunekode, string channel, CancellationToken ct)
    {
        if (await LoadAsync(kommunekode, channel, change: false, ct) is { } stop) return stop;
        Shown = MunicipalityDrafts.Render(View.Channel, Skabelon, (await drafts.FactsAsync(Municipality!.Code, ct)));
        if (!Shown.IsAccepted) return Invalid(Shown.Refusals);
        Message = "Forhåndsvisning: skabelonen er ikke gemt.";
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string kommunekode, string channel, CancellationToken ct)
    {
        if (await LoadAsync(kommunekode, channel, change: true, ct) is { } stop) return stop;
        var saved = await drafts.SaveAsync(Municipality!.Code, View.Channel, Skabelon, StaffMember.UserName, clock.GetUtcNow(), ct);
        if (!saved.IsAccepted) return Invalid(saved.Refusals);
        await audit.RecordAsync(StaffMember, "rollout.draft.saved", $"rollout/{Municipality.Code}/drafts/{View.Channel.Id}", null, $"version {saved.Value.Saved!.Version}", ct);
        (View, Shown, Skabelon) = (saved.Value, saved.Value.Rendered, saved.Value.Template);
        Message = $"Skabelonen er gemt som version {saved.Value.Saved.Version}.";
        return Page();
    }

    public async Task<IActionResult> OnPostSeenAsync(string kommunekode, string channel, CancellationToken ct)
    {
        if (await LoadAsync(kommunekode, channel, change: true, ct) is { } stop) return stop;
        var changes = View.Changes;
        View = await drafts.MarkSeenAsync(Municipality!.Code, View.Channel, StaffMember.UserName, clock.GetUtcNow(), ct);
        await audit.RecordAsync(StaffMember, "rollout.draft.seen", $"rollout/{Municipality.Code}/drafts/{View.Channel.Id}", null,
            changes.Count == 0 ? "no changed facts" : string.Join("; ", changes.Select(x => $"{x.Label}: {x.Before ?? "–"} → {x.After ?? "–"}")), ct);
        Message = "Ændringerne er markeret som set.";
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string kommunekode, string channel, bool change, CancellationToken ct)
    {
        if (Denied(kommunekode, change) is { } denied) return denied;
        if (DraftChannels.Find(channel) is not { } c) return Refuse(StatusCodes.Status404NotFound, "Der er intet udkast med det navn.");
        View = await drafts.OneAsync(Municipality!.Code, c, ct);
        Shown = View.Rendered;
        if (Request.Method == "GET") Skabelon = View.Template;
        return null;
    }

    private IActionResult Invalid(IReadOnlyList<Refusal> refusals)
    {
        Problems = [.. refusals.Select(r => r.Reason)];
        Shown = View.Rendered;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

using FeeBridge.Application.Rollout;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Server.Citizen;
using FeeBridge.Server.Rollout;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Rollout.Communication;

/// <summary>
/// The FAQ editor (<c>/staff/rollout/{kommunekode}/spoergsmaal</c>, issue 16 part 5): the Markdown (the newest version,
/// or what /borger shows today), a preview as /borger shows it (sanitised), the question bank to add from, saving as a
/// new version, publishing one for /borger, the history, and the HTML for DPL CMS.
/// </summary>
public sealed class FaqModel(FeeBridgeStore store, CitizenTexts texts, MunicipalityFactsSource source, StaffAudit audit, TimeProvider clock) : RolloutPageModel
{
    public FaqEndpoints.FaqJson Faq { get; private set; } = null!;
    public IReadOnlyList<StoredFaq> History { get; private set; } = [];

    [BindProperty] public string? Tekst { get; set; }
    [BindProperty] public string? Spoergsmaal { get; set; }
    [BindProperty] public int Version { get; set; }

    public string? Message { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kommunekode, CancellationToken ct) =>
        await LoadAsync(kommunekode, change: false, null, ct) ?? Page();

    public async Task<IActionResult> OnPostPreviewAsync(string kommunekode, CancellationToken ct)
    {
        if (await LoadAsync(kommunekode, change: false, Tekst, ct) is { } stop) return stop;
        if (FaqEndpoints.Read(Tekst, Municipality!.Name).Problem is { } problem) return Invalid(problem);
        Message = "Forhåndsvisning: teksten er ikke gemt.";
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(string kommunekode, CancellationToken ct)
    {
        if (await LoadAsync(kommunekode, change: false, Tekst, ct) is { } stop) return stop;
        if (Faq.QuestionBank.FirstOrDefault(q => q.Id == Spoergsmaal) is not { } question) return Invalid("Spørgsmålet findes ikke i spørgsmålsbanken.");
        Tekst = (Tekst ?? "").TrimEnd() + "\n\n" + question.Markdown;
        Faq = await FaqEndpoints.JsonAsync(Municipality!.Code, Tekst, store, texts, source, ct);
        Message = $"»{question.Question}« er tilføjet nederst. Gem, når teksten er, som den skal være.";
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string kommunekode, CancellationToken ct)
    {
        if (await LoadAsync(kommunekode, change: true, Tekst, ct) is { } stop) return stop;
        if (FaqEndpoints.Read(Tekst, Municipality!.Name).Problem is { } problem) return Invalid(problem);
        var saved = await store.Rollout.Faqs.SaveAsync(Municipality.Code, Tekst!.ReplaceLineEndings("\n"), clock.GetUtcNow(), StaffMember.UserName, ct);
        await audit.RecordAsync(StaffMember, "rollout.faq.saved", $"rollout/{Municipality.Code}/faq", null, $"version {saved.Version}", ct);
        await LoadAsync(kommunekode, change: true, null, ct);
        Message = $"Gemt som version {saved.Version}. Den vises på /borger, når den er udgivet.";
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(string kommunekode, CancellationToken ct)
    {
        if (await LoadAsync(kommunekode, change: true, null, ct) is { } stop) return stop;
        if (!await store.Rollout.Faqs.PublishAsync(Municipality!.Code, Version, clock.GetUtcNow(), StaffMember.UserName, ct))
            return Invalid($"Der er ingen gemt version {Version}.");
        await audit.RecordAsync(StaffMember, "rollout.faq.published", $"rollout/{Municipality.Code}/faq", null, $"version {Version}", ct);
        await LoadAsync(kommunekode, change: true, null, ct);
        Message = $"Version {Version} er udgivet: /borger viser den nu for {Municipality.Name}.";
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string kommunekode, bool change, string? shown, CancellationToken ct)
    {
        if (Denied(kommunekode, change) is { } denied) return denied;
        Faq = await FaqEndpoints.JsonAsync(Municipality!.Code, shown, store, texts, source, ct);
        History = await store.Rollout.Faqs.HistoryAsync(Municipality.Code, ct);
        Tekst = Faq.Markdown;
        return null;
    }

    private IActionResult Invalid(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

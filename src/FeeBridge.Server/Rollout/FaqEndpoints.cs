using System.Text.Json;
using FeeBridge.Application.Rollout;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Communication.Faq;
using FeeBridge.Server.Citizen;
using FeeBridge.Server.Staff;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// The municipality's FAQ for <c>/borger</c> (issue 16 part 5), under <c>/municipalities/{kommunekode}/faq</c>: the
/// Markdown being edited (the newest version saved, or what /borger shows today), the version published, the question
/// bank filled in from the configuration, and the HTML for DPL CMS. Saving keeps every version; publishing names one,
/// and from then /borger shows it to the municipality's citizens. Scope and audit as the drafts.
/// </summary>
public static class FaqEndpoints
{
    /// <summary>The longest FAQ accepted (characters).</summary>
    public const int MaxLength = 50_000;

    public sealed record FaqEntryJson(string Question, string AnswerHtml);

    public sealed record FaqJson(string Markdown, bool IsDefault, int? Version, int? PublishedVersion, DateTimeOffset? PublishedAt, string? PublishedBy,
        IReadOnlyList<FaqEntryJson> Entries, string CmsHtml, IReadOnlyList<FaqQuestion> QuestionBank);

    public sealed record FaqVersionJson(int Version, DateTimeOffset SavedAt, string SavedBy, bool Published, string Markdown);

    public static RouteGroupBuilder MapFaq(this RouteGroupBuilder rollout)
    {
        rollout.MapGet("/municipalities/{kommunekode}/faq", Get).Produces<FaqJson>()
            .WithSummary("The FAQ being edited (newest version, or what /borger shows today), the published version, the question bank and the HTML for DPL CMS.");
        rollout.MapPut("/municipalities/{kommunekode}/faq", Put).Produces<FaqJson>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("{markdown}: a new version (\"## question\" then the answer); not yet published.");
        rollout.MapPost("/municipalities/{kommunekode}/faq/preview", Preview).Produces<FaqJson>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("{markdown}: the questions and answers as /borger would show them, saving nothing.");
        rollout.MapPost("/municipalities/{kommunekode}/faq/publish", Publish).Produces<FaqJson>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("{version}: /borger shows this saved version to the municipality's citizens from now on.");
        rollout.MapGet("/municipalities/{kommunekode}/faq/history", History).Produces<IReadOnlyList<FaqVersionJson>>()
            .WithSummary("Every saved version, newest first, the published one marked.");
        return rollout;
    }

    /// <summary>The FAQ as a FAQ page would show it; refused when it is empty, too long or has no "## question".</summary>
    public static (IReadOnlyList<FaqEntry>? Entries, string? Problem) Read(string? markdown, string municipalityName)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return (null, "Spørgsmål og svar er tomme.");
        if (markdown.Length > MaxLength) return (null, $"Teksten er længere end {MaxLength:N0} tegn.");
        var entries = CitizenTexts.Parse(markdown.ReplaceLineEndings("\n"), municipalityName);
        if (entries.Count == 0) return (null, "Der er ingen spørgsmål: skriv hvert spørgsmål på en linje, der begynder med \"## \", og svaret under.");
        if (entries.FirstOrDefault(e => e.Question.Length == 0) is not null) return (null, "Et spørgsmål er tomt (en linje med kun \"## \").");
        return (entries, null);
    }

    private static async Task<IResult> Get(HttpContext http, string kommunekode, FeeBridgeStore store, CitizenTexts texts, MunicipalityFactsSource source, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        return Results.Ok(await JsonAsync(code, null, store, texts, source, ct));
    }

    private static async Task<IResult> Put(HttpContext http, string kommunekode, FeeBridgeStore store, CitizenTexts texts, MunicipalityFactsSource source,
        StaffAudit audit, TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: true, out var code) is { } denied) return denied;
        var (markdown, problem) = await ReadMarkdownAsync(http.Request);
        if (problem is not null) return problem;
        var facts = await source.ForAsync(code, ct);
        if (Read(markdown, facts.Name).Problem is { } refused) return Refused("markdown", refused);
        var user = MunicipalityScope.User(http);
        var saved = await store.Rollout.Faqs.SaveAsync(code, markdown!.ReplaceLineEndings("\n"), clock.GetUtcNow(), user.UserName, ct);
        await audit.RecordAsync(user, "rollout.faq.saved", $"rollout/{code}/faq", null, $"version {saved.Version}", ct);
        return Results.Ok(await JsonAsync(code, null, store, texts, source, ct));
    }

    private static async Task<IResult> Preview(HttpContext http, string kommunekode, FeeBridgeStore store, CitizenTexts texts, MunicipalityFactsSource source, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        var (markdown, problem) = await ReadMarkdownAsync(http.Request);
        if (problem is not null) return problem;
        if (Read(markdown, code.Value).Problem is { } refused) return Refused("markdown", refused);
        return Results.Ok(await JsonAsync(code, markdown, store, texts, source, ct));
    }

    private static async Task<IResult> Publish(HttpContext http, string kommunekode, FeeBridgeStore store, CitizenTexts texts, MunicipalityFactsSource source,
        StaffAudit audit, TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: true, out var code) is { } denied) return denied;
        var (doc, problem) = await JsonBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        using var _ = doc;
        var root = doc!.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var v) || !v.TryGetInt32(out var version))
            return Refused("version", "Required: {\"version\"} with the number of a saved version.");
        var user = MunicipalityScope.User(http);
        if (!await store.Rollout.Faqs.PublishAsync(code, version, clock.GetUtcNow(), user.UserName, ct))
            return Refused("version", $"Kommunen har ingen gemt version {version}.");
        await audit.RecordAsync(user, "rollout.faq.published", $"rollout/{code}/faq", null, $"version {version}", ct);
        return Results.Ok(await JsonAsync(code, null, store, texts, source, ct));
    }

    private static async Task<IResult> History(HttpContext http, string kommunekode, FeeBridgeStore store, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        var history = await store.Rollout.Faqs.HistoryAsync(code, ct);
        return Results.Ok(history.Select(h => new FaqVersionJson(h.Version, h.SavedAt, h.SavedBy, h.PublishedAt is not null, h.Markdown)).ToList());
    }

    /// <summary>The FAQ's state; <paramref name="shown"/> replaces the Markdown being edited (a preview).</summary>
    public static async Task<FaqJson> JsonAsync(FeeBridge.Domain.Kommunekode code, string? shown, FeeBridgeStore store, CitizenTexts texts,
        MunicipalityFactsSource source, CancellationToken ct)
    {
        var facts = await source.ForAsync(code, ct);
        var newest = await store.Rollout.Faqs.NewestAsync(code, ct);
        var published = await store.Rollout.Faqs.PublishedAsync(code, ct);
        var markdown = shown ?? newest?.Markdown ?? texts.DefaultFaqMarkdown(code.Value);
        var entries = Read(markdown, facts.Name).Entries ?? [];
        return new FaqJson(markdown, shown is null && newest is null, newest?.Version, published?.Version, published?.PublishedAt, published?.PublishedBy,
            [.. entries.Select(e => new FaqEntryJson(e.Question, e.AnswerHtml))], CitizenTexts.CmsHtml(entries), FaqQuestionBank.For(facts));
    }

    private static async Task<(string? Markdown, IResult? Problem)> ReadMarkdownAsync(HttpRequest request)
    {
        var (doc, problem) = await JsonBody.ReadAsync(request);
        if (problem is not null) return (null, problem);
        using var _ = doc;
        var root = doc!.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("markdown", out var m) && m.ValueKind == JsonValueKind.String) return (m.GetString(), null);
        return (null, Refused("markdown", "Required: {\"markdown\"} with the FAQ as Markdown."));
    }

    private static IResult Refused(string field, string reason)
    {
        var errors = new FieldErrors();
        errors.Add(field, reason);
        return Problems.Validation(errors);
    }
}

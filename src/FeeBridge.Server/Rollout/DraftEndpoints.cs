using System.Text.Json;
using FeeBridge.Application.Rollout;
using FeeBridge.Persistence;
using FeeBridge.Rollout.Communication.Drafts;
using FeeBridge.Rollout.Communication.Print;
using FeeBridge.Server.Staff;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// The drafts written from the live configuration (issue 16 part 2), under <c>/municipalities/{kommunekode}/drafts</c>:
/// each channel's template (the municipality's own or FeeBridge's default), what it renders to today, and which facts
/// changed since it was last seen. Read as the municipality's tasks are read; a template is changed, and a draft
/// marked seen, by the municipality's project leader (or an administrator), and every change is audited. A template
/// that does not parse or render is 422 saying where, and nothing is saved.
/// </summary>
public static class DraftEndpoints
{
    public sealed record TemplateBody(string? Template);

    public static RouteGroupBuilder MapDrafts(this RouteGroupBuilder rollout)
    {
        rollout.MapGet("/municipalities/{kommunekode}/drafts", List)
            .Produces<IReadOnlyList<DraftJson>>()
            .WithSummary("Every channel's draft: template, rendered from today's configuration, and the facts changed since it was last seen.");
        rollout.MapGet("/municipalities/{kommunekode}/drafts/plakat.pdf", Poster)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("The poster for the library, size=A4 (default) or A3, with the municipality's facts filled in.");
        rollout.MapGet("/municipalities/{kommunekode}/drafts/bordkort.pdf", DeskCard)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithSummary("The desk card for the counter (A5 landscape), with the municipality's facts filled in.");
        rollout.MapGet("/municipalities/{kommunekode}/drafts/{channel}", One)
            .Produces<DraftJson>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One channel's draft (hjemmeside, ledelse, skranke, oekonomi, intranet, nyhedsbrev, sms).");
        rollout.MapPut("/municipalities/{kommunekode}/drafts/{channel}", Put)
            .Accepts<TemplateBody>("application/json")
            .Produces<DraftJson>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("{template}: a new version of the municipality's Liquid template; 422 saying where when it does not parse or render.");
        rollout.MapPost("/municipalities/{kommunekode}/drafts/{channel}/preview", Preview)
            .Accepts<TemplateBody>("application/json")
            .Produces<DraftJson>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("{template}: what it would render to today, saving nothing.");
        rollout.MapPost("/municipalities/{kommunekode}/drafts/{channel}/seen", Seen)
            .Produces<DraftJson>()
            .WithSummary("Marks today's facts as seen: the draft's changed-facts markers go until a fact changes again.");
        rollout.MapGet("/municipalities/{kommunekode}/drafts/{channel}/history", History)
            .Produces<IReadOnlyList<DraftVersionJson>>()
            .WithSummary("Every version of the municipality's template for the channel, newest first.");
        return rollout;
    }

    private static IResult NoChannel() => Problems.Result(StatusCodes.Status404NotFound, "No such draft",
        "The channels are " + string.Join(", ", DraftChannels.All.Select(c => c.Id)) + ".");

    private static async Task<IResult> List(HttpContext http, string kommunekode, MunicipalityDrafts drafts, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        return Results.Ok((await drafts.AllAsync(code, ct)).Select(DraftJson.From).ToList());
    }

    private static async Task<IResult> Poster(HttpContext http, string kommunekode, string? size, MunicipalityFactsSource source, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        PrintPiece? piece = (size ?? "A4").ToUpperInvariant() switch { "A4" => PrintPiece.PosterA4, "A3" => PrintPiece.PosterA3, _ => null };
        if (piece is not { } p)
        {
            var errors = new FieldErrors();
            errors.Add("size", "Must be A4 or A3.");
            return Problems.Validation(errors);
        }
        var facts = await source.ForAsync(code, ct);
        return Results.File(PrintPdf.Render(PrintTexts.Poster(facts), p, facts.Name), "application/pdf", PdfName("plakat", code.Value, p));
    }

    private static async Task<IResult> DeskCard(HttpContext http, string kommunekode, MunicipalityFactsSource source, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        var facts = await source.ForAsync(code, ct);
        return Results.File(PrintPdf.Render(PrintTexts.DeskCard(facts), PrintPiece.DeskCard, facts.Name), "application/pdf", PdfName("bordkort", code.Value, PrintPiece.DeskCard));
    }

    /// <summary>"plakat-580-a3.pdf", "bordkort-580.pdf".</summary>
    public static string PdfName(string what, string code, PrintPiece piece) => piece switch
    {
        PrintPiece.PosterA3 => $"{what}-{code}-a3.pdf",
        PrintPiece.PosterA4 => $"{what}-{code}-a4.pdf",
        _ => $"{what}-{code}.pdf",
    };

    private static async Task<IResult> One(HttpContext http, string kommunekode, string channel, MunicipalityDrafts drafts, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        if (DraftChannels.Find(channel) is not { } c) return NoChannel();
        return Results.Ok(DraftJson.From(await drafts.OneAsync(code, c, ct)));
    }

    private static async Task<IResult> Put(HttpContext http, string kommunekode, string channel, MunicipalityDrafts drafts, StaffAudit audit, TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: true, out var code) is { } denied) return denied;
        if (DraftChannels.Find(channel) is not { } c) return NoChannel();
        var (template, problem) = await ReadTemplateAsync(http.Request);
        if (problem is not null) return problem;
        var user = MunicipalityScope.User(http);
        var saved = await drafts.SaveAsync(code, c, template, user.UserName, clock.GetUtcNow(), ct);
        if (!saved.IsAccepted) return Refused(saved.Refusals);
        await audit.RecordAsync(user, "rollout.draft.saved", $"rollout/{code}/drafts/{c.Id}", null, $"version {saved.Value.Saved!.Version}", ct);
        return Results.Ok(DraftJson.From(saved.Value));
    }

    private static async Task<IResult> Preview(HttpContext http, string kommunekode, string channel, MunicipalityDrafts drafts, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        if (DraftChannels.Find(channel) is not { } c) return NoChannel();
        var (template, problem) = await ReadTemplateAsync(http.Request);
        if (problem is not null) return problem;
        var rendered = await drafts.PreviewAsync(code, c, template, ct);
        if (!rendered.IsAccepted) return Refused(rendered.Refusals);
        var current = await drafts.OneAsync(code, c, ct);
        return Results.Ok(DraftJson.From(current with { Template = template!, Rendered = rendered }));
    }

    private static async Task<IResult> Seen(HttpContext http, string kommunekode, string channel, MunicipalityDrafts drafts, StaffAudit audit, TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: true, out var code) is { } denied) return denied;
        if (DraftChannels.Find(channel) is not { } c) return NoChannel();
        var user = MunicipalityScope.User(http);
        var before = await drafts.OneAsync(code, c, ct);
        var seen = await drafts.MarkSeenAsync(code, c, user.UserName, clock.GetUtcNow(), ct);
        await audit.RecordAsync(user, "rollout.draft.seen", $"rollout/{code}/drafts/{c.Id}", null,
            before.Changes.Count == 0 ? "no changed facts" : string.Join("; ", before.Changes.Select(x => $"{x.Label}: {x.Before ?? "–"} → {x.After ?? "–"}")), ct);
        return Results.Ok(DraftJson.From(seen));
    }

    private static async Task<IResult> History(HttpContext http, string kommunekode, string channel, FeeBridgeStore store, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        if (DraftChannels.Find(channel) is not { } c) return NoChannel();
        var history = await store.Rollout.Drafts.TemplateHistoryAsync(code, c.Id, ct);
        return Results.Ok(history.Select(h => new DraftVersionJson(h.Version, h.SavedAt, h.SavedBy, h.Source)).ToList());
    }

    private static async Task<(string? Template, IResult? Problem)> ReadTemplateAsync(HttpRequest request)
    {
        var (doc, problem) = await JsonBody.ReadAsync(request);
        if (problem is not null) return (null, problem);
        using var _ = doc;
        var root = doc!.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("template", out var t) && t.ValueKind == JsonValueKind.String) return (t.GetString(), null);
        var errors = new FieldErrors();
        errors.Add("template", "Required: {\"template\"} with the Liquid template as a string.");
        return (null, Problems.Validation(errors));
    }

    private static IResult Refused(IReadOnlyList<FeeBridge.Rollout.Refusal> refusals)
    {
        var errors = new FieldErrors();
        foreach (var r in refusals) errors.Add(r.Field, r.Reason);
        return Problems.Validation(errors);
    }
}

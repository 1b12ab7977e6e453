using System.Text.Json;
using FeeBridge.Rollout.Communication.Sms;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// <c>POST /sms/segments</c> (CONTRACTS.md §6): what an SMS text costs, for the SMS editor and for anyone writing
/// texts to patrons. <c>{"text"}</c> → <c>{"encoding","characters","segments","outsideGsm"}</c> exactly as the
/// contract has them, plus <c>perSegment</c> and <c>replacements</c> (plain stand-ins for what forces UCS-2). Any
/// signed-in member of staff may ask: it reads nothing and stores nothing.
/// </summary>
public static class SmsEndpoints
{
    public sealed record ReplacementJson(string Character, string Replacement, string Description);

    public sealed record SegmentsJson(string Encoding, int Characters, int Segments, IReadOnlyList<string> OutsideGsm,
        int PerSegment, IReadOnlyList<ReplacementJson> Replacements)
    {
        public static SegmentsJson From(SmsCount c) => new(c.Encoding.WireName(), c.Characters, c.Segments, c.OutsideGsm, c.PerSegment,
            [.. c.Replacements.Select(r => new ReplacementJson(r.Character, r.Replacement, r.Description))]);
    }

    public static RouteGroupBuilder MapSmsSegments(this RouteGroupBuilder rollout)
    {
        rollout.MapPost("/sms/segments", Segments)
            .Accepts<SmsText>("application/json")
            .Produces<SegmentsJson>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("{text} → encoding (GSM-7 or UCS-2), characters as the encoding counts them, SMS segments, the characters outside GSM 03.38 and plain replacements for them.");
        return rollout;
    }

    public sealed record SmsText(string Text);

    private static async Task<IResult> Segments(HttpRequest request)
    {
        var (doc, problem) = await JsonBody.ReadAsync(request);
        if (problem is not null) return problem;
        using var _ = doc;
        var root = doc!.RootElement;
        var errors = new FieldErrors();
        if (root.ValueKind != JsonValueKind.Object) errors.Add("$", "Must be {\"text\"}.");
        else if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String) errors.Add("text", "Required: the SMS text as a string.");
        else return Results.Ok(SegmentsJson.From(SmsCounter.Count(text.GetString()!)));
        return Problems.Validation(errors);
    }
}

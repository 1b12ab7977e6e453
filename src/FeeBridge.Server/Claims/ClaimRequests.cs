using System.Text.Json;
using FeeBridge.Domain;
using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;

namespace FeeBridge.Server.Claims;

/// <summary>Validates the bodies of the Claims API into domain values, collecting every field error at once.</summary>
public static class ClaimRequests
{
    public const int MaxLines = 200;

    /// <summary>How far after its creation a claim may fall due.</summary>
    public const int MaxDueYears = 5;

    /// <summary>
    /// A claim cannot fall due before it arose (0001-01-01 is a default value, not a date), and a due date more than a
    /// few years out is a typo (9999-12-31): the debtor system would hold an account no one is asked to pay, and the
    /// date arithmetic after it (payment days, the banking calendar) runs off the end of the calendar.
    /// </summary>
    public static bool IsSaneDueDate(DateOnly due, DateTimeOffset createdAt)
    {
        var created = PaymentDeadline.LocalDate(createdAt);
        var latest = created.Year <= DateOnly.MaxValue.Year - MaxDueYears ? created.AddYears(MaxDueYears) : DateOnly.MaxValue;
        return due >= created && due <= latest;
    }

    public static ClaimHeader? ReadClaim(JsonElement body, AgencySettings agency, string claimId, FieldErrors errors)
    {
        var f = new JsonFields(errors);
        if (body.ValueKind != JsonValueKind.Object) { errors.Add("$", "The body must be a JSON object."); return null; }

        var patronId = f.Id(body, "patronId", "patronId", required: true);
        var debtor = ReadDebtor(f, f.Get(body, "debtor"), "debtor");
        var debtorName = f.Text(body, "debtorName", "debtorName", required: false, 200);
        Cpr? guardian = null;
        if (f.Get(body, "guardian") is { } g)
        {
            if (g.ValueKind != JsonValueKind.Object) errors.Add("guardian", "Must be an object {\"cpr\": \"...\"} or null.");
            else guardian = f.Cpr(g, "cpr", "guardian.cpr", required: true);
        }
        var kindText = f.Text(body, "kind", "kind", required: true, 20);
        ClaimKind kind = default;
        if (kindText is not null && !ClaimNames.TryParseKind(kindText, out kind)) errors.Add("kind", "Must be 'fee' or 'compensation'.");
        var acknowledged = f.Bool(body, "acknowledged", "acknowledged");
        var reason = f.Text(body, "reason", "reason", required: false, 500);
        var createdAt = f.Instant(body, "createdAt", "createdAt", required: true);
        var dueDate = f.Date(body, "dueDate", "dueDate");
        var lines = ReadLines(f, f.Get(body, "lines"));
        if (dueDate is { } due && createdAt is { } created && !IsSaneDueDate(due, created))
            errors.Add("dueDate", $"Must be from createdAt's date (Danish time) to at most {MaxDueYears} years after it.");

        if (errors.Any) return null;
        return new ClaimHeader(agency.Id, claimId, agency.Municipality, patronId!, debtor!.Value, debtorName, guardian,
            kind, acknowledged, reason, createdAt!.Value, dueDate, lines);
    }

    /// <summary><c>{"cpr": …}</c> or <c>{"cvr": …}</c>, exactly one.</summary>
    public static DebtorId? ReadDebtor(JsonFields f, JsonElement? element, string path)
    {
        if (element is not { ValueKind: JsonValueKind.Object } o)
        {
            f.Errors.Add(path, element is null ? "Required." : "Must be an object with 'cpr' or 'cvr'.");
            return null;
        }
        var hasCpr = f.Get(o, "cpr") is not null;
        var hasCvr = f.Get(o, "cvr") is not null;
        if (hasCpr == hasCvr) { f.Errors.Add(path, "Give exactly one of 'cpr' and 'cvr'."); return null; }
        return hasCpr
            ? f.Cpr(o, "cpr", path + ".cpr", required: true) is { } cpr ? DebtorId.Person(cpr) : null
            : f.Cvr(o, "cvr", path + ".cvr") is { } cvr ? DebtorId.Organisation(cvr) : null;
    }

    private static List<ClaimLine> ReadLines(JsonFields f, JsonElement? element)
    {
        var lines = new List<ClaimLine>();
        if (element is not { ValueKind: JsonValueKind.Array } array)
        {
            f.Errors.Add("lines", element is null ? "Required: at least one line." : "Must be an array of lines.");
            return lines;
        }
        var count = array.GetArrayLength();
        if (count == 0) { f.Errors.Add("lines", "At least one line is required."); return lines; }
        if (count > MaxLines) { f.Errors.Add("lines", $"At most {MaxLines} lines."); return lines; }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var l in array.EnumerateArray())
        {
            var path = $"lines[{i++}]";
            if (l.ValueKind != JsonValueKind.Object) { f.Errors.Add(path, "Must be an object."); continue; }
            var lineId = f.Id(l, "lineId", path + ".lineId", required: true);
            if (lineId is not null && !seen.Add(lineId)) f.Errors.Add(path + ".lineId", "Duplicate lineId; each line needs its own.");
            var amount = f.PositiveAmount(l, "amount", path + ".amount");
            var text = f.Text(l, "text", path + ".text", required: false, 500);
            var item = f.Text(l, "materialItemNumber", path + ".materialItemNumber", required: false, 64);
            var record = f.Text(l, "recordId", path + ".recordId", required: false, 64);
            if (lineId is not null && amount is not null) lines.Add(new ClaimLine(lineId, amount.Value, text, item, record));
        }
        // The claim as a whole is held to the same bound as each line (Money.MaxClaimAmount), so its sums stay readable.
        if (lines.Count == count && lines.Aggregate(0L, (sum, l) => sum + l.Amount.Ore) > Money.MaxClaimAmount.Ore)
            f.Errors.Add("lines", $"The lines together must come to at most {Money.MaxClaimAmount} (the largest amount FeeBridge accepts).");
        return lines;
    }
}

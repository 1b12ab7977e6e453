using System.Globalization;
using FeeBridge.Domain.Claims;
using FeeBridge.Persistence.Staff;
using FeeBridge.Server.Claims;

namespace FeeBridge.Server.Staff.Console;

/// <summary>The staff console API's JSON shapes (CONTRACTS.md §8): money as "0.00" strings, times in Danish time, the debtor masked.</summary>
public static class ConsoleJson
{
    public sealed record PatronHitView(string AgencyId, string PatronId, string? Name, int Claims, int OpenClaims, string Outstanding);

    public sealed record Debtor(string? Cpr, string? Cvr);
    public sealed record Municipality(string Code, string Name, string? PaymentUrl);
    public sealed record FbsView(bool Asked, bool? Blocked, string Detail, string? AsOf);
    public sealed record Block(bool Expected, string Owed, string Threshold, FbsView Fbs, bool? Matches, string Text);
    public sealed record Rejection(string Code, string Text);
    public sealed record Entry(string At, string Source, string Direction, string Type, string? Amount, string? State, string? Detail);

    public sealed record Claim(
        string ClaimId, string Kind, string Title, string Status, string Whereabouts, string WhereaboutsText, string Tell,
        string Amount, string WrittenDown, string Paid, string WrittenOff, string Outstanding, string? Interest, string? ReminderFees, string Owed,
        string? PaymentLine, string? PaymentUrl, string? LastOnTimePaymentDate, string? DebtorSystemStatus, string? DebtorSystemClaimId,
        Rejection? Rejection, string CreatedAt, IReadOnlyList<ClaimResources.Line> Lines, IReadOnlyList<Entry> Timeline);

    public sealed record Patron(string AgencyId, string PatronId, string? Name, Debtor Debtor, Municipality Municipality, string Tell,
        ClaimResources.Balance Balance, Block Block, IReadOnlyList<Claim> Claims, string AsOf);

    public sealed record Reveal(string? Cpr, string? Cvr, string? GuardianCpr);

    public sealed record Expected(int Claims, string Amount, string Text);
    public sealed record CommandOutcomeView(string ClaimId, string Outcome, string? Detail);
    public sealed record CommandDone(int Count, string Amount, string Text, IReadOnlyList<CommandOutcomeView> Claims);
    public sealed record DebtorCorrected(string PatronId, int ClaimsChanged);

    public sealed record QueueItemView(string ItemId, string Kind, string Since, string? AgencyId, string? ClaimId, string? PatronId, string? Code,
        string Reason, string? Amount, long? Count, string? Reference, IReadOnlyList<string> Actions);
    public sealed record QueueView(IReadOnlyList<QueueItemView> Items, IReadOnlyDictionary<string, long> Counts);
    public sealed record Resolved(string ItemId, string Action, string Detail);
    public sealed record BulkResolved(int Count, string Amount, IReadOnlyList<object> Results);

    public sealed record ReportTotal(long Count, string Amount);
    public sealed record DayView(string Day, IReadOnlyDictionary<string, long> Sent, long Refused, IReadOnlyDictionary<string, ReportTotal> Reports,
        long RefusedReports, IReadOnlyDictionary<string, long> Resolved);

    public static PatronHitView Of(PatronHit h) => new(h.AgencyId, h.PatronId, h.Name, h.Claims, h.Open, h.Outstanding.ToString());

    public static Patron Of(DeskPatron p)
    {
        var debtor = p.MaskedDebtor is { } m && m.StartsWith("CVR ", StringComparison.Ordinal) ? new Debtor(null, m[4..]) : new Debtor(p.MaskedDebtor, null);
        var fbs = p.Block.Fbs;
        return new Patron(p.Agency.Id.Value, p.PatronId, p.Name, debtor, new Municipality(p.Municipality.Code.Value, p.Municipality.Name, p.PaymentUrl),
            DeskTexts.Overall(p), p.Balance,
            new Block(p.Block.Expected, p.Block.Owed.ToString(), p.Block.Threshold.ToString(),
                new FbsView(fbs.Asked, fbs.Blocked, fbs.Detail, fbs.AsOf is { } at ? ClaimResources.Time(at) : null), p.Block.Matches, p.Block.Text),
            [.. p.Claims.Select(Of)], ClaimResources.Time(p.AsOf));
    }

    public static Claim Of(DeskClaim c)
    {
        var s = c.Claim;
        var h = s.Header;
        return new Claim(h.ClaimId, ClaimNames.Of(h.Kind), h.Reason ?? (h.Kind == ClaimKind.Fee ? "Gebyr" : "Erstatning"), ClaimNames.Of(s.Status),
            ClaimWhereaboutsNames.Name(c.Where), ClaimWhereaboutsNames.Words(c.Where), c.Tell,
            s.Amount.ToString(), s.WrittenDown.ToString(), s.Paid.ToString(), s.WrittenOff.ToString(), s.Outstanding.ToString(),
            c.Interest?.ToString(), c.ReminderFees?.ToString(), c.Owed.ToString(), c.PaymentLine, c.PaymentUrl, Date(c.LastOnTimePaymentDate),
            c.DebtorSystemStatus, s.DebtorSystemClaimId, c.RejectionCode is { } code ? new Rejection(code, c.RejectionText ?? "") : null,
            h.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
            [.. h.Lines.Select(l => new ClaimResources.Line(l.LineId, l.Amount.ToString(), l.Text, l.MaterialItemNumber, l.RecordId))],
            [.. c.Timeline.Select(e => new Entry(ClaimResources.Time(e.At), e.Source, e.Direction, e.What, e.Amount?.ToString(), e.State, e.Detail))]);
    }

    public static QueueItemView Of(QueueItem i) => new(i.ItemId, StaffConsoleStore.KindName(i.Kind), ClaimResources.Time(i.Since), i.AgencyId, i.ClaimId,
        i.PatronId, i.Code, i.Reason, i.Amount?.ToString(), i.Count, i.Reference, FinanceQueue.ActionsFor(i.Kind, i.Reference));

    public static QueueView Of(QueuePage page) => new([.. page.Items.Select(Of)],
        page.Counts.ToDictionary(c => StaffConsoleStore.KindName(c.Key), c => c.Value));

    public static DayView Of(DayTotals d) => new(d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Sent, d.Refused,
        d.Reports.ToDictionary(r => r.Key, r => new ReportTotal(r.Value.Count, r.Value.Sum.ToString())), d.RefusedReports, d.Resolved);

    public static object Of(Resolution r) => r switch
    {
        Resolution.Done d => new { itemId = d.ItemId, outcome = "resolved", action = d.Action, detail = d.Detail },
        Resolution.NotWaiting n => new { itemId = n.ItemId, outcome = "not-waiting", detail = "No such item waits in this municipality's queue." },
        Resolution.Conflict c => new { itemId = c.ItemId, outcome = "conflict", detail = c.Detail },
        Resolution.Invalid i => new { itemId = (string?)null, outcome = "invalid", detail = i.Message },
        _ => new { itemId = (string?)null, outcome = "unknown", detail = "" },
    };

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

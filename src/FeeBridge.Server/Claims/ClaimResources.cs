using System.Globalization;
using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using FeeBridge.Persistence.Claims;

namespace FeeBridge.Server.Claims;

/// <summary>The JSON shapes the Claims API answers with (CONTRACTS.md §1). Money as "0.00" strings; CPR masked.</summary>
public static class ClaimResources
{
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    public sealed record Debtor(string? Cpr, string? Cvr);
    public sealed record Line(string LineId, string Amount, string? Text, string? MaterialItemNumber, string? RecordId);
    public sealed record Event(int Seq, string At, string Type, string? Amount, string Detail);

    public sealed record Claim(
        string AgencyId, string ClaimId, string Municipality, string PatronId, string Kind, bool Acknowledged,
        string Status, string Route, string? RouteReason, string? ClaimType,
        string Amount, string WrittenDown, string Paid, string WrittenOff, string Outstanding,
        string? DebtorSystemClaimId, Debtor Debtor, string? DebtorName, Debtor? Guardian, string? Reason,
        string? DueDate, string? LastOnTimePaymentDate, string CreatedAt, string UpdatedAt,
        IReadOnlyList<Line> Lines, IReadOnlyList<Event> Events,
        string Credit, string? DebtorSystemRestsaldo, bool NeedsReconciliation);

    public sealed record Summary(
        string ClaimId, string PatronId, string Kind, string Status, string Route, string? RouteReason,
        string Amount, string WrittenDown, string Paid, string WrittenOff, string Outstanding,
        string? DebtorSystemClaimId, string CreatedAt, string UpdatedAt, string Credit, bool NeedsReconciliation);

    public sealed record Page(IReadOnlyList<Summary> Items, string? NextCursor);

    public static Claim From(ClaimState s)
    {
        var h = s.Header;
        return new Claim(
            h.AgencyId.Value, h.ClaimId, h.Municipality.Value, h.PatronId, ClaimNames.Of(h.Kind), h.Acknowledged,
            ClaimNames.Of(s.Status), ClaimNames.Of(s.Route), s.HoldReason is { } r ? ClaimNames.Of(r) : null,
            s.DebtorClaimType?.ToString(),
            s.Amount.ToString(), s.WrittenDown.ToString(), s.Paid.ToString(), s.WrittenOff.ToString(), s.Outstanding.ToString(),
            s.DebtorSystemClaimId,
            new Debtor(s.Debtor.Cpr?.Masked, s.Debtor.Cvr?.Value), h.DebtorName,
            h.Guardian is { } g ? new Debtor(g.Masked, null) : null, h.Reason,
            Date(s.DueDate), Date(s.LastOnTimePaymentDate),
            h.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture), Time(s.UpdatedAt),
            h.Lines.Select(l => new Line(l.LineId, l.Amount.ToString(), l.Text, l.MaterialItemNumber, l.RecordId)).ToList(),
            s.Events.Select(e => new Event(e.Seq, Time(e.At), e.Type, e.Amount?.ToString(), e.Detail)).ToList(),
            s.Credit.ToString(), s.DebtorSystemRestsaldo?.ToString(), s.NeedsReconciliation);
    }

    public static Summary From(ClaimSummary s) => new(
        s.ClaimId, s.PatronId, s.Kind, ClaimNames.Of(s.Status), s.Route, s.HoldReason,
        s.Amount.ToString(), s.WrittenDown.ToString(), s.Paid.ToString(), s.WrittenOff.ToString(), s.Outstanding.ToString(),
        s.DebtorSystemClaimId, s.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture), Time(s.UpdatedAt),
        s.Credit.ToString(), s.NeedsReconciliation);

    /// <summary>An instant in Danish time with its offset, e.g. 2026-11-20T10:15:00.123+01:00.</summary>
    public static string Time(DateTimeOffset t) =>
        TimeZoneInfo.ConvertTime(t, Copenhagen).ToString("yyyy-MM-ddTHH:mm:ss.fffK", CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The patron's balance (library-side figures until the debtor system's are joined in).</summary>
    public sealed record RouteBalance(string Outstanding, int OpenClaims);

    public sealed record Balance(
        string AgencyId, string PatronId, RouteBalance DebtorSystem, RouteBalance Library, string Total,
        string BlockThreshold, bool Block, string? BlockReason, bool DebtorSystemFiguresIncluded, string AsOf);

    public static Balance BalanceOf(AgencySettings agency, string patronId, IReadOnlyList<ClaimSummary> claims, DateTimeOffset now)
    {
        var open = claims.Where(c => c.Status is not (ClaimStatus.Paid or ClaimStatus.WrittenDown or ClaimStatus.Cancelled or ClaimStatus.WrittenOff)).ToList();
        RouteBalance Of(string route)
        {
            var mine = open.Where(c => c.Route == route).ToList();
            return new RouteBalance(mine.Aggregate(Domain.Money.Zero, (sum, c) => sum + c.Outstanding).ToString(), mine.Count);
        }
        var total = open.Aggregate(Domain.Money.Zero, (sum, c) => sum + c.Outstanding);
        // Rule "block": unpaid claims at or above the agency's threshold block the patron (FBS reason E).
        var block = total >= agency.BlockThreshold && total.IsPositive;
        return new Balance(agency.Id.Value, patronId, Of(ClaimNames.Of(ClaimRoute.DebtorSystem)), Of(ClaimNames.Of(ClaimRoute.Library)),
            total.ToString(), agency.BlockThreshold.ToString(), block, block ? "E" : null, false, Time(now));
    }
}

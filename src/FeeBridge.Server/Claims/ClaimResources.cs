using System.Globalization;
using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using FeeBridge.Application.Claims;
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

    /// <summary>What the patron owes on one route (principal left on open claims).</summary>
    public sealed record RouteBalance(string Outstanding, int OpenClaims);

    /// <summary>Where the debtor system's figures come from, and how fresh they are.</summary>
    public sealed record DebtorSystemSource(bool Reachable, string? AsOf, string? UnreachableSince, string Detail);

    /// <summary>The debtor-system route: principal from FeeBridge's ledger, interest and reminder fees from the debtor system.</summary>
    public sealed record DebtorRouteBalance(string Outstanding, int OpenClaims, string? Interest, string? ReminderFees, string? Owed, DebtorSystemSource Source);

    public sealed record Balance(
        string AgencyId, string PatronId, DebtorRouteBalance DebtorSystem, RouteBalance Library, string Total,
        string BlockThreshold, bool Block, string? BlockReason, bool DebtorSystemFiguresIncluded, string AsOf, string Credit);

    /// <param name="debtorSystem">The debtor system's view of the patron's claims in it; null when the patron has none there.</param>
    public static Balance BalanceOf(PatronClaims patron)
    {
        var (agency, patronId, claims, debtorSystem, now) = (patron.Agency, patron.PatronId, patron.Claims, patron.DebtorSystem, patron.At);
        var open = claims.Where(c => c.Status is not (ClaimStatus.Paid or ClaimStatus.WrittenDown or ClaimStatus.Cancelled or ClaimStatus.WrittenOff)).ToList();
        var zero = Domain.Money.Zero;
        Domain.Money Sum(IEnumerable<ClaimSummary> cs) => cs.Aggregate(zero, (sum, c) => sum + c.Outstanding);
        var library = open.Where(c => c.Route == ClaimNames.Of(ClaimRoute.Library)).ToList();
        var debtor = open.Where(c => c.Route == ClaimNames.Of(ClaimRoute.DebtorSystem)).ToList();
        var principal = Sum(open);

        // Interest and fees belong to every claim the debtor system holds for this patron, settled principal or not.
        var held = claims.Where(c => c.Route == ClaimNames.Of(ClaimRoute.DebtorSystem))
            .Select(c => debtorSystem?.Claims?.GetValueOrDefault(new ClaimKey(c.AgencyId, c.ClaimId).FagsystemFordringId)).OfType<FeeBridge.DebtorSystem.Contract.ForespoergselFordring>().ToList();
        var known = debtorSystem?.Claims is not null;
        var interest = held.Aggregate(zero, (sum, c) => sum + c.Renter);
        var fees = held.Aggregate(zero, (sum, c) => sum + c.Rykkergebyrer);
        var source = debtorSystem is null
            ? new DebtorSystemSource(true, null, null, "The patron has no claims in the debtor system.")
            : debtorSystem.UnreachableSince is { } since
                ? new DebtorSystemSource(false, debtorSystem.AsOf is { } a ? Time(a) : null, Time(since), known
                    ? "The debtor system does not answer; interest and reminder fees are as it last said."
                    : "The debtor system does not answer; interest and reminder fees are not known yet.")
                : new DebtorSystemSource(true, debtorSystem.AsOf is { } b ? Time(b) : null, null, "Interest and reminder fees as the debtor system says.");

        var debtorOwed = Sum(debtor) + interest + fees;
        // Rule "block": unpaid library claims (principal) at or above the agency's threshold block the patron (FBS reason E).
        // The debtor system's interest and fees are not FBS fees and do not count.
        var block = principal >= agency.BlockThreshold && principal.IsPositive;
        return new Balance(agency.Id.Value, patronId,
            new DebtorRouteBalance(Sum(debtor).ToString(), debtor.Count, known ? interest.ToString() : null, known ? fees.ToString() : null,
                known ? debtorOwed.ToString() : null, source),
            new RouteBalance(Sum(library).ToString(), library.Count),
            (known ? principal + interest + fees : principal).ToString(), agency.BlockThreshold.ToString(), block, block ? "E" : null, known, Time(now),
            claims.Aggregate(zero, (sum, c) => sum + c.Credit).ToString());
    }
}

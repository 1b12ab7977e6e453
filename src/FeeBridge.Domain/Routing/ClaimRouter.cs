using FeeBridge.Domain.Claims;

namespace FeeBridge.Domain.Routing;

/// <summary>The outcome of routing one new claim.</summary>
public abstract record RoutingDecision
{
    /// <summary>The claim stays with the library (or waits) for <paramref name="Reason"/>.</summary>
    public sealed record Hold(HoldReason Reason) : RoutingDecision;

    /// <summary>
    /// The claim goes to the debtor system. <paramref name="ReleaseWaiting"/>: the patron's claims waiting below the
    /// minimum go with it.
    /// </summary>
    public sealed record Queue(ClaimQueued Event, bool ReleaseWaiting) : RoutingDecision;
}

/// <summary>Decides where a new claim goes. Rules are applied in order: cut-over, kind, minimum.</summary>
public static class ClaimRouter
{
    /// <param name="waitingBelowMinimum">What the same patron's claims already waiting below the minimum still owe.</param>
    public static RoutingDecision Route(ClaimHeader claim, AgencySettings agency, MunicipalityRules rules, Money waitingBelowMinimum)
    {
        if (IsBeforeCutOver(claim, agency)) return new RoutingDecision.Hold(HoldReason.BeforeCutOver);

        var type = DebtorClaimTypeOf(claim, rules);
        if (type is null) return new RoutingDecision.Hold(HoldReason.CompensationNotAcknowledged);

        if (claim.Amount + waitingBelowMinimum < rules.Minimum) return new RoutingDecision.Hold(HoldReason.BelowMinimum);

        return new RoutingDecision.Queue(QueuedEvent(claim, type.Value, rules), ReleaseWaiting: waitingBelowMinimum.IsPositive);
    }

    /// <summary>Rule "cut-over date": a claim created (Danish date) before the agency's cut-over stays with the library.</summary>
    public static bool IsBeforeCutOver(ClaimHeader claim, AgencySettings agency) =>
        PaymentDeadline.LocalDate(claim.CreatedAt) < agency.CutOverDate;

    /// <summary>
    /// Rule "claim kinds": a fee goes as <c>BIBGEBYR</c>, acknowledged compensation as <c>BIBERSTATNING</c>;
    /// unacknowledged compensation goes as <c>BIBERSTATNINGCIVIL</c> or is held (null), per municipality.
    /// </summary>
    public static DebtorClaimType? DebtorClaimTypeOf(ClaimHeader claim, MunicipalityRules rules) => claim switch
    {
        { Kind: ClaimKind.Fee } => DebtorClaimType.BIBGEBYR,
        { Acknowledged: true } => DebtorClaimType.BIBERSTATNING,
        _ when rules.UnacknowledgedCompensation == UnacknowledgedCompensationPolicy.SendAsCivil => DebtorClaimType.BIBERSTATNINGCIVIL,
        _ => null,
    };

    /// <summary>The event that queues a claim: its type, its due date (given, or the creation date) and last on-time payment date.</summary>
    public static ClaimQueued QueuedEvent(ClaimHeader claim, DebtorClaimType type, MunicipalityRules rules) =>
        new(type,
            claim.DueDate ?? PaymentDeadline.LocalDate(claim.CreatedAt),
            PaymentDeadline.LastOnTimePaymentDate(claim.CreatedAt, rules.PaymentDays));
}

namespace FeeBridge.Domain.Claims;

/// <summary>What FeeBridge must ask of the debtor system (an SF1590 <c>Handling</c>).</summary>
public enum HandlingKind
{
    /// <summary>Register the claim (and the debtor's account if it is new).</summary>
    OpretDebitorkonto,

    /// <summary>Write the claim down.</summary>
    NedskrivFordring,

    /// <summary>Cancel the claim.</summary>
    AnnullerFordring,

    /// <summary>Move the liability to another person or organisation.</summary>
    SkiftJuridiskAnsvarlig,
}

/// <summary>
/// Decides which events on a claim must reach the debtor system. Only claims routed there cause handlings;
/// changes to a claim the library keeps are local. Handlings are queued (outbox) in the same transaction as their
/// event and sent in the claim's event order, so an update never overtakes the registration it depends on.
/// </summary>
public static class DebtorSystemHandlings
{
    /// <param name="before">The claim as it was before <paramref name="e"/>.</param>
    public static HandlingKind? For(ClaimState before, ClaimEvent e) => e switch
    {
        ClaimQueued => HandlingKind.OpretDebitorkonto,
        _ when before.Route != ClaimRoute.DebtorSystem => null,
        // A rejected claim is not in the debtor system: changes stay local, and a corrected debtor sends it again.
        DebtorChanged when before.Status == ClaimStatus.Rejected => HandlingKind.OpretDebitorkonto,
        _ when before.Status == ClaimStatus.Rejected => null,
        ClaimWrittenDown => HandlingKind.NedskrivFordring,
        ClaimCancelled => HandlingKind.AnnullerFordring,
        // With a guardian the guardian stays liable, so a change of the patron's own number moves no liability.
        DebtorChanged d when before.LiableParty != before.Header.LiableParty(d.NewDebtor) => HandlingKind.SkiftJuridiskAnsvarlig,
        _ => null,
    };
}

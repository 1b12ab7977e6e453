namespace FeeBridge.Domain.Claims;

/// <summary>
/// Which claim: the agency that created it and the claim's id there (FBS's fee id). Claim ids are unique only within
/// an agency, so the two always travel together — as this value, not as a tuple or an "agency/claim" string.
/// </summary>
public readonly record struct ClaimKey(string AgencyId, string ClaimId)
{
    /// <summary>The debtor system's <c>FagsystemFordringId</c>: <c>agencyId-claimId</c> (CONTRACTS.md §3.1).</summary>
    public string FagsystemFordringId => $"{AgencyId}-{ClaimId}";

    /// <summary>
    /// The claim a <c>FagsystemFordringId</c> names, or null when it is not one FeeBridge gives out (a 6-digit agency
    /// id, a hyphen, a claim id).
    /// </summary>
    public static ClaimKey? FromFagsystemFordringId(string fagsystemFordringId) =>
        fagsystemFordringId.Length > 7 && fagsystemFordringId[6] == '-' && Domain.AgencyId.TryParse(fagsystemFordringId[..6], out _, out _)
            ? new ClaimKey(fagsystemFordringId[..6], fagsystemFordringId[7..])
            : null;

    public override string ToString() => $"{AgencyId}/{ClaimId}";
}

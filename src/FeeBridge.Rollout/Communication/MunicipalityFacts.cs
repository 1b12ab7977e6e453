namespace FeeBridge.Rollout.Communication;

/// <summary>
/// What FeeBridge knows of one municipality's live configuration, as plain values, for what the rollout writes from
/// it (the flow of the changed workflows, the drafts): the host maps its configuration onto this, the rollout reads
/// nothing itself. A municipality FeeBridge does not serve yet has no <see cref="Rules"/> and no libraries, and what
/// is written from it says so instead of guessing.
/// </summary>
/// <param name="Code">The kommunekode, e.g. <c>223</c>.</param>
/// <param name="Name">As citizens know it, e.g. "Hørsholm Kommune".</param>
/// <param name="Rules">The municipality's rules for library claims; null when it is not configured in FeeBridge.</param>
/// <param name="Libraries">Its library agencies with their cut-over dates (DOMAIN.md §4), oldest cut-over first.</param>
/// <param name="PaymentSite">Where citizens pay what went to the municipality (its own payment site); null when not configured.</param>
/// <param name="Speed">How fast payments have shown, as FeeBridge measured it.</param>
public sealed record MunicipalityFacts(
    string Code,
    string Name,
    MunicipalRules? Rules,
    IReadOnlyList<LibraryFacts> Libraries,
    string? PaymentSite,
    MeasuredPaymentSpeed Speed)
{
    /// <summary>True when FeeBridge serves the municipality: its rules and at least one library are configured.</summary>
    public bool IsConfigured => Rules is not null && Libraries.Count > 0;
}

/// <summary>A municipality's rules for library claims (DOMAIN.md §4).</summary>
/// <param name="MinimumOre">Claims below this (øre) wait until the patron's waiting claims together reach it; 0 for none.</param>
/// <param name="UnacknowledgedCompensation">What becomes of a compensation claim the patron has not acknowledged.</param>
/// <param name="PaymentDays">Days from a claim's creation to its last on-time payment date.</param>
public sealed record MunicipalRules(long MinimumOre, CompensationRule UnacknowledgedCompensation, int PaymentDays);

/// <summary>What a municipality does with compensation claims the patron has not acknowledged (DOMAIN.md §4 "claim kinds").</summary>
public enum CompensationRule
{
    /// <summary>They stay with the library.</summary>
    StaysWithLibrary,

    /// <summary>They go to the debtor system as civil claims (no collection by Gældsstyrelsen).</summary>
    SentAsCivilClaim,
}

/// <summary>One library agency of the municipality.</summary>
/// <param name="AgencyId">The 6-digit FBS agency id.</param>
/// <param name="Name">E.g. "Hørsholm Bibliotek".</param>
/// <param name="CutOverDate">Claims created before it stay with the library (DOMAIN.md §4 "cut-over date").</param>
/// <param name="BlockThresholdOre">Unpaid claims at or above this (øre) block the patron (FBS reason E).</param>
public sealed record LibraryFacts(string AgencyId, string Name, DateOnly CutOverDate, long BlockThresholdOre);

/// <summary>
/// How long payments took from the debtor system's report to being on the claim and on their way to FBS, measured by
/// FeeBridge over the last <paramref name="Days"/> days. Without payments there is no figure, and none is promised.
/// </summary>
public sealed record MeasuredPaymentSpeed(int Payments, int Days, TimeSpan? Median, TimeSpan? P95)
{
    public static MeasuredPaymentSpeed NotMeasured(int days = 7) => new(0, days, null, null);

    public bool IsMeasured => Payments > 0 && Median is not null && P95 is not null;
}

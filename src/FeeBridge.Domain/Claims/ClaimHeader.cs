namespace FeeBridge.Domain.Claims;

/// <summary>One line of a claim (a <c>Delfordring</c>): one fee or one item.</summary>
public sealed record ClaimLine(string LineId, Money Amount, string? Text, string? MaterialItemNumber, string? RecordId);

/// <summary>
/// What the library system handed over, validated. It never changes after receipt: later changes
/// (write-downs, a new debtor) are events on the claim, not edits of the header.
/// </summary>
public sealed record ClaimHeader(
    AgencyId AgencyId,
    string ClaimId,
    Kommunekode Municipality,
    string PatronId,
    DebtorId Debtor,
    string? DebtorName,
    Cpr? Guardian,
    ClaimKind Kind,
    bool Acknowledged,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateOnly? DueDate,
    IReadOnlyList<ClaimLine> Lines)
{
    public ClaimKey Key => new(AgencyId.Value, ClaimId);

    /// <summary>The claim's total: the sum of its lines.</summary>
    public Money Amount => Lines.Aggregate(Money.Zero, (sum, l) => sum + l.Amount);

    /// <summary>Rule "guardian of a minor": a claim with a guardian makes the guardian the liable party.</summary>
    public DebtorId LiableParty(DebtorId currentDebtor) =>
        Guardian is { } g ? DebtorId.Person(g) : currentDebtor;

}

namespace FeeBridge.Domain.Claims;

/// <summary>What the debtor system reports about a claim on its side (the SF1590 <c>Haendelse</c> types, CONTRACTS.md §3.2).</summary>
public enum DebtorEventKind
{
    /// <summary><c>Daekning</c>: a payment covered (part of) the claim's principal; more than is owed is a credit.</summary>
    Covered,

    /// <summary><c>Afskrivning</c>: the debtor system wrote (part of) the claim off.</summary>
    WrittenOff,

    /// <summary><c>Nedregulering</c>: the debtor system reduced the claim itself (a correction on its side).</summary>
    AdjustedDown,

    /// <summary><c>Tilbagefoersel</c>: a payment was reversed (e.g. a bounced transfer); what it covered is owed again.</summary>
    PaymentReversed,

    /// <summary><c>OversendtTilInddrivelse</c>: handed to the state's debt collection (PSRM).</summary>
    HandedToCollection,

    /// <summary><c>InddrivelseTilbagekaldt</c>: called back from collection.</summary>
    CollectionRecalled,

    /// <summary><c>KontoLukket</c>: the debtor's account was closed; the amount is what was closed out unpaid.</summary>
    AccountClosed,
}

/// <summary>
/// The debtor system reported an event on the claim. Delivered at least once and in any order, so it is recorded once
/// per <see cref="HaendelseId"/>, and <see cref="ClaimState"/> folds these as sums and counts: the result does not
/// depend on their order. <see cref="Restsaldo"/> is the principal the debtor system says is left after it.
/// </summary>
public sealed record DebtorSystemReported(Guid HaendelseId, DebtorEventKind Kind, Money Beloeb, DateOnly ValueDate, string? PaymentMethod, Money Restsaldo)
    : ClaimEvent
{
    public override string Type => DebtorEvents.WireName(Kind);
    public override Money? Amount => Beloeb;
    public override string Detail => PaymentMethod is null
        ? $"{DebtorEvents.Describe(Kind)} on {ValueDate:yyyy-MM-dd}; the debtor system has {Restsaldo} left"
        : $"{DebtorEvents.Describe(Kind)} ({PaymentMethod}) on {ValueDate:yyyy-MM-dd}; the debtor system has {Restsaldo} left";
    public override string? IdempotencyKey => DebtorEvents.Key(HaendelseId);
}

/// <summary>
/// What a claim has been told so far, for weighing a new report at receipt: its reductions (the library's
/// write-downs and the debtor system's <c>Nedregulering</c>s) and its payments less reversals.
/// </summary>
public readonly record struct ReportedSoFar(Money Reductions, Money NetPayments)
{
    /// <summary>This report taken into account (once it is accepted), for the next one in the same delivery.</summary>
    public ReportedSoFar After(DebtorEventKind kind, Money beloeb) => kind switch
    {
        DebtorEventKind.AdjustedDown => this with { Reductions = Reductions + beloeb },
        DebtorEventKind.Covered => this with { NetPayments = NetPayments + beloeb },
        DebtorEventKind.PaymentReversed => this with { NetPayments = NetPayments - beloeb },
        _ => this,
    };
}

/// <summary>Names and rules for the debtor system's events.</summary>
public static class DebtorEvents
{
    public static string Key(Guid haendelseId) => "haendelse:" + haendelseId.ToString("D");

    public static string WireName(DebtorEventKind k) => k switch
    {
        DebtorEventKind.Covered => "covered",
        DebtorEventKind.WrittenOff => "written-off-by-debtor-system",
        DebtorEventKind.AdjustedDown => "adjusted-down",
        DebtorEventKind.PaymentReversed => "payment-reversed",
        DebtorEventKind.HandedToCollection => "handed-to-collection",
        DebtorEventKind.CollectionRecalled => "collection-recalled",
        DebtorEventKind.AccountClosed => "account-closed",
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    public static bool TryParseWireName(string text, out DebtorEventKind kind)
    {
        foreach (var k in Enum.GetValues<DebtorEventKind>())
        {
            if (WireName(k) == text) { kind = k; return true; }
        }
        kind = default;
        return false;
    }

    public static string Describe(DebtorEventKind k) => k switch
    {
        DebtorEventKind.Covered => "Payment",
        DebtorEventKind.WrittenOff => "Written off by the debtor system",
        DebtorEventKind.AdjustedDown => "Reduced by the debtor system",
        DebtorEventKind.PaymentReversed => "Payment reversed",
        DebtorEventKind.HandedToCollection => "Handed to collection (Gældsstyrelsen)",
        DebtorEventKind.CollectionRecalled => "Called back from collection",
        DebtorEventKind.AccountClosed => "Account closed by the debtor system",
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    /// <summary>
    /// Why an event cannot be true of this claim, or null when it can. Checked before the event is accepted, so a
    /// wrong report is refused (<c>Afvist</c>) and kept for staff instead of bending the ledger.
    /// </summary>
    public static string? Impossibility(Money principal, DebtorEventKind kind, Money beloeb, Money restsaldo)
    {
        if (beloeb.IsNegative) return "Beloeb is negative.";
        // One bound for every amount FeeBridge takes (Money.MaxClaimAmount), so every sum of them stays readable.
        if (!beloeb.IsWithinMax) return $"Beloeb is more than {Money.MaxClaimAmount}, the largest amount FeeBridge accepts.";
        if (restsaldo.IsNegative) return "Restsaldo is negative.";
        if (restsaldo > principal) return $"Restsaldo {restsaldo} is more than the claim's principal {principal}.";
        var moves = kind is DebtorEventKind.Covered or DebtorEventKind.WrittenOff or DebtorEventKind.AdjustedDown or DebtorEventKind.PaymentReversed;
        if (moves && beloeb.IsZero) return "Beloeb must be more than zero for this type.";
        // Only a payment can exceed the principal (an over-payment becomes a credit); nothing else can take more than there was.
        if (kind is DebtorEventKind.WrittenOff or DebtorEventKind.AdjustedDown or DebtorEventKind.AccountClosed && beloeb > principal)
            return $"Beloeb {beloeb} is more than the claim's principal {principal}.";
        return null;
    }

    /// <summary>
    /// <see cref="Impossibility(Money, DebtorEventKind, Money, Money)"/>, and what cannot be true given what the claim
    /// has been told so far (<paramref name="soFar"/>: applied, waiting in the inbox, and earlier in the same
    /// delivery): reductions (write-downs and <c>Nedregulering</c>s) together never exceed the principal, and a
    /// <c>Tilbagefoersel</c> never reverses more than the payments reported — it comes after the payment it reverses.
    /// </summary>
    public static string? Impossibility(Money principal, ReportedSoFar soFar, DebtorEventKind kind, Money beloeb, Money restsaldo)
    {
        if (Impossibility(principal, kind, beloeb, restsaldo) is { } reason) return reason;
        if (kind == DebtorEventKind.AdjustedDown && soFar.Reductions + beloeb > principal)
            return $"Nedregulering {beloeb} would reduce the claim by {soFar.Reductions + beloeb} in all, more than its principal {principal}.";
        if (kind == DebtorEventKind.PaymentReversed && beloeb > soFar.NetPayments)
            return $"Tilbagefoersel {beloeb} is more than the payments reported for the claim ({Money.Max(Money.Zero, soFar.NetPayments)}); report the payment before its reversal.";
        return null;
    }

    /// <summary>Records an event once: a repeat delivery (same <c>HaendelseId</c>) changes nothing.</summary>
    public static CommandOutcome Record(ClaimState claim, DebtorSystemReported e, DateTimeOffset now) =>
        claim.FindByKey(e.IdempotencyKey!) is not null
            ? new CommandOutcome.AlreadyDone()
            : new CommandOutcome.Accepted([e with { Seq = claim.NextSeq, At = now }]);
}

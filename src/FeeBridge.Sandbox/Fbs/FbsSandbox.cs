namespace FeeBridge.Sandbox.Fbs;

/// <summary>The two clients the FBS sandbox knows, by their bearer tokens.</summary>
public static class FbsClients
{
    /// <summary>FeeBridge's connector: may pay only fees handed to the debtor system (<c>payableByClient</c> false).</summary>
    public const string FeeBridgeToken = "sandbox-feebridge-token";

    /// <summary>The library website: may pay only fees payable at the library (<c>payableByClient</c> true).</summary>
    public const string WebsiteToken = "sandbox-website-token";
}

/// <summary>One fee as the FBS sandbox holds it.</summary>
public sealed record FbsFee
{
    public required long FeeId { get; init; }
    public required string AgencyId { get; init; }
    public required string PatronId { get; init; }
    public required string Type { get; init; }
    public required string ReasonMessage { get; init; }
    public required Money Amount { get; init; }
    public required DateOnly CreationDate { get; init; }
    public DateOnly? DueDate { get; init; }
    public DateOnly? PaidDate { get; set; }

    /// <summary>The instant it was paid (sandbox extension, for measuring how fast a payment arrives).</summary>
    public DateTimeOffset? PaidAt { get; set; }
    public bool PayableByClient { get; set; } = true;
    public string? MaterialItemNumber { get; init; }
    public string? RecordId { get; init; }
    public string? OrderId { get; set; }
    public string? ConfirmationId { get; set; }
}

/// <summary>A patron as the FBS sandbox holds them: fees, and the <c>E</c> block while unpaid fees reach the threshold.</summary>
public sealed record FbsPatron
{
    public required string AgencyId { get; init; }
    public required string PatronId { get; init; }
    public required string Name { get; init; }
    public DateOnly? BlockedSince { get; set; }
    public List<FbsFee> Fees { get; init; } = [];
    public Money Unpaid => Fees.Where(f => f.PaidDate is null).Aggregate(Money.Zero, (sum, f) => sum + f.Amount);
}

/// <summary>FBS's answer for one fee of a payment.</summary>
public sealed record FbsPaymentAnswer(long FeeId, string PaymentStatus, string? ConfirmationId);

/// <summary>
/// The sandbox's FBS: patrons and fees per agency, the <c>E</c> block while unpaid fees are at or above the agency's
/// threshold, and the payment call — idempotent per <c>orderId</c>, a fee paid whole or not at all, and only by the
/// client allowed to pay it. Kept in memory: a sandbox process starts empty.
/// </summary>
public sealed class FbsSandbox(TimeProvider clock)
{
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Agency, string Patron), FbsPatron> _patrons = new();
    private readonly Dictionary<(string Agency, string OrderId), List<FbsPaymentAnswer>> _orders = new();
    private long _nextFeeId = 1000;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Copenhagen).DateTime);

    /// <summary>Creates a fee (and the patron on first use); it is payable at the library until FeeBridge routes it.</summary>
    public FbsFee CreateFee(string agencyId, string patronId, string name, string type, string reasonMessage, Money amount, DateOnly created,
        string? materialItemNumber, string? recordId)
    {
        lock (_gate)
        {
            if (!_patrons.TryGetValue((agencyId, patronId), out var patron))
                _patrons[(agencyId, patronId)] = patron = new FbsPatron { AgencyId = agencyId, PatronId = patronId, Name = name };
            var fee = new FbsFee
            {
                FeeId = ++_nextFeeId, AgencyId = agencyId, PatronId = patronId, Type = type, ReasonMessage = reasonMessage, Amount = amount,
                CreationDate = created, MaterialItemNumber = materialItemNumber, RecordId = recordId,
            };
            patron.Fees.Add(fee);
            UpdateBlock(patron);
            return fee with { };
        }
    }

    /// <summary>FeeBridge took the fee: handed to the debtor system means it is no longer payable at the library.</summary>
    public void Routed(string agencyId, string patronId, long feeId, bool toDebtorSystem)
    {
        lock (_gate)
        {
            if (Find(agencyId, patronId, feeId) is { } fee) fee.PayableByClient = !toDebtorSystem;
        }
    }

    /// <summary>FeeBridge refused the fee: FBS does not keep what it could not hand over.</summary>
    public void Remove(string agencyId, string patronId, long feeId)
    {
        lock (_gate)
        {
            if (!_patrons.TryGetValue((agencyId, patronId), out var patron)) return;
            patron.Fees.RemoveAll(f => f.FeeId == feeId);
            UpdateBlock(patron);
        }
    }

    /// <summary>A copy of the patron and their fees, or null.</summary>
    public FbsPatron? Patron(string agencyId, string patronId)
    {
        lock (_gate)
        {
            return _patrons.TryGetValue((agencyId, patronId), out var p) ? p with { Fees = p.Fees.Select(f => f with { }).ToList() } : null;
        }
    }

    /// <summary>
    /// The payment call. The same <paramref name="orderId"/> again gets the same answer and changes nothing. A fee is
    /// paid by the client allowed to (FeeBridge: fees handed to the debtor system; the website: fees payable at the
    /// library), whole; a fee already paid under another order says so; a fee that is not this patron's is not
    /// allowed (FBS does not tell a client whether someone else's fee exists).
    /// </summary>
    public IReadOnlyList<FbsPaymentAnswer> Pay(string agencyId, string patronId, string orderId, IReadOnlyList<long> feeIds, string clientToken)
    {
        lock (_gate)
        {
            if (_orders.TryGetValue((agencyId, orderId), out var earlier)) return earlier;
            var answers = new List<FbsPaymentAnswer>();
            foreach (var id in feeIds.Distinct())
            {
                var fee = Find(agencyId, patronId, id);
                if (fee is null || fee.PayableByClient != (clientToken == FbsClients.WebsiteToken))
                {
                    answers.Add(new FbsPaymentAnswer(id, "paymentNotAllowedByClient", null));
                    continue;
                }
                if (fee.PaidDate is not null)
                {
                    answers.Add(new FbsPaymentAnswer(id, fee.OrderId == orderId ? "paymentRegistered" : "paymentRegisteredByDifferentOrderId", fee.ConfirmationId));
                    continue;
                }
                fee.PaidDate = Today;
                fee.PaidAt = clock.GetUtcNow();
                fee.OrderId = orderId;
                fee.ConfirmationId = $"FBS-{Guid.NewGuid():N}"[..16];
                answers.Add(new FbsPaymentAnswer(id, "paymentRegistered", fee.ConfirmationId));
            }
            if (_patrons.TryGetValue((agencyId, patronId), out var patron)) UpdateBlock(patron);
            _orders[(agencyId, orderId)] = answers;
            return answers;
        }
    }

    private FbsFee? Find(string agencyId, string patronId, long feeId) =>
        _patrons.TryGetValue((agencyId, patronId), out var p) ? p.Fees.FirstOrDefault(f => f.FeeId == feeId) : null;

    // Rule "block": unpaid fees at or above the agency's threshold block the patron (reason E); below, the block lifts.
    private void UpdateBlock(FbsPatron patron)
    {
        var threshold = SandboxSeed.Agencies.FirstOrDefault(a => a.Id.Value == patron.AgencyId)?.BlockThreshold ?? Money.Parse("200.00");
        var blocked = patron.Unpaid.IsPositive && patron.Unpaid >= threshold;
        if (!blocked) patron.BlockedSince = null;
        else patron.BlockedSince ??= Today;
    }
}

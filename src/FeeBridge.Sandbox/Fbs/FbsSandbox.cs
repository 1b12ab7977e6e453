namespace FeeBridge.Sandbox.Fbs;

/// <summary>The two client systems the FBS sandbox knows, by the user names they log in with (CONTRACTS.md §4).</summary>
public static class FbsClients
{
    /// <summary>FeeBridge's connector: may pay only fees handed to the debtor system (<c>payableByClient</c> false).</summary>
    public const string FeeBridge = "feebridge";

    /// <summary>The library website (sandbox extension): may pay only fees payable at the library (<c>payableByClient</c> true).</summary>
    public const string Website = "website";

    /// <summary>Both clients' password in the sandbox.</summary>
    public const string Password = "sandbox";

    public static bool Known(string? username, string? password) => username is FeeBridge or Website && password == Password;
}

/// <summary>FBS's <c>{agencyid}</c>: the ISIL, <c>DK-</c> and the 6-digit agency number (CONTRACTS.md §2).</summary>
public static class FbsIsil
{
    public static string Of(string agencyId) => "DK-" + agencyId;

    /// <summary>The 6-digit agency number of an ISIL such as <c>DK-710100</c>, or null.</summary>
    public static string? AgencyOf(string isil) =>
        isil.Length == 9 && isil.StartsWith("DK-", StringComparison.Ordinal) && isil[3..].All(char.IsAsciiDigit) ? isil[3..] : null;
}

/// <summary>One fee as the FBS sandbox holds it.</summary>
public sealed record FbsFee
{
    public required long FeeId { get; init; }
    public required string AgencyId { get; init; }
    public required long PatronId { get; init; }
    public required string Type { get; init; }
    public required string ReasonMessage { get; init; }
    public required Money Amount { get; init; }
    public required DateOnly CreationDate { get; init; }
    public DateOnly? DueDate { get; init; }
    public DateOnly? PaidDate { get; set; }

    /// <summary>The instant it was paid (sandbox extension, for measuring how fast a payment arrives).</summary>
    public DateTimeOffset? PaidAt { get; set; }
    public bool PayableByClient { get; set; } = true;
    /// <summary>What the fee is for: FBS names a material on every fee the library websites show (dpl-react reads <c>materials[0]</c>).</summary>
    public required string MaterialItemNumber { get; init; }
    public required string RecordId { get; init; }
    public string? OrderId { get; set; }
    public string? ConfirmationId { get; set; }
}

/// <summary>A patron as the FBS sandbox holds them: fees, and the <c>E</c> block while unpaid fees reach the threshold.</summary>
public sealed record FbsPatron
{
    public required string AgencyId { get; init; }
    public required long PatronId { get; init; }
    public required string Name { get; init; }
    public DateOnly? BlockedSince { get; set; }
    public List<FbsFee> Fees { get; init; } = [];
    public Money Unpaid => Fees.Where(f => f.PaidDate is null).Aggregate(Money.Zero, (sum, f) => sum + f.Amount);
}

/// <summary>FBS's answer for one fee of a payment (<c>PaymentConfirmation</c>): <c>confirmationId</c> only when registered.</summary>
public sealed record FbsPaymentAnswer(string OrderId, long FeeId, string PaymentStatus, string? ConfirmationId);

/// <summary>
/// The sandbox's FBS: patrons and fees per agency, the <c>E</c> block while unpaid fees are at or above the agency's
/// threshold, and the payment call — idempotent per <c>orderId</c>, a fee paid whole or not at all, and only by the
/// client allowed to pay it. Kept in memory: a sandbox process starts empty.
/// </summary>
public sealed class FbsSandbox(TimeProvider clock)
{
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Agency, long Patron), FbsPatron> _patrons = new();
    private readonly Dictionary<string, (string Agency, string Client)> _sessions = new(StringComparer.Ordinal);
    private const int MaxSessions = 10_000;
    private long _nextFeeId = 1000;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Copenhagen).DateTime);

    /// <summary>Creates a fee (and the patron on first use); it is payable at the library until FeeBridge routes it.</summary>
    /// <summary>
    /// Creates a fee (and the patron on first use); it is payable at the library until FeeBridge routes it. Without a
    /// material, the sandbox names one of its own (a made-up item number and FAUST record), as every FBS fee for a loan does.
    /// </summary>
    public FbsFee CreateFee(string agencyId, long patronId, string name, string type, string reasonMessage, Money amount, DateOnly created,
        string? materialItemNumber, string? recordId)
    {
        lock (_gate)
        {
            if (!_patrons.TryGetValue((agencyId, patronId), out var patron))
                _patrons[(agencyId, patronId)] = patron = new FbsPatron { AgencyId = agencyId, PatronId = patronId, Name = name };
            var feeId = ++_nextFeeId;
            var fee = new FbsFee
            {
                FeeId = feeId, AgencyId = agencyId, PatronId = patronId, Type = type, ReasonMessage = reasonMessage, Amount = amount,
                CreationDate = created,
                MaterialItemNumber = materialItemNumber ?? (5_000_000_000 + feeId).ToString(System.Globalization.CultureInfo.InvariantCulture),
                RecordId = recordId ?? (80_000_000 + feeId % 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            patron.Fees.Add(fee);
            UpdateBlock(patron);
            return fee with { };
        }
    }

    /// <summary>FeeBridge took the fee: handed to the debtor system means it is no longer payable at the library.</summary>
    public void Routed(string agencyId, long patronId, long feeId, bool toDebtorSystem)
    {
        lock (_gate)
        {
            if (Find(agencyId, patronId, feeId) is { } fee) fee.PayableByClient = !toDebtorSystem;
        }
    }

    /// <summary>FeeBridge refused the fee: FBS does not keep what it could not hand over.</summary>
    public void Remove(string agencyId, long patronId, long feeId)
    {
        lock (_gate)
        {
            if (!_patrons.TryGetValue((agencyId, patronId), out var patron)) return;
            patron.Fees.RemoveAll(f => f.FeeId == feeId);
            UpdateBlock(patron);
        }
    }

    /// <summary>A copy of the patron and their fees, or null.</summary>
    public FbsPatron? Patron(string agencyId, long patronId)
    {
        lock (_gate)
        {
            return _patrons.TryGetValue((agencyId, patronId), out var p) ? p with { Fees = p.Fees.Select(f => f with { }).ToList() } : null;
        }
    }

    /// <summary>
    /// The log-in call: a session key for this client at this agency, or null for unknown credentials (FBS: 403).
    /// </summary>
    public string? LogIn(string agencyId, string? username, string? password)
    {
        if (!FbsClients.Known(username, password)) return null;
        var key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        lock (_gate)
        {
            // Sessions time out in FBS; here a bound keeps a log-in loop from filling the sandbox's memory.
            if (_sessions.Count >= MaxSessions) _sessions.Clear();
            _sessions[key] = (agencyId, username!);
        }
        return key;
    }

    /// <summary>The client a session key belongs to, if it is valid at this agency; else null (FBS: 401).</summary>
    public string? ClientOf(string? sessionKey, string agencyId)
    {
        if (string.IsNullOrEmpty(sessionKey)) return null;
        lock (_gate) return _sessions.TryGetValue(sessionKey, out var s) && s.Agency == agencyId ? s.Client : null;
    }

    /// <summary>Sandbox control: every session times out, as FBS's do; the next call answers 401.</summary>
    public void EndSessions()
    {
        lock (_gate) _sessions.Clear();
    }

    /// <summary>
    /// The payment call, per fee as FBS documents it: a fee this order already paid answers <c>paymentRegistered</c>
    /// with the same <c>confirmationId</c> (so the same order again changes nothing and answers alike); a fee paid
    /// under another order answers <c>paymentRegisteredByDifferentOrderId</c> without one. A fee is paid by the client
    /// allowed to (FeeBridge: fees handed to the debtor system; the website: fees payable at the library), whole; a fee
    /// that is not this patron's is not allowed (FBS does not tell a client whether someone else's fee exists).
    /// </summary>
    public IReadOnlyList<FbsPaymentAnswer> Pay(string agencyId, long patronId, string orderId, IReadOnlyList<long> feeIds, string client)
    {
        lock (_gate)
        {
            var answers = new List<FbsPaymentAnswer>();
            foreach (var id in feeIds.Distinct())
            {
                var fee = Find(agencyId, patronId, id);
                if (fee is not null && fee.PaidDate is not null && fee.OrderId == orderId)
                {
                    answers.Add(new FbsPaymentAnswer(orderId, id, PaymentStatus.Registered, fee.ConfirmationId));
                    continue;
                }
                if (fee is null || fee.PayableByClient != (client == FbsClients.Website))
                {
                    answers.Add(new FbsPaymentAnswer(orderId, id, PaymentStatus.NotAllowedByClient, null));
                    continue;
                }
                if (fee.PaidDate is not null)
                {
                    answers.Add(new FbsPaymentAnswer(orderId, id, PaymentStatus.RegisteredByDifferentOrderId, null));
                    continue;
                }
                fee.PaidDate = Today;
                fee.PaidAt = clock.GetUtcNow();
                fee.OrderId = orderId;
                fee.ConfirmationId = $"FBS-{Guid.NewGuid():N}"[..16];
                answers.Add(new FbsPaymentAnswer(orderId, id, PaymentStatus.Registered, fee.ConfirmationId));
            }
            if (_patrons.TryGetValue((agencyId, patronId), out var patron)) UpdateBlock(patron);
            return answers;
        }
    }

    private FbsFee? Find(string agencyId, long patronId, long feeId) =>
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

/// <summary>The <c>paymentStatus</c> values FBS documents for its payment call.</summary>
internal static class PaymentStatus
{
    public const string Registered = "paymentRegistered";
    public const string RegisteredByDifferentOrderId = "paymentRegisteredByDifferentOrderId";
    public const string NotAllowedByClient = "paymentNotAllowedByClient";
}

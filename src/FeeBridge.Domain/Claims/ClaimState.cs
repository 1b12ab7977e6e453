using System.Collections.Immutable;

namespace FeeBridge.Domain.Claims;

/// <summary>
/// A claim's status and amounts, derived by folding its events over its header. Never stored as truth.
/// The debtor system's events are folded as sums and counts, and the status is read from those at the end, so any
/// order of the same events gives the same claim.
/// </summary>
/// <remarks>
/// Immutable, and cheap to move on: <see cref="With"/> applies only the new events to a copy of the figures, and the
/// history and its idempotency keys are persistent collections shared with the state it came from. So n reports on
/// one claim cost O(n log n) in all, not a refold of the whole history per report (issue 14: 2,000 reports on one
/// claim took three minutes).
/// </remarks>
public sealed class ClaimState
{
    private static long s_eventsFolded;

    // Copied on write: most events (payments, status changes) leave the lines alone.
    private Dictionary<string, Money> _lineOutstanding;
    private bool _linesShared;
    private ClaimStatus _lifecycle = ClaimStatus.Received;
    private bool _cancelled;
    private Money _covered;
    private Money _writtenDown;
    private Money _debtorWrittenOff;
    private int _handedToCollection;
    private int _recalledFromCollection;
    private ImmutableList<ClaimEvent> _events = [];
    private ImmutableDictionary<string, ClaimEvent> _byKey = ImmutableDictionary<string, ClaimEvent>.Empty.WithComparers(StringComparer.Ordinal);

    // The debtor system's reports of the latest value date: their Restsaldo figures, and the one with the highest id.
    private DateOnly? _latestDate;
    private ImmutableHashSet<Money> _latestRestsaldos = [];
    private DebtorSystemReported? _latestLast;

    private ClaimState(ClaimHeader header)
    {
        Header = header;
        Amount = header.Amount;
        Debtor = header.Debtor;
        _lineOutstanding = header.Lines.ToDictionary(l => l.LineId, l => l.Amount, StringComparer.Ordinal);
    }

    private ClaimState(ClaimState from)
    {
        Header = from.Header;
        Amount = from.Amount;
        Debtor = from.Debtor;
        _lineOutstanding = from._lineOutstanding;
        _linesShared = true; // the state it came from is finished and never changes them again
        _lifecycle = from._lifecycle;
        _cancelled = from._cancelled;
        _covered = from._covered;
        _writtenDown = from._writtenDown;
        _debtorWrittenOff = from._debtorWrittenOff;
        _handedToCollection = from._handedToCollection;
        _recalledFromCollection = from._recalledFromCollection;
        _events = from._events;
        _byKey = from._byKey;
        _latestDate = from._latestDate;
        _latestRestsaldos = from._latestRestsaldos;
        _latestLast = from._latestLast;
        Route = from.Route;
        HoldReason = from.HoldReason;
        DebtorClaimType = from.DebtorClaimType;
        DueDate = from.DueDate;
        LastOnTimePaymentDate = from.LastOnTimePaymentDate;
        DebtorSystemClaimId = from.DebtorSystemClaimId;
        UpdatedAt = from.UpdatedAt;
        StatusSince = from.StatusSince;
    }

    /// <summary>
    /// How many events have been applied in folds, in this process, since it started: a measure of work for tests
    /// and diagnostics (applying n events must cost about n, however long the history they are added to).
    /// </summary>
    public static long EventsFolded => Interlocked.Read(ref s_eventsFolded);

    public ClaimHeader Header { get; }
    public IReadOnlyList<ClaimEvent> Events => _events;
    public ClaimRoute Route { get; private set; } = ClaimRoute.Undecided;
    public HoldReason? HoldReason { get; private set; }
    public DebtorClaimType? DebtorClaimType { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public DateOnly? LastOnTimePaymentDate { get; private set; }
    public DebtorId Debtor { get; private set; }
    public Money Amount { get; }

    /// <summary>
    /// Reduced by the library (write-downs) or by the debtor system (<c>Nedregulering</c>); never more than the
    /// principal, however much was reported (more is flagged, <see cref="NeedsReconciliation"/>).
    /// </summary>
    public Money WrittenDown => Money.Min(_writtenDown, Amount);

    /// <summary>Written off by the debtor system (<c>Afskrivning</c>, or closed out with the account).</summary>
    public Money WrittenOff => Money.Min(_debtorWrittenOff, Money.Max(Money.Zero, Amount - WrittenDown));

    /// <summary>Payments less reversals, as far as they cover the principal.</summary>
    public Money Paid => Money.Min(Money.Max(Money.Zero, _covered), PrincipalDue);

    /// <summary>Paid beyond the principal: owed back to the citizen. Never makes <see cref="Outstanding"/> negative.</summary>
    public Money Credit => Money.Max(Money.Zero, _covered - PrincipalDue);

    public Money Outstanding => PrincipalDue - Paid;

    private Money PrincipalDue => Money.Max(Money.Zero, Amount - WrittenDown - WrittenOff);

    public string? DebtorSystemClaimId { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When the claim took its <see cref="Status"/> (the event that moved it there): the finance queue orders rejected claims by it.</summary>
    public DateTimeOffset StatusSince { get; private set; }

    /// <summary>Handed to collection and not called back (counted, so the order of reports does not matter).</summary>
    public bool InCollection => _handedToCollection > _recalledFromCollection;

    /// <summary>
    /// The principal the debtor system last reported (<c>Restsaldo</c> of its latest events by value date), or null
    /// before it reported anything.
    /// </summary>
    public Money? DebtorSystemRestsaldo => _latestLast is null ? null
        : _latestRestsaldos.Contains(Outstanding) ? Outstanding : _latestLast.Restsaldo;

    /// <summary>
    /// The debtor system's figure disagrees with FeeBridge's: flagged for reconciliation, never silently overwritten.
    /// Read from the latest reports, so a report that merely arrives late does not raise it for good. Also raised
    /// while the reports cannot all be true together (DOMAIN rule: reductions never exceed the principal, reversals
    /// never exceed the payments): what the receiver could not refuse on arrival is shown, not bent into the figures.
    /// Read from sums, so the order the reports came in does not matter.
    /// </summary>
    public bool NeedsReconciliation =>
        (DebtorSystemRestsaldo is { } theirs && theirs != Outstanding) || ReductionsExceedPrincipal || ReversalsExceedPayments;

    /// <summary>Write-downs and <c>Nedregulering</c>s together are more than the principal.</summary>
    public bool ReductionsExceedPrincipal => _writtenDown > Amount;

    /// <summary><c>Tilbagefoersel</c>s are more than the payments they reverse.</summary>
    public bool ReversalsExceedPayments => _covered.IsNegative;

    public ClaimStatus Status
    {
        get
        {
            if (_cancelled) return ClaimStatus.Cancelled;
            if (Outstanding.IsZero)
            {
                if (WrittenOff.IsPositive) return ClaimStatus.WrittenOff;
                if (Paid.IsPositive) return ClaimStatus.Paid;
                if (WrittenDown.IsPositive) return ClaimStatus.WrittenDown;
            }
            if (InCollection) return ClaimStatus.InCollection;
            if (Paid.IsPositive) return ClaimStatus.PartiallyPaid;
            return _lifecycle;
        }
    }

    /// <summary>The party legally liable now: the guardian if there is one, else the current debtor.</summary>
    public DebtorId LiableParty => Header.LiableParty(Debtor);

    /// <summary>Closed claims take no more write-downs, cancellations or debtor changes. A reversed payment re-opens one.</summary>
    public bool IsClosed => Status is ClaimStatus.Paid or ClaimStatus.WrittenDown or ClaimStatus.Cancelled or ClaimStatus.WrittenOff;

    /// <summary>What is still owed on one line.</summary>
    public Money LineOutstanding(string lineId) => _lineOutstanding[lineId];

    public bool HasLine(string lineId) => _lineOutstanding.ContainsKey(lineId);

    /// <summary>The event already recorded under an idempotency key, if any.</summary>
    public ClaimEvent? FindByKey(string key) => _byKey.GetValueOrDefault(key);

    public int NextSeq => _events.Count + 1;

    public static ClaimState Fold(ClaimHeader header, IEnumerable<ClaimEvent> events) => new ClaimState(header).Applied(events);

    /// <summary>A new state with more events applied; this one is left as it was. Costs the new events, not the history.</summary>
    public ClaimState With(IEnumerable<ClaimEvent> more) => new ClaimState(this).Applied(more);

    private ClaimState Applied(IEnumerable<ClaimEvent> events)
    {
        var list = _events.ToBuilder();
        var keys = _byKey.ToBuilder();
        var n = 0;
        foreach (var e in events)
        {
            var was = Status;
            Apply(e);
            if (Status != was || list.Count == 0) StatusSince = e.At;
            list.Add(e);
            // The first event under a key is the one recorded (as a scan from the start would find it).
            if (e.IdempotencyKey is { } key) keys.TryAdd(key, e);
            n++;
        }
        _events = list.ToImmutable();
        _byKey = keys.ToImmutable();
        Interlocked.Add(ref s_eventsFolded, n);
        return this;
    }

    private Dictionary<string, Money> Lines()
    {
        if (_linesShared)
        {
            _lineOutstanding = new Dictionary<string, Money>(_lineOutstanding, StringComparer.Ordinal);
            _linesShared = false;
        }
        return _lineOutstanding;
    }

    private void Apply(ClaimEvent e)
    {
        UpdatedAt = e.At;
        switch (e)
        {
            case ClaimReceived:
                _lifecycle = ClaimStatus.Received;
                break;
            case ClaimHeld h:
                _lifecycle = ClaimStatus.Held;
                Route = ClaimRoute.Library;
                HoldReason = h.Reason;
                break;
            case ClaimQueued q:
                _lifecycle = ClaimStatus.Queued;
                Route = ClaimRoute.DebtorSystem;
                HoldReason = null;
                DebtorClaimType = q.ClaimType;
                DueDate = q.DueDate;
                LastOnTimePaymentDate = q.LastOnTimePaymentDate;
                break;
            case ClaimWrittenDown w:
                _writtenDown += w.Down;
                if (w.LineId is { } line) Lines()[line] -= w.Down;
                else ReduceLinesInOrder(w.Down);
                break;
            case ClaimCancelled:
                _cancelled = true;
                break;
            case DebtorChanged d:
                Debtor = d.NewDebtor;
                break;
            case ClaimRegistered r:
                DebtorSystemClaimId = r.DebtorSystemClaimId;
                if (_lifecycle is ClaimStatus.Queued or ClaimStatus.Rejected) _lifecycle = ClaimStatus.Registered;
                break;
            case ClaimRejected:
                if (_lifecycle is ClaimStatus.Queued) _lifecycle = ClaimStatus.Rejected;
                break;
            case DebtorSystemReported r:
                ApplyReport(r);
                break;
        }
    }

    // Sums and counts only, so the order of the debtor system's reports cannot change the result.
    private void ApplyReport(DebtorSystemReported r)
    {
        switch (r.Kind)
        {
            case DebtorEventKind.Covered: _covered += r.Beloeb; break;
            case DebtorEventKind.PaymentReversed: _covered -= r.Beloeb; break;
            case DebtorEventKind.WrittenOff or DebtorEventKind.AccountClosed: _debtorWrittenOff += r.Beloeb; break;
            case DebtorEventKind.AdjustedDown: _writtenDown += r.Beloeb; break;
            case DebtorEventKind.HandedToCollection: _handedToCollection++; break;
            case DebtorEventKind.CollectionRecalled: _recalledFromCollection++; break;
        }
        // Keep the reports of the latest value date: their Restsaldo is the debtor system's current figure.
        if (_latestDate is { } latest && r.ValueDate < latest) return;
        if (_latestDate is not { } same || r.ValueDate > same)
        {
            _latestDate = r.ValueDate;
            _latestRestsaldos = [];
            _latestLast = null;
        }
        _latestRestsaldos = _latestRestsaldos.Add(r.Restsaldo);
        // Same-day reports in a fixed order (by id), so "the last" is the same whatever order they came in.
        if (_latestLast is null || r.HaendelseId.CompareTo(_latestLast.HaendelseId) > 0) _latestLast = r;
    }

    // A write-down without a line takes from the lines in their order, so per-line figures stay true.
    private void ReduceLinesInOrder(Money amount)
    {
        foreach (var line in Header.Lines)
        {
            if (amount.IsZero) return;
            var take = Money.Min(amount, _lineOutstanding[line.LineId]);
            Lines()[line.LineId] -= take;
            amount -= take;
        }
    }
}

namespace FeeBridge.Domain.Claims;

/// <summary>
/// A claim's status and amounts, derived by folding its events over its header. Never stored as truth.
/// The debtor system's events are folded as sums and counts, and the status is read from those at the end, so any
/// order of the same events gives the same claim.
/// </summary>
public sealed class ClaimState
{
    private readonly Dictionary<string, Money> _lineOutstanding;
    private ClaimStatus _lifecycle = ClaimStatus.Received;
    private bool _cancelled;
    private Money _covered;
    private Money _debtorWrittenOff;
    private int _handedToCollection;
    private int _recalledFromCollection;
    private readonly List<DebtorSystemReported> _latestReports = [];

    private ClaimState(ClaimHeader header)
    {
        Header = header;
        Debtor = header.Debtor;
        _lineOutstanding = header.Lines.ToDictionary(l => l.LineId, l => l.Amount, StringComparer.Ordinal);
    }

    public ClaimHeader Header { get; }
    public IReadOnlyList<ClaimEvent> Events { get; private set; } = [];
    public ClaimRoute Route { get; private set; } = ClaimRoute.Undecided;
    public HoldReason? HoldReason { get; private set; }
    public DebtorClaimType? DebtorClaimType { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public DateOnly? LastOnTimePaymentDate { get; private set; }
    public DebtorId Debtor { get; private set; }
    public Money Amount => Header.Amount;

    /// <summary>Reduced by the library (write-downs) or by the debtor system (<c>Nedregulering</c>).</summary>
    public Money WrittenDown { get; private set; }

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

    /// <summary>Handed to collection and not called back (counted, so the order of reports does not matter).</summary>
    public bool InCollection => _handedToCollection > _recalledFromCollection;

    /// <summary>
    /// The principal the debtor system last reported (<c>Restsaldo</c> of its latest events by value date), or null
    /// before it reported anything.
    /// </summary>
    public Money? DebtorSystemRestsaldo => _latestReports.Count == 0 ? null
        : _latestReports.Any(r => r.Restsaldo == Outstanding) ? Outstanding : _latestReports[^1].Restsaldo;

    /// <summary>
    /// The debtor system's figure disagrees with FeeBridge's: flagged for reconciliation, never silently overwritten.
    /// Read from the latest reports, so a report that merely arrives late does not raise it for good.
    /// </summary>
    public bool NeedsReconciliation => DebtorSystemRestsaldo is { } theirs && theirs != Outstanding;

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
    public ClaimEvent? FindByKey(string key) => Events.FirstOrDefault(e => e.IdempotencyKey == key);

    public int NextSeq => Events.Count + 1;

    public static ClaimState Fold(ClaimHeader header, IEnumerable<ClaimEvent> events)
    {
        var state = new ClaimState(header);
        var list = new List<ClaimEvent>();
        foreach (var e in events)
        {
            state.Apply(e);
            list.Add(e);
        }
        state.Events = list;
        return state;
    }

    /// <summary>A new state with more events applied; this one is left as it was.</summary>
    public ClaimState With(IEnumerable<ClaimEvent> more) => Fold(Header, Events.Concat(more));

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
                WrittenDown += w.Down;
                if (w.LineId is { } line) _lineOutstanding[line] -= w.Down;
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
            case DebtorEventKind.AdjustedDown: WrittenDown += r.Beloeb; break;
            case DebtorEventKind.HandedToCollection: _handedToCollection++; break;
            case DebtorEventKind.CollectionRecalled: _recalledFromCollection++; break;
        }
        // Keep the reports of the latest value date: their Restsaldo is the debtor system's current figure.
        if (_latestReports.Count > 0 && r.ValueDate < _latestReports[0].ValueDate) return;
        if (_latestReports.Count > 0 && r.ValueDate > _latestReports[0].ValueDate) _latestReports.Clear();
        _latestReports.Add(r);
        // Same-day reports in a fixed order (by id), so "the last" is the same whatever order they came in.
        _latestReports.Sort((a, b) => a.HaendelseId.CompareTo(b.HaendelseId));
    }

    // A write-down without a line takes from the lines in their order, so per-line figures stay true.
    private void ReduceLinesInOrder(Money amount)
    {
        foreach (var line in Header.Lines)
        {
            if (amount.IsZero) return;
            var take = Money.Min(amount, _lineOutstanding[line.LineId]);
            _lineOutstanding[line.LineId] -= take;
            amount -= take;
        }
    }
}

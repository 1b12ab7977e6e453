namespace FeeBridge.Domain.Claims;

/// <summary>A claim's status and amounts, derived by folding its events over its header. Never stored as truth.</summary>
public sealed class ClaimState
{
    private readonly Dictionary<string, Money> _lineOutstanding;

    private ClaimState(ClaimHeader header)
    {
        Header = header;
        Debtor = header.Debtor;
        _lineOutstanding = header.Lines.ToDictionary(l => l.LineId, l => l.Amount, StringComparer.Ordinal);
    }

    public ClaimHeader Header { get; }
    public IReadOnlyList<ClaimEvent> Events { get; private set; } = [];
    public ClaimStatus Status { get; private set; } = ClaimStatus.Received;
    public ClaimRoute Route { get; private set; } = ClaimRoute.Undecided;
    public HoldReason? HoldReason { get; private set; }
    public DebtorClaimType? DebtorClaimType { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public DateOnly? LastOnTimePaymentDate { get; private set; }
    public DebtorId Debtor { get; private set; }
    public Money Amount => Header.Amount;
    public Money WrittenDown { get; private set; }
    public Money Paid { get; private set; }
    public Money WrittenOff { get; private set; }
    public Money Outstanding => Amount - WrittenDown - Paid - WrittenOff;
    public string? DebtorSystemClaimId { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The party legally liable now: the guardian if there is one, else the current debtor.</summary>
    public DebtorId LiableParty => Header.LiableParty(Debtor);

    /// <summary>Closed claims take no more write-downs, cancellations or debtor changes.</summary>
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
                Status = ClaimStatus.Received;
                break;
            case ClaimHeld h:
                Status = ClaimStatus.Held;
                Route = ClaimRoute.Library;
                HoldReason = h.Reason;
                break;
            case ClaimQueued q:
                Status = ClaimStatus.Queued;
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
                if (Outstanding.IsZero) Status = ClaimStatus.WrittenDown;
                break;
            case ClaimCancelled:
                Status = ClaimStatus.Cancelled;
                break;
            case DebtorChanged d:
                Debtor = d.NewDebtor;
                break;
            case ClaimRegistered r:
                DebtorSystemClaimId = r.DebtorSystemClaimId;
                // A receipt can arrive after the library already closed the claim; it does not reopen it.
                if (Status is ClaimStatus.Queued or ClaimStatus.Rejected) Status = ClaimStatus.Registered;
                break;
            case ClaimRejected:
                if (Status is ClaimStatus.Queued) Status = ClaimStatus.Rejected;
                break;
        }
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

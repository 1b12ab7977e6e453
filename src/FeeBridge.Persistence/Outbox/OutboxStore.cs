using System.Data.Common;
using FeeBridge.Domain.Claims;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Queues;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Outbox;

/// <summary>One handling waiting for the debtor system.</summary>
public sealed record OutboxItem(long Id, string Municipality, string AgencyId, string ClaimId, int Seq, Guid HandlingId, HandlingKind Kind, int Attempts)
{
    public ClaimKey Claim => new(AgencyId, ClaimId);
}

/// <summary>
/// Hands outbox rows to dispatchers. A row is leased (owner and expiry) before it is sent, so several FeeBridge
/// processes on one PostgreSQL never send the same row at the same time (<c>SKIP LOCKED</c>), and a process that dies
/// while sending leaves rows that another takes over once the lease runs out. Rows of one claim go in event order:
/// a row is not handed out while an earlier row of its claim waits for a retry or is out with someone else.
/// </summary>
public sealed class OutboxStore(StoreDialect dialect, ClaimLedger ledger)
{
    /// <summary>
    /// Applies the debtor system's receipts for leased outbox rows, in one transaction: each row is closed (done or
    /// rejected, with the code and text) if this owner still holds its lease, and a registration's receipt becomes a
    /// <c>registered</c> or <c>rejected</c> event on its claim. A row whose lease was lost is left to its new owner,
    /// who gets the same receipt again (the debtor system answers a HandlingId once). <paramref name="shipped"/> holds
    /// the claims as they were read for the shipment; only those that changed since are read again.
    /// </summary>
    public async Task ApplyReceiptsAsync(
        IReadOnlyList<HandlingOutcome> outcomes, IReadOnlyDictionary<ClaimKey, ClaimState> shipped,
        string owner, DateTimeOffset now, CancellationToken ct)
    {
        if (outcomes.Count == 0) return;
        var keys = outcomes.Select(o => o.Item.Claim).Distinct().ToList();
        var states = keys.ToDictionary(k => k, k => shipped.GetValueOrDefault(k) ?? throw new InvalidOperationException("A receipt for a claim that was not shipped."));
        await using var scope = await dialect.BeginWriteAsync([], ct);
        var lastSeqs = await ledger.LockAndReadLastSeqsAsync(scope, states.Values.Select(s => ClaimLedger.PatronLock(s.Header.AgencyId.Value, s.Header.PatronId)).ToList(), keys, ct);
        // A claim whose history moved on while it was out (a write-down, say) is read again, now under its patron's lock.
        var moved = keys.Where(k => lastSeqs.GetValueOrDefault(k) != states[k].Events.Count).ToList();
        foreach (var (key, state) in await ledger.LoadManyAsync(scope.Connection, scope.Transaction, moved, ct)) states[key] = state;
        var changes = new ClaimLedger.Changes(states, "An outbox row names a claim that does not exist.");
        // One statement per kind of receipt (nearly always one: all accepted), not one per row: a shipment of 100
        // handlings used to cost 100 round trips here.
        var closed = new HashSet<long>();
        foreach (var group in outcomes.GroupBy(o => (State: o.Accepted ? OutboxState.Done : OutboxState.Rejected, o.Code, o.Text)))
        {
            await using var close = scope.Command("");
            close.CommandText = $"""
                UPDATE outbox SET state = @st, receipt_code = @code, receipt_text = @text, lease_owner = NULL, lease_until = 0
                WHERE {dialect.OneOf(close, "id", "ids", group.Select(o => o.Item.Id).ToList())} AND lease_owner = @owner AND state = 'pending'
                RETURNING id
                """;
            close.With("@st", QueueStates.Name(group.Key.State)).With("@code", group.Key.Code).With("@text", group.Key.Text).With("@owner", owner);
            await using var r = await close.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) closed.Add(r.GetInt64(0));
        }
        // A row whose lease ran out and was taken over is no longer ours to close; its claim is left to the new owner.
        foreach (var o in outcomes.Where(o => closed.Contains(o.Item.Id) && o.Item.Kind == HandlingKind.OpretDebitorkonto))
        {
            var key = o.Item.Claim;
            ClaimEvent e = o.Accepted
                ? new ClaimRegistered(o.DebtorSystemClaimId ?? "")
                : new ClaimRejected(o.Code ?? "UKENDT", o.Text ?? "");
            changes.Add(key, [e with { Seq = changes[key].NextSeq, At = now }]);
        }
        await changes.AppendAsync(ledger, scope, ct);
        await scope.CommitAsync(ct);
    }


    /// <summary>
    /// Municipalities with rows due now. Jumps from one municipality to the next through the pending index and asks
    /// each whether it has a row due, so the cost follows the number of municipalities, not the backlog (a
    /// <c>DISTINCT</c> over the pending rows read every one of them, on every turn of the dispatcher).
    /// </summary>
    public async Task<IReadOnlyList<string>> MunicipalitiesWithWorkAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            WITH RECURSIVE m (municipality) AS (
                SELECT MIN(municipality) FROM outbox WHERE state = 'pending'
                UNION ALL
                SELECT (SELECT MIN(o.municipality) FROM outbox o WHERE o.state = 'pending' AND o.municipality > m.municipality)
                FROM m WHERE m.municipality IS NOT NULL)
            SELECT municipality FROM m
            WHERE municipality IS NOT NULL AND EXISTS (
                SELECT 1 FROM outbox d
                WHERE d.municipality = m.municipality AND d.state = 'pending' AND d.not_before <= @now AND d.lease_until < @now)
            """;
        cmd.With("@now", ClaimCodec.ToMicros(now));
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(r.GetString(0));
        return list;
    }

    public async Task<IReadOnlyList<OutboxItem>> LeaseAsync(string municipality, string owner, int max, DateTimeOffset now, TimeSpan leaseFor, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command($"""
            UPDATE outbox SET lease_owner = @owner, lease_until = @until
            WHERE id IN (
                SELECT id FROM outbox o
                WHERE o.municipality = @m AND o.state = 'pending' AND o.not_before <= @now AND o.lease_until < @now
                  AND NOT EXISTS (
                      SELECT 1 FROM outbox e
                      WHERE e.agency_id = o.agency_id AND e.claim_id = o.claim_id AND e.seq < o.seq AND e.state = 'pending'
                        AND (e.not_before > @now OR e.lease_until >= @now))
                ORDER BY o.id LIMIT @n{dialect.SkipLocked})
            RETURNING id, municipality, agency_id, claim_id, seq, handling_id, kind, attempts
            """)
            .With("@owner", owner).With("@until", ClaimCodec.ToMicros(now + leaseFor)).With("@m", municipality)
            .With("@now", ClaimCodec.ToMicros(now)).With("@n", max);
        var items = new List<OutboxItem>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                items.Add(new OutboxItem(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4),
                    Guid.Parse(r.GetString(5)), Enum.Parse<HandlingKind>(r.GetString(6)), r.GetInt32(7)));
            }
        }
        await scope.CommitAsync(ct);
        return items.OrderBy(i => i.Id).ToList();
    }

    /// <summary>The send failed for a passing reason: try again after <paramref name="notBefore"/>.</summary>
    public async Task RetryLaterAsync(IReadOnlyList<OutboxItem> items, string owner, DateTimeOffset notBefore, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("");
        cmd.CommandText = $"""
            UPDATE outbox SET attempts = attempts + 1, not_before = @nb, lease_owner = NULL, lease_until = 0
            WHERE {dialect.OneOf(cmd, "id", "ids", items.Select(i => i.Id).ToList())} AND lease_owner = @owner
            """;
        cmd.With("@nb", ClaimCodec.ToMicros(notBefore)).With("@owner", owner);
        await cmd.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
    }

    /// <summary>Counts rows per state, for health and tests.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountsAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT state, COUNT(*) FROM outbox GROUP BY state";
        var counts = new Dictionary<string, long>();
        await using DbDataReader r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) counts[r.GetString(0)] = r.GetInt64(1);
        return counts;
    }
}

/// <summary>The debtor system's receipt for one leased row.</summary>
public sealed record HandlingOutcome(OutboxItem Item, bool Accepted, string? DebtorSystemClaimId, string? Code, string? Text);

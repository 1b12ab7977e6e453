using System.Data.Common;
using FeeBridge.Domain.Claims;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Outbox;

/// <summary>One handling waiting for the debtor system.</summary>
public sealed record OutboxItem(long Id, string Municipality, string AgencyId, string ClaimId, int Seq, Guid HandlingId, HandlingKind Kind, int Attempts);

/// <summary>
/// Hands outbox rows to dispatchers. A row is leased (owner and expiry) before it is sent, so several FeeBridge
/// processes on one PostgreSQL never send the same row at the same time (<c>SKIP LOCKED</c>), and a process that dies
/// while sending leaves rows that another takes over once the lease runs out. Rows of one claim go in event order:
/// a row is not handed out while an earlier row of its claim waits for a retry or is out with someone else.
/// </summary>
public sealed class OutboxStore(StoreDialect dialect)
{
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

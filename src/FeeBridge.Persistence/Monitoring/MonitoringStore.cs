using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Monitoring;

/// <summary>How many rows wait in one queue for one key (municipality or notice target), and since when the oldest.</summary>
public sealed record QueueDepth(string Key, long Count, DateTimeOffset? Oldest);

/// <summary>Claims of one municipality in one status.</summary>
public sealed record StatusCount(string Municipality, string Status, long Count);

/// <summary>What the gauges show: the state of the ledger and of every queue, read in one go.</summary>
public sealed record MonitoringSnapshot(
    IReadOnlyList<StatusCount> Claims,
    IReadOnlyList<QueueDepth> Outbox,
    IReadOnlyList<QueueDepth> Inbox,
    IReadOnlyList<QueueDepth> Notices);

/// <summary>
/// Read-only counts for the operator's gauges. The queue counts ride on the partial "pending" indexes; the claims by
/// status read the summaries, which is why the gauges are refreshed at most every so often, not on every scrape.
/// </summary>
public sealed class MonitoringStore(StoreDialect dialect)
{
    /// <summary>The ledger's facts the rollout's checks read.</summary>
    public EvidenceFacts Evidence { get; } = new(dialect);

    public async Task<MonitoringSnapshot> SnapshotAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        var claims = new List<StatusCount>();
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT municipality, status, COUNT(*) FROM claim_summaries GROUP BY municipality, status";
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) claims.Add(new StatusCount(r.GetString(0), r.GetString(1), r.GetInt64(2)));
        }
        return new MonitoringSnapshot(
            claims,
            await DepthsAsync(c, "SELECT municipality, COUNT(*), MIN(created_at) FROM outbox WHERE state = 'pending' GROUP BY municipality", ct),
            await DepthsAsync(c, "SELECT municipality, COUNT(*), MIN(received_at) FROM inbox WHERE state = 'pending' GROUP BY municipality", ct),
            await DepthsAsync(c, "SELECT target, COUNT(*), MIN(created_at) FROM notices WHERE state = 'pending' GROUP BY target", ct));
    }

    private static async Task<IReadOnlyList<QueueDepth>> DepthsAsync(System.Data.Common.DbConnection c, string sql, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        var list = new List<QueueDepth>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new QueueDepth(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : ClaimCodec.FromMicros(r.GetInt64(2))));
        return list;
    }
}

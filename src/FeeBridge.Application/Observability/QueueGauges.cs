using FeeBridge.Persistence;
using FeeBridge.Persistence.Monitoring;
using FeeBridge.Application.Observability;

namespace FeeBridge.Application.Observability;

/// <summary>
/// The counts behind the gauges, read from the database when a scrape finds them older than
/// <c>Telemetry:GaugeSeconds</c> — in the background, so a scrape never waits for the database and a process nobody
/// scrapes never reads. A scrape gets the latest finished reading (the very first one gets nothing yet).
/// </summary>
public sealed class QueueGauges(FeeBridgeStore store, PaymentSpeed speed, TimeProvider clock, FeeBridgeOptions options, Tenants tenants, ILogger<QueueGauges> log)
{
    public sealed record PaymentSpeedSeconds(double Median, double P95);

    public sealed record Reading(MonitoringSnapshot Snapshot, PaymentSpeedSeconds? PaymentSpeed, DateTimeOffset At)
    {
        public IReadOnlyList<StatusCount> Claims => Snapshot.Claims;
        public IReadOnlyList<QueueDepth> Outbox => Snapshot.Outbox;
        public IReadOnlyList<QueueDepth> Inbox => Snapshot.Inbox;
        public IReadOnlyList<QueueDepth> Notices => Snapshot.Notices;
    }

    private static readonly Reading Empty = new(new MonitoringSnapshot([], [], [], []), null, DateTimeOffset.MinValue);
    private volatile Reading _current = Empty;
    private int _reading;

    public DateTimeOffset Now => clock.GetUtcNow();

    public Reading Current()
    {
        var current = _current;
        if (clock.GetUtcNow() - current.At >= TimeSpan.FromSeconds(options.Telemetry.GaugeSeconds) && Interlocked.Exchange(ref _reading, 1) == 0)
            _ = Task.Run(ReadAsync);
        return current;
    }

    private static IReadOnlyList<QueueDepth> WithZeros(IReadOnlyList<QueueDepth> found, IEnumerable<string> keys) =>
        [.. found, .. keys.Except(found.Select(d => d.Key)).Select(k => new QueueDepth(k, 0, null))];

    private async Task ReadAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var read = await store.Monitoring.SnapshotAsync(timeout.Token);
            // An empty queue is a 0, not a missing series: an alert on "depth > n" must see every municipality.
            var municipalities = tenants.Municipalities.Select(m => m.Code.Value).ToList();
            var snapshot = read with
            {
                Outbox = WithZeros(read.Outbox, municipalities),
                Inbox = WithZeros(read.Inbox, municipalities),
                Notices = WithZeros(read.Notices, ["fbs", "webhook", "staff"]),
            };
            var s = await speed.StatementAsync(timeout.Token);
            _current = new Reading(snapshot,
                s.Median is { } m && s.P95 is { } p ? new PaymentSpeedSeconds(m.TotalSeconds, p.TotalSeconds) : null, clock.GetUtcNow());
        }
        catch (Exception e)
        {
            log.LogWarning("Reading the queue gauges failed: {Error}", e.GetType().Name);
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }
}

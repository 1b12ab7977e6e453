using FeeBridge.Persistence;
using FeeBridge.Server.Hosting;

namespace FeeBridge.Server.Inbox;

/// <summary>
/// Applies stored reports to the ledger: leases a batch from the inbox (several processes share the work), applies
/// it in one transaction, and wakes the library-side delivery. A process that dies mid-batch leaves the rows to be
/// leased again when the lease ends; the ledger takes each <c>HaendelseId</c> once.
/// </summary>
public sealed class InboxApplier(FeeBridgeStore store, FeeBridgeOptions options, TimeProvider clock, InboxSignal inbox, NoticeSignal notices, ILogger<InboxApplier> log)
    : BackgroundService
{
    private readonly string _owner = LeaseOwner.New();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Inbox.ApplyEnabled) return Task.CompletedTask;
        // Several loops: while one waits for its commit, another applies; leases keep their rows apart.
        return Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Inbox.Workers)).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)));
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var o = options.Inbox;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await store.Inbox.LeaseAsync(_owner, o.BatchSize, clock.GetUtcNow(), TimeSpan.FromSeconds(o.LeaseSeconds), stoppingToken);
                if (batch.Count > 0)
                {
                    await store.Claims.ApplyDebtorReportsAsync(batch, clock.GetUtcNow(), stoppingToken);
                    notices.Wake();
                    continue;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Applying debtor-system reports failed; trying again.");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            await inbox.WaitAsync(TimeSpan.FromMilliseconds(o.PollMilliseconds), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}

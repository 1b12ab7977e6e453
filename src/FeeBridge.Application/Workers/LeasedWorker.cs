namespace FeeBridge.Application.Workers;

/// <summary>
/// The one loop every background worker of FeeBridge runs (the dispatcher to the debtor systems, the applier of their
/// reports, the deliverer to the library side): work a round — lease rows from the database, do what they ask, close
/// them — and go again at once while there was work; after an unexpected failure log it, rest a moment and go on
/// (leases bring back whatever the failed round held); when idle, wait for a nudge or the poll. What differs between
/// the workers is only the round and, for the dispatcher, what idling means.
/// </summary>
public abstract class LeasedWorker(ILogger log) : BackgroundService
{
    private static readonly TimeSpan FailureRest = TimeSpan.FromSeconds(1);

    /// <summary>False: the worker does nothing in this process (switched off in configuration).</summary>
    protected abstract bool Enabled { get; }

    /// <summary>Loops per process; leases keep their rows apart.</summary>
    protected virtual int Loops => 1;

    /// <summary>Said in the log when a round fails.</summary>
    protected abstract string FailureText { get; }

    /// <summary>One round; true when it found work, so the next round starts at once.</summary>
    protected abstract Task<bool> RoundAsync(CancellationToken ct);

    /// <summary>What an idle loop waits for before the next round.</summary>
    protected abstract Task IdleAsync(CancellationToken ct);

    /// <summary>After the loops end (shutdown): e.g. wait for work still under way.</summary>
    protected virtual Task StoppedAsync() => Task.CompletedTask;

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, Loops)).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)));
        await StoppedAsync();
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RoundAsync(stoppingToken)) continue;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
#pragma warning disable CA2254 // each worker's fixed text, no data folded in
                log.LogError(e, FailureText);
#pragma warning restore CA2254
                await Quietly(Task.Delay(FailureRest, stoppingToken));
            }
            await Quietly(IdleAsync(stoppingToken));
        }
    }

    /// <summary>Waits, taking shutdown as the end of the wait rather than an error.</summary>
    protected static Task Quietly(Task wait) => wait.ContinueWith(_ => { }, TaskScheduler.Default);
}

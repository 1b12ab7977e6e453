namespace FeeBridge.Application.Workers;

/// <summary>
/// A nudge from one part of the process to a worker that new work is stored, so a payment is applied and passed on
/// within milliseconds instead of at the next poll. Losing a nudge costs only latency: workers poll as well.
/// </summary>
public class WorkSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Wake()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try { _semaphore.Release(); } catch (SemaphoreFullException) { }
        }
    }

    /// <summary>Waits for a nudge or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _semaphore.WaitAsync(timeout, ct);
}

/// <summary>New reports are in the inbox.</summary>
public sealed class InboxSignal : WorkSignal;

/// <summary>New notices are due for the library side.</summary>
public sealed class NoticeSignal : WorkSignal;

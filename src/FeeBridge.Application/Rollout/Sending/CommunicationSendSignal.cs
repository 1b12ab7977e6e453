namespace FeeBridge.Application.Rollout.Sending;

/// <summary>Wakes the sender when a send is recorded, so it goes out now rather than at the next interval.</summary>
public sealed class CommunicationSendSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Raise()
    {
        try { _signal.Release(); } catch (SemaphoreFullException) { } // already raised: one wake-up is enough
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

using System.Threading.Channels;
using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;

namespace FeeBridge.Persistence.Claims;

/// <summary>One claim waiting to be written, and the caller waiting for the answer.</summary>
internal sealed class IntakeRequest(ClaimHeader header, Func<Money, RoutingDecision> route, Func<ClaimHeader, ClaimQueued?> release, DateTimeOffset now)
{
    public ClaimHeader Header { get; } = header;
    public Func<Money, RoutingDecision> Route { get; } = route;
    public Func<ClaimHeader, ClaimQueued?> Release { get; } = release;
    public DateTimeOffset Now { get; } = now;
    public string PatronKey { get; } = ClaimLedger.PatronLock(header.AgencyId.Value, header.PatronId);
    public ClaimKey Claim => Header.Key;

    /// <summary>The new claim's state, or null when the id existed already.</summary>
    public TaskCompletionSource<ClaimState?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Group commit for intake: claims handed over at the same time are written in one transaction with a few
/// multi-row statements, instead of a transaction and several round trips each. A batch never holds two claims of
/// one patron (the minimum rule decides over a patron's claims in order) nor the same claim id twice; those wait
/// for the next batch. Nothing waits artificially: a batch is whatever arrived while the previous one was written.
/// </summary>
internal sealed class IntakeBatcher : IAsyncDisposable
{
    public const int MaxBatch = 64;

    private readonly Channel<IntakeRequest> _queue = Channel.CreateBounded<IntakeRequest>(new BoundedChannelOptions(10_000));
    private readonly Func<IReadOnlyList<IntakeRequest>, Task> _write;
    private readonly Task[] _writers;

    public IntakeBatcher(int writers, Func<IReadOnlyList<IntakeRequest>, Task> write)
    {
        _write = write;
        _writers = Enumerable.Range(0, writers).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    public async Task<ClaimState?> SubmitAsync(IntakeRequest request, CancellationToken ct)
    {
        await _queue.Writer.WriteAsync(request, ct);
        // Once queued, the claim is written even if this caller gives up: the answer is idempotent for a retry.
        return await request.Done.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var held = new List<IntakeRequest>();
        while (held.Count > 0 || await _queue.Reader.WaitToReadAsync())
        {
            var batch = new List<IntakeRequest>();
            var patrons = new HashSet<string>(StringComparer.Ordinal);
            var claims = new HashSet<ClaimKey>();
            bool Fits(IntakeRequest r) => !patrons.Contains(r.PatronKey) && !claims.Contains(r.Claim);
            void Take(IntakeRequest r) { batch.Add(r); patrons.Add(r.PatronKey); claims.Add(r.Claim); }

            var stillHeld = new List<IntakeRequest>();
            foreach (var r in held)
            {
                if (batch.Count < MaxBatch && Fits(r)) Take(r); else stillHeld.Add(r);
            }
            held = stillHeld;
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                if (Fits(next)) Take(next); else held.Add(next);
            }
            if (batch.Count == 0) continue;

            try
            {
                await _write(batch);
            }
            catch (Exception e)
            {
                foreach (var r in batch) r.Done.TrySetException(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }
}

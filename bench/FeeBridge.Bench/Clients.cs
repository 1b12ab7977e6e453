namespace FeeBridge.Bench;

/// <summary>Load from several concurrent clients: items 0…n-1, each taken by whichever client is free next.</summary>
public static class Clients
{
    public static Task ForEach(int n, int clients, Func<int, Task> body)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < n) await body(i);
        })));
    }

    /// <summary>
    /// Items 0, 1, … until <paramref name="duration"/> has passed; returns how many were done. The warm-up: on two busy
    /// cores the runtime's background compiler needs about half a minute of load before the hot code is fully
    /// optimised, so a shorter warm-up measures a half-compiled server.
    /// </summary>
    public static async Task<int> ForDuration(TimeSpan duration, int clients, Func<int, Task> body)
    {
        var next = -1;
        var until = DateTime.UtcNow + duration;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (DateTime.UtcNow < until) await body(Interlocked.Increment(ref next));
        })));
        return next + 1;
    }

    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(30);
}

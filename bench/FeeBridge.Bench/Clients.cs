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
}

namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>Waits for background work to reach a state. The deadline is generous: it bounds a hang, it times nothing.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Still not there after {seconds} s; last seen: {value}");
            await Task.Delay(100);
        }
    }
}

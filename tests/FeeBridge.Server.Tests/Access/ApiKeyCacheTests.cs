using FeeBridge.Persistence.Access;
using FeeBridge.Server.Access;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Access;

/// <summary>The API key cache: one read per key a minute, however many requests arrive at once.</summary>
public sealed class ApiKeyCacheTests
{
    private static readonly ApiKeyRecord Library = new("library", new HashSet<string> { "710100" });
    private readonly ManualClock _clock = new(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly ApiKeyCache _cache = new();
    private int _reads;

    private Func<string, Task<ApiKeyRecord?>> Reading(Task<ApiKeyRecord?> answer) => _ =>
    {
        Interlocked.Increment(ref _reads);
        return answer;
    };

    [Fact]
    public async Task RequestsThatMissTogether_ShareOneRead()
    {
        var database = new TaskCompletionSource<ApiKeyRecord?>();
        var requests = Enumerable.Range(0, 64).Select(_ => Task.Run(() => _cache.GetAsync("key", _clock, Reading(database.Task), default))).ToList();
        await Task.Delay(100);
        database.SetResult(Library);

        (await Task.WhenAll(requests)).ShouldAllBe(r => r == Library);
        _reads.ShouldBe(1);
    }

    [Fact]
    public async Task AKey_IsReadAgain_OnlyAfterAMinute()
    {
        await _cache.GetAsync("key", _clock, Reading(Task.FromResult<ApiKeyRecord?>(Library)), default);
        _clock.Advance(TimeSpan.FromSeconds(59));
        await _cache.GetAsync("key", _clock, Reading(Task.FromResult<ApiKeyRecord?>(Library)), default);
        _reads.ShouldBe(1);

        _clock.Advance(TimeSpan.FromSeconds(2));
        (await _cache.GetAsync("key", _clock, Reading(Task.FromResult<ApiKeyRecord?>(null)), default)).ShouldBeNull();
        _reads.ShouldBe(2);
    }

    [Fact]
    public async Task AFailedRead_IsNotRemembered()
    {
        await Should.ThrowAsync<InvalidOperationException>(() =>
            _cache.GetAsync("key", _clock, Reading(Task.FromException<ApiKeyRecord?>(new InvalidOperationException("database down"))), default));

        (await _cache.GetAsync("key", _clock, Reading(Task.FromResult<ApiKeyRecord?>(Library)), default)).ShouldBe(Library);
        _reads.ShouldBe(2);
    }

    [Fact]
    public async Task ARequestGivingUp_LeavesTheSharedReadToTheOthers()
    {
        var database = new TaskCompletionSource<ApiKeyRecord?>();
        using var gaveUp = new CancellationTokenSource();
        var first = _cache.GetAsync("key", _clock, Reading(database.Task), gaveUp.Token);
        var second = _cache.GetAsync("key", _clock, Reading(database.Task), default);

        await gaveUp.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => first);
        database.SetResult(Library);

        (await second).ShouldBe(Library);
        _reads.ShouldBe(1);
    }
}

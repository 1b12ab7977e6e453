using System.Net;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.DebtorSystem;

/// <summary>
/// The dispatcher's linger: after a shipment that took everything due, the next one for that municipality waits and
/// carries what arrived meanwhile, instead of one claim at a time.
/// </summary>
public abstract class DispatcherLingerTests : IDisposable
{
    private readonly SandboxedHost _setup;
    private readonly FeeBridgeHost _host;

    protected DispatcherLingerTests(StoreKind kind)
    {
        _setup = new SandboxedHost(kind, ["101"], new()
        {
            ["FeeBridge:Dispatcher:PollMilliseconds"] = "20",
            ["FeeBridge:Dispatcher:LingerMilliseconds"] = "5000",
        });
        _host = _setup.Host;
    }

    public void Dispose() => _setup.Dispose();

    [Fact]
    public async Task ClaimsArrivingWhileTheDispatcherLingers_GoOutInOneShipment()
    {
        var library = _host.Library();
        (await library.PutClaim("710100", "linger-first", ClaimBodies.Fee(patronId: "P-linger-0"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Eventually.Until(() => library.GetClaim("710100", "linger-first"), c => (string)c["status"]! == "registered");

        // The first shipment took everything due, so these arrive while the dispatcher lingers: one every 100 ms, each
        // long enough after the one before for a dispatcher that polls every 20 ms to send it on its own.
        for (var i = 1; i <= 10; i++)
        {
            (await library.PutClaim("710100", $"linger-{i}", ClaimBodies.Fee(patronId: $"P-linger-{i}"))).StatusCode.ShouldBe(HttpStatusCode.Created);
            await Task.Delay(100);
        }

        var registered = await Eventually.Until(() => RegisteredAtAsync("linger-%"), r => r.Count == 11, seconds: 60);

        // One shipment's receipts are applied in one transaction, with one timestamp (to the microsecond).
        registered.Where(r => r.ClaimId != "linger-first").Select(r => r.At).Distinct().Count().ShouldBe(1);
    }

    private async Task<List<(string ClaimId, long At)>> RegisteredAtAsync(string like)
    {
        await using var c = await _host.Store.Dialect.OpenAsync(default);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT claim_id, at FROM claim_events WHERE type = 'registered' AND claim_id LIKE '{like}'";
        var list = new List<(string, long)>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add((r.GetString(0), r.GetInt64(1)));
        return list;
    }
}

[Trait("store", "sqlite")]
public sealed class DispatcherLingerOnSqlite() : DispatcherLingerTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class DispatcherLingerOnPostgres() : DispatcherLingerTests(StoreKind.Postgres);

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.DebtorSystem;

/// <summary>A debtor system on a bad day: errors and answers that come too late. Every claim still ends registered exactly once.</summary>
public abstract class FaultToleranceTests(StoreKind kind)
{
    [Fact]
    public async Task ThousandClaims_With30PercentErrorsAnd10PercentTimeouts_AllEndRegisteredExactlyOnce()
    {
        using var sandbox = new SandboxProcess();
        using var host = new FeeBridgeHost(kind, settings: new()
        {
            ["FeeBridge:DebtorSystems:101:Endpoint"] = sandbox.Sf1590Endpoint,
            ["FeeBridge:DebtorSystems:101:TimeoutSeconds"] = "1",
            ["FeeBridge:Dispatcher:BackoffBaseMilliseconds"] = "20",
            ["FeeBridge:Dispatcher:MaxBackoffSeconds"] = "1",
            ["FeeBridge:Dispatcher:CircuitRestSeconds"] = "1",
            ["FeeBridge:Dispatcher:PollMilliseconds"] = "20",
        });
        (await sandbox.Http.PutAsJsonAsync("/sandbox/debtor/faults", new { errorRate = 0.3, timeoutRate = 0.1, timeoutMs = 2500 }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var library = host.Library();
        const int claims = 1000;

        await Parallel.ForEachAsync(Enumerable.Range(0, claims), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            (await library.PutClaim("710100", $"fault-{i}", ClaimBodies.Fee(patronId: $"P-fault-{i % 300}", amount: "150.00"))).StatusCode.ShouldBe(HttpStatusCode.Created));

        await Eventually.Until(() => host.Store.Outbox.CountsAsync(default), c => !c.ContainsKey("pending"), seconds: 600);

        (await host.Store.Outbox.CountsAsync(default))["done"].ShouldBe(claims);
        // The faults really struck: shipments failed and were sent again.
        await using (var c = await host.Store.Dialect.OpenAsync(default))
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT COALESCE(SUM(attempts), 0) FROM outbox";
            Convert.ToInt64(await cmd.ExecuteScalarAsync()).ShouldBeGreaterThan(0);
        }
        var registered = 0;
        string? cursor = null;
        do
        {
            var page = await (await library.GetAsync($"/api/v1/agencies/710100/claims?status=registered&limit=500" + (cursor is null ? "" : $"&cursor={cursor}"))).Json();
            registered += page["items"]!.AsArray().Count;
            cursor = (string?)page["nextCursor"];
        } while (cursor is not null);
        registered.ShouldBe(claims);

        var held = JsonNode.Parse(await sandbox.Http.GetStringAsync("/sandbox/debtor/101/claims"))!.AsArray();
        held.Count.ShouldBe(claims);
        held.ShouldAllBe(c => (int)c!["registrations"]! == 1);
        held.Select(c => (string)c!["fagsystemFordringId"]!).Distinct().Count().ShouldBe(claims);
    }
}

[Trait("store", "sqlite")]
public sealed class FaultToleranceOnSqlite() : FaultToleranceTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class FaultToleranceOnPostgres() : FaultToleranceTests(StoreKind.Postgres);

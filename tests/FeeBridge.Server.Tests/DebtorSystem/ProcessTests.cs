using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.DebtorSystem;

/// <summary>FeeBridge as real processes: several on one PostgreSQL, and one killed in the middle of its work.</summary>
public abstract class ProcessTests(StoreKind kind)
{
    private static Dictionary<string, string> Settings(SandboxProcess sandbox) => new()
    {
        ["FeeBridge:DebtorSystems:101:Endpoint"] = sandbox.Sf1590Endpoint,
        ["FeeBridge:DebtorSystems:101:BatchSize"] = "20",
        ["FeeBridge:Dispatcher:LeaseSeconds"] = "5",
        ["FeeBridge:Dispatcher:PollMilliseconds"] = "20",
        ["FeeBridge:Dispatcher:BackoffBaseMilliseconds"] = "50",
        ["FeeBridge:Dispatcher:MaxBackoffSeconds"] = "1",
    };

    private static async Task PutAll(int count, string prefix, params HttpClient[] clients) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            (await clients[i % clients.Length].PutClaim("710100", $"{prefix}-{i}", ClaimBodies.Fee(patronId: $"P-{prefix}-{i % 700}", amount: "125.00")))
                .StatusCode.ShouldBe(HttpStatusCode.Created));

    protected static async Task<JsonArray> SandboxClaims(SandboxProcess sandbox) =>
        JsonNode.Parse(await sandbox.Http.GetStringAsync("/sandbox/debtor/101/claims"))!.AsArray();

    private static void EachRegisteredOnce(JsonArray held, int count)
    {
        held.Count.ShouldBe(count);
        held.Select(c => (string)c!["fagsystemFordringId"]!).Distinct().Count().ShouldBe(count);
        held.ShouldAllBe(c => (int)c!["registrations"]! == 1);
    }

    [Fact]
    public async Task KilledWithSigkillWhileDispatching_ThenRestarted_LosesNothing_AndDuplicatesNothing()
    {
        using var sandbox = new SandboxProcess();
        // A slow debtor system (1 s a shipment of 20) keeps the dispatcher busy for long enough to be killed mid-way.
        (await sandbox.Http.PutAsJsonAsync("/sandbox/debtor/faults", new { latencyMs = 1000 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var data = TestStores.NewDataDirectory();
        var db = kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null;
        const int count = 1500;

        using (var first = new FeeBridgeProcess(data, db, Settings(sandbox)))
        {
            await PutAll(count, "kill", first.Library);
            await Eventually.Until(() => SandboxClaims(sandbox), h => h.Count >= 300);
            first.Kill();
        }
        var atKill = (await SandboxClaims(sandbox)).Count;
        atKill.ShouldBeLessThan(count, "the kill must come in the middle of dispatching");

        using var second = new FeeBridgeProcess(data, db, Settings(sandbox));
        await Eventually.Until(() => SandboxClaims(sandbox), h => h.Count == count, seconds: 300);
        await Eventually.Until(async () => (string)(await second.Library.GetClaim("710100", $"kill-{count - 1}"))["status"]!, s => s == "registered", seconds: 300);

        EachRegisteredOnce(await SandboxClaims(sandbox), count);
        for (var i = 0; i < count; i += 97)
            ((string)(await second.Library.GetClaim("710100", $"kill-{i}"))["status"]!).ShouldBe("registered");
    }
}

[Trait("store", "sqlite")]
public sealed class ProcessesOnSqlite() : ProcessTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class ProcessesOnPostgres() : ProcessTests(StoreKind.Postgres)
{
    [Fact]
    public async Task TwoProcessesOnOnePostgres_FiveThousandClaims_NoneSentTwice()
    {
        using var sandbox = new SandboxProcess();
        var data = TestStores.NewDataDirectory();
        var db = TestStores.NewPostgresDatabase();
        var settings = new Dictionary<string, string>
        {
            ["FeeBridge:DebtorSystems:101:Endpoint"] = sandbox.Sf1590Endpoint,
            ["FeeBridge:Dispatcher:PollMilliseconds"] = "20",
        };
        using var a = new FeeBridgeProcess(data, db, settings);
        using var b = new FeeBridgeProcess(data, db, settings);
        const int count = 5000;

        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            (await (i % 2 == 0 ? a : b).Library.PutClaim("710100", $"two-{i}", ClaimBodies.Fee(patronId: $"P-two-{i % 900}", amount: "125.00")))
                .StatusCode.ShouldBe(HttpStatusCode.Created));
        await Eventually.Until(() => SandboxClaims(sandbox), h => h.Count == count, seconds: 300);

        var held = await SandboxClaims(sandbox);
        held.Count.ShouldBe(count);
        held.ShouldAllBe(c => (int)c!["registrations"]! == 1);
        var stats = JsonNode.Parse(await sandbox.Http.GetStringAsync("/sandbox/debtor/stats"))!;
        ((long)stats["deliveries"]!).ShouldBe(count);
        ((long)stats["repeatedDeliveries"]!).ShouldBe(0);
    }
}

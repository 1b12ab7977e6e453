using System.Net;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.DebtorSystem;

/// <summary>A debtor system that cannot be reached: nothing is lost, the claim waits queued, the rows are retried later.</summary>
public abstract class DispatcherFaultTests(StoreKind kind)
{
    [Fact]
    public async Task UnreachableDebtorSystem_RowsAreRetriedWithBackOff_AndTheClaimStaysQueued()
    {
        using var host = new FeeBridgeHost(kind, settings: new() { ["FeeBridge:DebtorSystems:101:Endpoint"] = "http://127.0.0.1:9/sf1590" });
        var client = host.Library();
        (await client.PutClaim("710100", "down-1", ClaimBodies.Fee(patronId: "P-down"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var attempts = await Eventually.Until(() => OutboxAttemptsAsync(host, "down-1"), a => a >= 1);

        attempts.ShouldBeGreaterThanOrEqualTo(1);
        ((string)(await client.GetClaim("710100", "down-1"))["status"]!).ShouldBe("queued");
        (await host.Store.Outbox.CountsAsync(default))["pending"].ShouldBe(1);
    }

    private static async Task<int> OutboxAttemptsAsync(FeeBridgeHost host, string claimId)
    {
        await using var c = await host.Store.Dialect.OpenAsync(default);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT attempts FROM outbox WHERE claim_id = '{claimId}'";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync());
    }
}

[Trait("store", "sqlite")]
public sealed class DispatcherFaultsOnSqlite() : DispatcherFaultTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class DispatcherFaultsOnPostgres() : DispatcherFaultTests(StoreKind.Postgres);

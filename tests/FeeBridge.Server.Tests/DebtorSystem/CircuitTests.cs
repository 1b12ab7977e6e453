using System.Net;
using FeeBridge.Application;
using FeeBridge.Application.DebtorSystem;
using FeeBridge.Domain;
using FeeBridge.Persistence.Staff;
using FeeBridge.Server.Staff.Console;
using FeeBridge.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeeBridge.Server.Tests.DebtorSystem;

/// <summary>
/// A debtor system that does not answer gets a rest (the circuit opens after five failures in a row), and the finance
/// queue says so (issue 18: "outbox rows stuck or circuits open") in every process on the store, not only in the one
/// that sends.
/// </summary>
public abstract class CircuitTests(StoreKind kind)
{
    [Fact]
    public void TheCircuit_OpensAtTheFifthFailureInARow_AndSaysWhenItCloses()
    {
        var circuit = new Circuit(TimeSpan.FromMinutes(10));
        var now = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 4; i++) circuit.Failed(now).ShouldBeNull();
        circuit.AllowsAt(now).ShouldBeTrue();
        circuit.Failed(now).ShouldBe(now.AddMinutes(10));
        circuit.AllowsAt(now.AddMinutes(9)).ShouldBeFalse();
        circuit.Succeeded().ShouldBeTrue();
        circuit.AllowsAt(now).ShouldBeTrue();
        circuit.Succeeded().ShouldBeFalse(); // nothing to tell: it was closed
    }

    [Fact]
    public async Task AnOpenCircuit_ShowsInTheFinanceQueueOfAnotherProcess_ThatSendsNothingItself()
    {
        using var sender = new FeeBridgeHost(kind, settings: DeadDebtorSystem.Settings());
        using var reader = new FeeBridgeHost(kind, dataDirectory: sender.DataDirectory, connectionString: sender.ConnectionString,
            settings: new() { ["FeeBridge:Dispatcher:Enabled"] = "false" });
        var queue = reader.Services.GetRequiredService<FinanceQueue>();
        var copenhagen = reader.Services.GetRequiredService<Tenants>().Municipality(Kommunekode.Parse("101"));
        (await reader.Store.Circuits.IsOpenAsync("101", DateTimeOffset.UtcNow, default)).ShouldBeFalse();

        (await sender.Library().PutClaim("710100", "circuit-1", ClaimBodies.Fee(patronId: "P-circuit"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        await Eventually.Until(() => reader.Store.Circuits.IsOpenAsync("101", DateTimeOffset.UtcNow, default), open => open);
        var page = await queue.QueueAsync(copenhagen, QueueKind.Stuck, 20, default);
        var stuck = page.Items.ShouldHaveSingleItem();
        stuck.ItemId.ShouldBe("stuck:101");
        stuck.Code.ShouldBe("CIRCUIT_OPEN");
        (await reader.Store.Circuits.IsOpenAsync("147", DateTimeOffset.UtcNow, default)).ShouldBeFalse();
        // Read as closed once the rest is over, even if the process that opened it is gone.
        (await reader.Store.Circuits.IsOpenAsync("101", DateTimeOffset.UtcNow.AddMinutes(11), default)).ShouldBeFalse();
    }
}

[Trait("store", "sqlite")]
public sealed class CircuitOnSqlite() : CircuitTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class CircuitOnPostgres() : CircuitTests(StoreKind.Postgres);

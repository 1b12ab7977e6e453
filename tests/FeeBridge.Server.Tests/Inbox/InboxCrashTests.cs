using System.Net;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.Domain;
using FeeBridge.Persistence.Inbox;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Inbox;

/// <summary>A FeeBridge process killed after acknowledging reports and before applying them loses nothing.</summary>
public abstract class InboxCrashTests(StoreKind kind)
{
    [Fact]
    public async Task KilledBetweenAcknowledgingAndApplying_ThenRestarted_EveryReportIsApplied_Once()
    {
        var data = TestStores.NewDataDirectory();
        var db = kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null;
        const int claims = 40;
        var reports = new List<Haendelse>();

        // The first process only receives: it stores and acknowledges, and dies before applying anything.
        using (var first = new FeeBridgeProcess(data, db, new Dictionary<string, string> { ["FeeBridge:Inbox:ApplyEnabled"] = "false" }))
        {
            for (var i = 0; i < claims; i++)
            {
                (await first.Library.PutClaim("710100", $"crash-{i}", ClaimBodies.Fee(patronId: $"P-crash-{i}"))).StatusCode.ShouldBe(HttpStatusCode.Created);
                reports.Add(Reports.Of($"710100-crash-{i}", HaendelseType.Daekning, "20.00", "100.00", id: null));
                reports.Add(Reports.Of($"710100-crash-{i}", HaendelseType.Daekning, "100.00", "0.00", day: 1));
            }
            using var debtorSystem = new HttpClient { BaseAddress = first.Address };
            foreach (var batch in reports.Chunk(25))
                (await debtorSystem.SendAsync("101", batch)).ShouldAllBe(k => k.Status == HaendelseStatus.Modtaget);
            ((string)(await first.Library.GetClaim("710100", "crash-0"))["paid"]!).ShouldBe("0.00", "nothing applied before the kill");
            first.Kill();
        }

        using var second = new FeeBridgeProcess(data, db, new Dictionary<string, string> { ["FeeBridge:Inbox:PollMilliseconds"] = "20" });
        for (var i = 0; i < claims; i++)
        {
            var claim = await Eventually.Until(() => second.Library.GetClaim("710100", $"crash-{i}"), c => (string)c["status"]! == "paid");
            ((string)claim["paid"]!).ShouldBe("120.00");
            ClaimBodies.EventTypes(claim).Count(t => t == "covered").ShouldBe(2);
        }
        // And a late repeat of everything changes nothing.
        using var again = new HttpClient { BaseAddress = second.Address };
        foreach (var batch in reports.Chunk(25)) await again.SendAsync("101", batch);
        await Task.Delay(500);
        ClaimBodies.EventTypes(await second.Library.GetClaim("710100", "crash-7")).Count(t => t == "covered").ShouldBe(2);
    }

    /// <summary>
    /// A claim's reports are applied in the order they arrived (a <c>Restsaldo</c> is only right after the reports
    /// before it): while a claim has reports pending — stored by a receive-only process — a new report for it is stored
    /// pending behind them, not applied ahead of them on receipt.
    /// </summary>
    [Fact]
    public async Task AReportForAClaimWithReportsPending_WaitsBehindThem_AndAllAreAppliedInArrivalOrder()
    {
        using var host = new FeeBridgeHost(kind, settings: new() { ["FeeBridge:Inbox:ApplyEnabled"] = "false" });
        var library = host.Library();
        (await library.PutClaim("710100", "behind", ClaimBodies.Fee(patronId: "P-behind", amount: "120.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var now = DateTimeOffset.UtcNow;
        InboxEntry Payment(string beloeb, string rest, int day) => new(Guid.NewGuid(), "710100-behind", null, FeeBridge.Domain.Claims.DebtorEventKind.Covered,
            Money.Parse(beloeb), new DateOnly(2026, 3, 1 + day), null, Money.Parse(rest));
        var first = Payment("20.00", "100.00", 0);
        var second = Payment("30.00", "70.00", 1);
        var third = Payment("70.00", "0.00", 2);

        (await host.Store.Inbox.ReceiveAsync("101", [first, second], now, apply: false, default)).ShouldAllBe(a => a.Accepted);
        (await host.Store.Inbox.ReceiveAsync("101", [third], now, apply: true, default)).Single().Accepted.ShouldBeTrue();
        (await host.Store.Inbox.CountsAsync(default)).GetValueOrDefault("pending").ShouldBe(3, "the third waits behind the two pending");
        ((string)(await library.GetClaim("710100", "behind"))["paid"]!).ShouldBe("0.00");

        (await host.Store.Inbox.ApplyNextAsync(500, now, default)).ShouldBe(3);
        var claim = await library.GetClaim("710100", "behind");
        ((string)claim["status"]!).ShouldBe("paid");
        ((bool)claim["needsReconciliation"]!).ShouldBeFalse("each Restsaldo matched, so they were applied in order");
    }
}

[Trait("store", "sqlite")]
public sealed class InboxCrashOnSqlite() : InboxCrashTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class InboxCrashOnPostgres() : InboxCrashTests(StoreKind.Postgres);

using System.Net;
using FeeBridge.DebtorSystem.Contract;
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
}

[Trait("store", "sqlite")]
public sealed class InboxCrashOnSqlite() : InboxCrashTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class InboxCrashOnPostgres() : InboxCrashTests(StoreKind.Postgres);

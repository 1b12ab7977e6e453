using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Claims;

/// <summary>The balance call with the debtor system's own figures (DebitorForespoergsel), and when it does not answer.</summary>
public abstract class BalanceEndToEndTests : IDisposable
{
    private readonly SandboxedHost _setup;
    private readonly SandboxProcess _sandbox;
    private readonly FeeBridgeHost _host;
    private readonly HttpClient _library;

    protected BalanceEndToEndTests(StoreKind kind)
    {
        _setup = new SandboxedHost(kind, ["101"], new()
        {
            ["FeeBridge:Balance:CacheSeconds"] = "0",
            ["FeeBridge:Balance:TimeoutMilliseconds"] = "2000",
        });
        _sandbox = _setup.Sandbox;
        _host = _setup.Host;
        _library = _host.Library();
    }

    public void Dispose() => _setup.Dispose();

    private async Task<JsonObject> Balance(string patron) =>
        await (await _library.GetAsync($"/api/v1/agencies/710100/patrons/{patron}/balance")).Json();

    [Fact]
    public async Task Balance_AddsTheDebtorSystemsInterestAndReminderFees_AndSaysWhenItCannotAsk()
    {
        (await _library.PutClaim("710100", "bal-1", ClaimBodies.Fee(patronId: "P-bal", amount: "120.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Eventually.Until(() => _library.GetClaim("710100", "bal-1"), c => (string)c["status"]! == "registered");
        // Past the last on-time payment date: a reminder (250.00 on a public claim) and a month's interest.
        (await _sandbox.Http.PostAsJsonAsync("/sandbox/debtor/clock", new { advanceDays = 62 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var inSandbox = JsonNode.Parse(await _sandbox.Http.GetStringAsync("/sandbox/debtor/101/claims"))!.AsArray()
            .Single(c => (string)c!["fagsystemFordringId"]! == "710100-bal-1")!;

        var b = await Balance("P-bal");
        var debtor = b["debtorSystem"]!;
        ((string)debtor["outstanding"]!).ShouldBe("120.00");
        ((string)debtor["reminderFees"]!).ShouldBe((string)inSandbox["rykkergebyrer"]!);
        ((string)debtor["interest"]!).ShouldBe((string)inSandbox["renter"]!);
        Money.Parse((string)debtor["reminderFees"]!).IsPositive.ShouldBeTrue();
        var owed = Money.Parse("120.00") + Money.Parse((string)inSandbox["rykkergebyrer"]!) + Money.Parse((string)inSandbox["renter"]!);
        ((string)debtor["owed"]!).ShouldBe(owed.ToString());
        ((string)b["total"]!).ShouldBe(owed.ToString());
        ((bool)debtor["source"]!["reachable"]!).ShouldBeTrue();
        ((bool)b["debtorSystemFiguresIncluded"]!).ShouldBeTrue();
        ((bool)b["block"]!).ShouldBeFalse("the block counts the library's claims, not the debtor system's charges");

        _sandbox.Dispose(); // the debtor system goes away
        var stale = await Balance("P-bal");
        var source = stale["debtorSystem"]!["source"]!;
        ((bool)source["reachable"]!).ShouldBeFalse();
        source["unreachableSince"].ShouldNotBeNull();
        ((string)source["asOf"]!).ShouldBe((string)debtor["source"]!["asOf"]!, "what is known, and since when");
        ((string)stale["debtorSystem"]!["reminderFees"]!).ShouldBe((string)debtor["reminderFees"]!);
    }
}

[Trait("store", "sqlite")]
public sealed class BalanceEndToEndOnSqlite() : BalanceEndToEndTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class BalanceEndToEndOnPostgres() : BalanceEndToEndTests(StoreKind.Postgres);

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Inbox;

/// <summary>
/// What issue 14 found in the debtor system's reports and their listing: the listing's scope and money format, a
/// delivery too large for one SQLite statement, and reports that cannot all be true (CONTRACTS.md §3.2; DOMAIN rules
/// named per test). Two agencies share municipality 101 here, each with its own key.
/// </summary>
public abstract class ReportRulesTests : IDisposable
{
    private const string KeyA = "key-for-710100-only";
    private const string KeyB = "key-for-710200-only";
    private readonly FeeBridgeHost _host;
    private readonly HttpClient _a;
    private readonly HttpClient _b;
    private readonly HttpClient _debtorSystem;

    protected ReportRulesTests(StoreKind kind)
    {
        _host = new FeeBridgeHost(kind, settings: new()
        {
            ["FeeBridge:Inbox:PollMilliseconds"] = "20",
            ["FeeBridge:Municipalities:0:Code"] = "101",
            ["FeeBridge:Municipalities:0:Name"] = "Københavns Kommune",
            ["FeeBridge:Municipalities:0:Minimum"] = "0.00",
            ["FeeBridge:Agencies:0:Id"] = "710100",
            ["FeeBridge:Agencies:0:Name"] = "Københavns Biblioteker",
            ["FeeBridge:Agencies:0:Municipality"] = "101",
            ["FeeBridge:Agencies:0:CutOverDate"] = "2020-01-01",
            ["FeeBridge:Agencies:1:Id"] = "710200",
            ["FeeBridge:Agencies:1:Name"] = "Another library in the same municipality",
            ["FeeBridge:Agencies:1:Municipality"] = "101",
            ["FeeBridge:Agencies:1:CutOverDate"] = "2020-01-01",
            ["FeeBridge:ApiKeys:0:Name"] = "library A",
            ["FeeBridge:ApiKeys:0:Sha256"] = Sha256(KeyA),
            ["FeeBridge:ApiKeys:0:Agencies:0"] = "710100",
            ["FeeBridge:ApiKeys:1:Name"] = "library B",
            ["FeeBridge:ApiKeys:1:Sha256"] = Sha256(KeyB),
            ["FeeBridge:ApiKeys:1:Agencies:0"] = "710200",
        });
        _a = _host.Library(KeyA);
        _b = _host.Library(KeyB);
        _debtorSystem = _host.CreateClient();
    }

    public void Dispose() => _host.Dispose();

    private static string Sha256(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static async Task<string> Queued(HttpClient library, string agency, string claimId, string amount = "120.00")
    {
        (await library.PutClaim(agency, claimId, ClaimBodies.Fee(patronId: "P-" + claimId, amount: amount))).StatusCode.ShouldBe(HttpStatusCode.Created);
        return $"{agency}-{claimId}";
    }

    private async Task<JsonArray> ReportsAsync(HttpClient library, string agency, string query = "") =>
        JsonNode.Parse(await library.GetStringAsync($"/api/v1/agencies/{agency}/debtor-reports{query}"))!.AsArray();

    private async Task WaitUntilAppliedAsync(int count) =>
        await Eventually.Until(() => _host.Store.Inbox.CountsAsync(default), c => c.GetValueOrDefault("applied") >= count, 60);

    // CONTRACTS.md §1: a key acts for its own agencies only — the debtor reports too, though both agencies share
    // municipality 101 and its debtor system. §0: money on the wire is "150.00".
    [Fact]
    public async Task DebtorReports_ListOnlyTheAgencysOwnClaims_NotAnotherAgencyOfTheSameMunicipality_WithMoneyAsKroner()
    {
        var mine = await Queued(_a, "710100", "scope-a");
        var theirs = await Queued(_b, "710200", "scope-b");
        (await _debtorSystem.SendAsync("101", Reports.Of(mine, HaendelseType.Daekning, "50.00", "70.00"), Reports.Of(theirs, HaendelseType.Daekning, "150.00", "0.00")))
            .ShouldAllBe(k => k.Status == HaendelseStatus.Modtaget);

        var listed = await ReportsAsync(_a, "710100");
        listed.Select(r => (string)r!["fagsystemFordringId"]!).ShouldBe([mine]);
        ((string)listed.Single()!["beloeb"]!).ShouldBe("50.00");
        ((string)listed.Single()!["restsaldo"]!).ShouldBe("70.00");
        var other = await ReportsAsync(_b, "710200");
        other.Select(r => (string)r!["fagsystemFordringId"]!).ShouldBe([theirs]);
        ((string)other.Single()!["beloeb"]!).ShouldBe("150.00");
        (await _a.GetAsync("/api/v1/agencies/710200/debtor-reports")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    // Issue 14: a delivery of 2,185 reports or more was 500 "too many SQL variables" on SQLite, and the debtor system
    // would send it again forever. Here 2,400 in one delivery (still under 1 MB): 1,800 payments on one claim and
    // 600 for claims FeeBridge never registered; then the same delivery again, every report a repeat. The applier
    // takes them in batches larger than one SQLite statement holds, too.
    [Fact]
    public async Task ADeliveryOf2400Reports_IsAnsweredPerReport_StoredOnce_AndApplied()
    {
        await using var host = new FeeBridgeHost(_host.Kind, settings: new()
        {
            ["FeeBridge:Inbox:PollMilliseconds"] = "20", ["FeeBridge:Inbox:BatchSize"] = "5000",
        });
        var library = host.Library();
        var debtorSystem = host.CreateClient();
        var id = await Queued(library, "710100", "big", amount: "120.00");
        var payments = Enumerable.Range(0, 1800).Select(i => Reports.Of(id, HaendelseType.Daekning, "0.01", Money.FromOre(12000 - i - 1).ToString())).ToArray();
        var strangers = Enumerable.Range(0, 600).Select(i => Reports.Of($"710100-nobody-{i}", HaendelseType.Daekning, "0.01", "0.00")).ToArray();
        Haendelse[] delivery = [.. payments, .. strangers];
        Encoding.UTF8.GetByteCount((await Reports.Soap("101", delivery).ReadAsStringAsync())).ShouldBeLessThan(1024 * 1024);

        var answers = await debtorSystem.SendAsync("101", delivery);
        answers.Count.ShouldBe(2400);
        answers.Take(1800).ShouldAllBe(k => k.Status == HaendelseStatus.Modtaget);
        answers.Skip(1800).ShouldAllBe(k => k.Status == HaendelseStatus.Afvist);
        var again = await debtorSystem.SendAsync("101", delivery);
        again.Select(k => k.Status).ShouldBe(answers.Select(k => k.Status), "each repeat gets its first answer");

        await Eventually.Until(() => host.Store.Inbox.CountsAsync(default), c => c.GetValueOrDefault("applied") == 1800, 120);
        (await host.Store.Inbox.CountsAsync(default)).GetValueOrDefault("refused").ShouldBe(600);
        var claim = await library.GetClaim("710100", "big");
        ((string)claim["paid"]!).ShouldBe("18.00");
        ClaimBodies.EventTypes(claim).Count(t => t == "covered").ShouldBe(1800);
    }

    // DOMAIN: write-downs and Nedreguleringer together never exceed the principal (issue 14: 300.00 on 120.00).
    [Fact]
    public async Task Nedreguleringer_BeyondThePrincipal_AreAfvist_InOneDeliveryOrSeveral()
    {
        var id = await Queued(_a, "710100", "ned");
        var answers = await _debtorSystem.SendAsync("101",
            Reports.Of(id, HaendelseType.Nedregulering, "100.00", "20.00"), Reports.Of(id, HaendelseType.Nedregulering, "100.00", "0.00", day: 1));
        answers.Select(k => k.Status).ShouldBe([HaendelseStatus.Modtaget, HaendelseStatus.Afvist]);
        answers[1].Fejltekst!.ShouldContain("principal 120.00");
        var later = (await _debtorSystem.SendAsync("101", Reports.Of(id, HaendelseType.Nedregulering, "100.00", "0.00", day: 2))).Single();
        later.Status.ShouldBe(HaendelseStatus.Afvist);
        (await _debtorSystem.SendAsync("101", Reports.Of(id, HaendelseType.Nedregulering, "20.00", "0.00", day: 3))).Single().Status.ShouldBe(HaendelseStatus.Modtaget);

        await WaitUntilAppliedAsync(2);
        var claim = await _a.GetClaim("710100", "ned");
        ((string)claim["writtenDown"]!).ShouldBe("120.00");
        ((string)claim["status"]!).ShouldBe("written-down");
    }

    // DOMAIN: a Tilbagefoersel reverses a payment reported before it (issue 14: 500.00 on an unpaid claim was Modtaget).
    [Fact]
    public async Task ATilbagefoersel_MoreThanThePaymentsReported_IsAfvist_OneWithinThemIsModtaget()
    {
        var id = await Queued(_a, "710100", "rev");
        var unpaid = (await _debtorSystem.SendAsync("101", Reports.Of(id, HaendelseType.Tilbagefoersel, "500.00", "120.00"))).Single();
        unpaid.Status.ShouldBe(HaendelseStatus.Afvist);
        unpaid.Fejltekst!.ShouldContain("Tilbagefoersel 500.00");

        // A payment still waiting in the inbox counts, and so does one earlier in the same delivery.
        var answers = await _debtorSystem.SendAsync("101",
            Reports.Of(id, HaendelseType.Daekning, "50.00", "70.00", day: 1), Reports.Of(id, HaendelseType.Tilbagefoersel, "50.00", "120.00", day: 2),
            Reports.Of(id, HaendelseType.Tilbagefoersel, "0.01", "120.00", day: 3));
        answers.Select(k => k.Status).ShouldBe([HaendelseStatus.Modtaget, HaendelseStatus.Modtaget, HaendelseStatus.Afvist]);
        await WaitUntilAppliedAsync(2);
        var claim = await _a.GetClaim("710100", "rev");
        ((string)claim["paid"]!).ShouldBe("0.00");
        ((bool)claim["needsReconciliation"]!).ShouldBeFalse();
    }

    // CONTRACTS.md §3.2: a HaendelseId is one event, delivered at least once; the same id saying something else is
    // not a repeat (issue 14: it was silently taken as one).
    [Fact]
    public async Task ARepeatedHaendelseId_WithDifferentContent_IsAfvist_AndTheFirstReportStands()
    {
        var id = await Queued(_a, "710100", "dup");
        var first = Reports.Of(id, HaendelseType.Daekning, "10.00", "110.00");
        (await _debtorSystem.SendAsync("101", first)).Single().Status.ShouldBe(HaendelseStatus.Modtaget);
        var changed = first with { Beloeb = Money.Parse("100.00"), Restsaldo = Money.Parse("20.00") };
        var answer = (await _debtorSystem.SendAsync("101", changed)).Single();
        answer.Status.ShouldBe(HaendelseStatus.Afvist);
        answer.Fejltekst!.ShouldContain("different content");
        (await _debtorSystem.SendAsync("101", first)).Single().Status.ShouldBe(HaendelseStatus.Modtaget, "the true repeat still gets its first answer");
        // Within one delivery as well.
        var twin = Reports.Of(id, HaendelseType.Daekning, "1.00", "109.00", day: 1);
        (await _debtorSystem.SendAsync("101", twin, twin with { Beloeb = Money.Parse("2.00") })).Select(k => k.Status)
            .ShouldBe([HaendelseStatus.Modtaget, HaendelseStatus.Afvist]);

        await WaitUntilAppliedAsync(2);
        ((string)(await _a.GetClaim("710100", "dup"))["paid"]!).ShouldBe("11.00");
    }

    // Money.MaxClaimAmount, the one bound for every amount: a claim above it is refused, so a debtor's balance stays
    // readable (issue 14: 999,999,999,999.99 kr was accepted and the balance could never be read back).
    [Fact]
    public async Task AClaimAboveMaxClaimAmount_Is422_OneAtTheBound_IsTaken_AndItsBalanceReads()
    {
        using var huge = await _a.PutClaim("710100", "huge", ClaimBodies.Fee(patronId: "P-huge", amount: "999999999999.99"));
        huge.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await huge.Content.ReadAsStringAsync()).ShouldContain("lines[0].amount");

        var body = ClaimBodies.Fee(patronId: "P-two", amount: "600000.00");
        body["lines"]!.AsArray().Add(new JsonObject { ["lineId"] = "2", ["amount"] = "600000.00", ["text"] = "Erstatning" });
        using var together = await _a.PutClaim("710100", "two", body);
        together.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await together.Content.ReadAsStringAsync()).ShouldContain("lines together");

        (await _a.PutClaim("710100", "max", ClaimBodies.Fee(patronId: "P-max", amount: Money.MaxClaimAmount.ToString()))).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var balance = await _a.GetAsync("/api/v1/agencies/710100/patrons/P-max/balance");
        balance.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await balance.Content.ReadAsStringAsync()).ShouldContain(Money.MaxClaimAmount.ToString());
    }

    // Money.MaxClaimAmount holds for the debtor system's reports as well: a payment above it is Afvist, one report,
    // not a fault for the whole delivery.
    [Fact]
    public async Task AReportAboveMaxClaimAmount_IsAfvist()
    {
        var id = await Queued(_a, "710100", "big-pay");
        var answers = await _debtorSystem.SendAsync("101",
            Reports.Of(id, HaendelseType.Daekning, "999999999999.99", "0.00"), Reports.Of(id, HaendelseType.Daekning, "10.00", "110.00", day: 1));
        answers.Select(k => k.Status).ShouldBe([HaendelseStatus.Afvist, HaendelseStatus.Modtaget]);
        answers[0].Fejltekst!.ShouldContain(Money.MaxClaimAmount.ToString());
    }
}

[Trait("store", "sqlite")]
public sealed class ReportRulesOnSqlite() : ReportRulesTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class ReportRulesOnPostgres() : ReportRulesTests(StoreKind.Postgres);

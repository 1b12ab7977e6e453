using System.Net;
using System.Text.Json.Nodes;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Inbox;

/// <summary>
/// The receiver for the debtor system's reports (CONTRACTS.md §3.2) and what they do to claims: stored and
/// deduplicated before they are acknowledged, refused with a reason when they cannot be true, applied whatever the
/// order and number of deliveries.
/// </summary>
public abstract class ReceiverTests : IDisposable
{
    private readonly FeeBridgeHost _host;
    private readonly HttpClient _library;
    private readonly HttpClient _debtorSystem;

    protected ReceiverTests(StoreKind kind)
    {
        // No debtor system is reachable here: claims stay queued, which is enough to receive reports for them.
        _host = new FeeBridgeHost(kind, settings: new() { ["FeeBridge:Inbox:PollMilliseconds"] = "20" });
        _library = _host.Library();
        _debtorSystem = _host.CreateClient();
    }

    public void Dispose() => _host.Dispose();

    private async Task<string> Queued(string claimId, string amount = "120.00")
    {
        (await _library.PutClaim("710100", claimId, ClaimBodies.Fee(patronId: "P-" + claimId, amount: amount))).StatusCode.ShouldBe(HttpStatusCode.Created);
        return "710100-" + claimId;
    }

    private Task<JsonObject> ClaimWhen(string claimId, Func<JsonObject, bool> done) =>
        Eventually.Until(() => _library.GetClaim("710100", claimId), done);

    [Fact]
    public async Task PartialThenFullPayment_MakesTheClaimPartiallyPaid_ThenPaid()
    {
        var id = await Queued("rcv-1");
        (await _debtorSystem.SendAsync("101", Reports.Of(id, HaendelseType.Daekning, "50.00", "70.00"))).Single().Status.ShouldBe(HaendelseStatus.Modtaget);
        var part = await ClaimWhen("rcv-1", c => (string)c["status"]! == "partially-paid");
        ((string)part["paid"]!).ShouldBe("50.00");
        ((string)part["outstanding"]!).ShouldBe("70.00");

        await _debtorSystem.SendAsync("101", Reports.Of(id, HaendelseType.Daekning, "70.00", "0.00", day: 1));
        var paid = await ClaimWhen("rcv-1", c => (string)c["status"]! == "paid");
        ((string)paid["outstanding"]!).ShouldBe("0.00");
        ((bool)paid["needsReconciliation"]!).ShouldBeFalse();
        ClaimBodies.EventTypes(paid).Count(t => t == "covered").ShouldBe(2);
    }

    /// <summary>
    /// The same delivery sent four times at once (a debtor system retrying while the first is still in flight): every
    /// report is stored and applied once, and every copy is answered <c>Modtaget</c>. The reports' rows are plain
    /// inserts under their claims' locks; a copy waits for the lock and then finds them stored.
    /// </summary>
    [Fact]
    public async Task TheSameDeliveryFourTimesAtOnce_IsAppliedOnce_AndEveryCopyIsAnsweredModtaget()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await Queued($"rcv-race-{i}"));
        var delivery = ids.Select((id, i) => Reports.Of(id, HaendelseType.Daekning, "10.00", "110.00", day: i)).ToArray();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _host.CreateClient().SendAsync("101", delivery)));

        answers.ShouldAllBe(a => a.Count == 5 && a.All(k => k.Status == HaendelseStatus.Modtaget));
        for (var i = 0; i < 5; i++)
        {
            var claim = await _library.GetClaim("710100", $"rcv-race-{i}");
            ((string)claim["paid"]!).ShouldBe("10.00");
            ClaimBodies.EventTypes(claim).Count(t => t == "covered").ShouldBe(1);
        }
    }

    /// <summary>
    /// Issue 14: a report answered <c>Modtaget</c> is on its claim when the answer leaves — stored and applied in one
    /// transaction, so the citizen and the library see a payment at once, and no instant exists at which a report is
    /// acknowledged but not applied. Read straight after the answer, without waiting.
    /// </summary>
    [Fact]
    public async Task AReportAnsweredModtaget_IsAlreadyOnItsClaim_WhenTheAnswerArrives()
    {
        var id = await Queued("rcv-now");
        (await _debtorSystem.SendAsync("101", Reports.Of(id, HaendelseType.Daekning, "20.00", "100.00"))).Single().Status.ShouldBe(HaendelseStatus.Modtaget);
        var claim = await _library.GetClaim("710100", "rcv-now");
        ((string)claim["paid"]!).ShouldBe("20.00");
        (await _host.Store.Inbox.CountsAsync(default)).GetValueOrDefault("pending").ShouldBe(0);
    }

    [Fact]
    public async Task EveryReportThreeTimes_InShuffledOrder_GivesTheSameClaim_AsOneOrderedDelivery()
    {
        var ordered = await Queued("rcv-ord");
        var shuffled = await Queued("rcv-shuf");
        Haendelse[] History(string id) =>
        [
            Reports.Of(id, HaendelseType.Daekning, "20.00", "100.00", day: 0),
            Reports.Of(id, HaendelseType.OversendtTilInddrivelse, "100.00", "100.00", day: 1),
            Reports.Of(id, HaendelseType.Daekning, "30.00", "70.00", day: 2),
            Reports.Of(id, HaendelseType.Tilbagefoersel, "30.00", "100.00", day: 3),
            Reports.Of(id, HaendelseType.Daekning, "100.00", "0.00", day: 4),
        ];
        foreach (var h in History(ordered)) await _debtorSystem.SendAsync("101", h);

        var events = History(shuffled);
        var deliveries = events.Concat(events).Concat(events).ToArray();
        new Random(4).Shuffle(deliveries);
        foreach (var batch in deliveries.Chunk(4)) await _debtorSystem.SendAsync("101", batch);

        var a = await ClaimWhen("rcv-ord", c => (string)c["status"]! == "paid");
        var b = await ClaimWhen("rcv-shuf", c => c["events"]!.AsArray().Count == a["events"]!.AsArray().Count);
        foreach (var field in new[] { "status", "paid", "outstanding", "writtenOff", "credit", "needsReconciliation" })
            b[field]!.ToJsonString().ShouldBe(a[field]!.ToJsonString(), field);
        ClaimBodies.EventTypes(b).Count(t => t == "covered").ShouldBe(3, "each report once, however often it came");
    }

    [Fact]
    public async Task ARepeatedDelivery_GetsTheSameAnswer_AndIsStoredOnce()
    {
        var id = await Queued("rcv-rep");
        var report = Reports.Of(id, HaendelseType.Daekning, "10.00", "110.00");
        (await _debtorSystem.SendAsync("101", report, report)).Select(k => k.Status).ShouldBe([HaendelseStatus.Modtaget, HaendelseStatus.Modtaget]);
        (await _debtorSystem.SendAsync("101", report)).Single().Status.ShouldBe(HaendelseStatus.Modtaget);

        var claim = await ClaimWhen("rcv-rep", c => (string)c["status"]! == "partially-paid");
        ((string)claim["paid"]!).ShouldBe("10.00");
        var reports = JsonNode.Parse(await _library.GetStringAsync("/api/v1/agencies/710100/debtor-reports"))!.AsArray();
        reports.Count(r => (string)r!["haendelseId"]! == report.HaendelseId.ToString()).ShouldBe(1);
    }

    [Fact]
    public async Task AReportForAnUnknownClaim_IsAfvist_WithAReason_AndKeptForStaff()
    {
        var unknown = Reports.Of("710100-nobody", HaendelseType.Daekning, "10.00", "0.00");
        var answer = (await _debtorSystem.SendAsync("101", unknown)).Single();
        answer.Status.ShouldBe(HaendelseStatus.Afvist);
        answer.Fejltekst!.ShouldContain("710100-nobody");

        var refused = JsonNode.Parse(await _library.GetStringAsync("/api/v1/agencies/710100/debtor-reports?state=refused"))!.AsArray();
        var kept = refused.Single(r => (string)r!["haendelseId"]! == unknown.HaendelseId.ToString())!;
        ((string)kept["reason"]!).ShouldBe(answer.Fejltekst);
        (await _debtorSystem.SendAsync("101", unknown)).Single().Status.ShouldBe(HaendelseStatus.Afvist, "the same report again gets the same answer");
    }

    [Fact]
    public async Task AReportFromTheWrongMunicipality_IsAfvist()
    {
        var id = await Queued("rcv-muni");
        (await _debtorSystem.SendAsync("751", Reports.Of(id, HaendelseType.Daekning, "10.00", "110.00"))).Single().Status.ShouldBe(HaendelseStatus.Afvist);
    }

    [Fact]
    public async Task AnImpossibleAmount_IsAfvist_AndTheClaimIsUntouched()
    {
        var id = await Queued("rcv-imp");
        var answer = (await _debtorSystem.SendAsync("101", Reports.Of(id, HaendelseType.Afskrivning, "500.00", "0.00"))).Single();
        answer.Status.ShouldBe(HaendelseStatus.Afvist);
        answer.Fejltekst!.ShouldContain("500.00");
        var claim = await _library.GetClaim("710100", "rcv-imp");
        ((string)claim["status"]!).ShouldBe("queued");
        ClaimBodies.EventTypes(claim).ShouldBe(["received", "queued"]);
    }

    [Fact]
    public async Task ARestsaldoMismatch_RaisesTheReconciliationFlag()
    {
        var id = await Queued("rcv-mis");
        await _debtorSystem.SendAsync("101", Reports.Of(id, HaendelseType.Daekning, "50.00", "60.00"));
        var claim = await ClaimWhen("rcv-mis", c => (string)c["status"]! == "partially-paid");
        ((bool)claim["needsReconciliation"]!).ShouldBeTrue();
        ((string)claim["debtorSystemRestsaldo"]!).ShouldBe("60.00");
        ((string)claim["outstanding"]!).ShouldBe("70.00", "FeeBridge keeps its own figure; reconciliation decides");
    }

    [Fact]
    public async Task HandOffToCollection_KeepsTheClaimOpen_InCollection()
    {
        var id = await Queued("rcv-coll");
        await _debtorSystem.SendAsync("101", Reports.Of(id, HaendelseType.OversendtTilInddrivelse, "370.00", "120.00"));
        var claim = await ClaimWhen("rcv-coll", c => (string)c["status"]! == "in-collection");
        ((string)claim["outstanding"]!).ShouldBe("120.00");
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>&e;</soap:Body></soap:Envelope>""")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>&b;</soap:Body></soap:Envelope>""")]
    [InlineData("""<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><DaekningAfskrivningRegistreringAfsendRequest xmlns="urn:wrong"><MyndighedKode>101</MyndighedKode></DaekningAfskrivningRegistreringAfsendRequest></soap:Body></soap:Envelope>""")]
    [InlineData("""<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><DaekningAfskrivningRegistreringAfsendRequest xmlns="urn:feebridge:modelled:sf1590:v1"><MyndighedKode>101</MyndighedKode><Haendelse><HaendelseId>6f1c1c50-1f7e-4a4e-9d0e-3f0b8b1d2a11</HaendelseId><Type>Daekning</Type><Beloeb>1.00</Beloeb><Valoerdato>2026-12-01</Valoerdato><Restsaldo>0.00</Restsaldo></Haendelse></DaekningAfskrivningRegistreringAfsendRequest></soap:Body></soap:Envelope>""")]
    public async Task HostileOrMalformedXml_IsASoapFaultClient_AndStoresNothing(string xml)
    {
        using var r = await _debtorSystem.PostAsync("/sf1590/DaekningAfskrivningRegistrering", Reports.Signed(xml, "101")); // signed: the XML itself is what is refused
        r.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var body = await r.Content.ReadAsStringAsync();
        body.ShouldContain("soap:Client");
        body.ShouldNotContain("root:");
        (await _host.Store.Inbox.CountsAsync(default)).Values.Sum().ShouldBe(0);
    }

    [Fact]
    public async Task A50MegabyteBody_IsRefusedAtTheLimit_AndStoresNothing()
    {
        var huge = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><x>" + new string('a', 50 * 1024 * 1024) + "</x></soap:Body></soap:Envelope>";
        using var r = await _debtorSystem.PostAsync("/sf1590/DaekningAfskrivningRegistrering", Reports.Signed(huge, "101"));
        r.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await r.Content.ReadAsStringAsync()).ShouldContain("soap:Client");
        (await _host.Store.Inbox.CountsAsync(default)).Values.Sum().ShouldBe(0);
    }
}

[Trait("store", "sqlite")]
public sealed class ReceiverOnSqlite() : ReceiverTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class ReceiverOnPostgres() : ReceiverTests(StoreKind.Postgres);

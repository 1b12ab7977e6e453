using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.DebtorSystem;

/// <summary>FeeBridge and the debtor-system sandbox as its own process, talking SF1590 over real HTTP.</summary>
public abstract class RegistrationEndToEndTests : IDisposable
{
    private readonly SandboxedHost _setup;
    private readonly SandboxProcess _sandbox;
    private readonly FeeBridgeHost _host;
    private readonly HttpClient _library;

    protected RegistrationEndToEndTests(StoreKind kind)
    {
        _setup = new SandboxedHost(kind, ["101", "751"]);
        _sandbox = _setup.Sandbox;
        _host = _setup.Host;
        _library = _host.Library();
    }

    public void Dispose() => _setup.Dispose();

    private Task<JsonObject> ClaimWhen(string id, Func<JsonObject, bool> done) =>
        Eventually.Until(() => _library.GetClaim("710100", id), done);

    private async Task<JsonArray> SandboxClaims(string kommunekode = "101") =>
        JsonNode.Parse(await _sandbox.Http.GetStringAsync($"/sandbox/debtor/{kommunekode}/claims"))!.AsArray();

    [Fact]
    public async Task AClaimPut_BecomesRegistered_AndAppearsOnceInTheDebtorSystem()
    {
        (await _library.PutClaim("710100", "e2e-1", ClaimBodies.Fee(patronId: "P-e2e1", amount: "120.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var claim = await ClaimWhen("e2e-1", c => (string)c["status"]! == "registered");

        var held = (await SandboxClaims()).Where(c => (string)c!["fagsystemFordringId"]! == "710100-e2e-1").ToList();
        held.Count.ShouldBe(1);
        ((int)held[0]!["registrations"]!).ShouldBe(1);
        ((string)held[0]!["debitorsystemFordringId"]!).ShouldBe((string)claim["debtorSystemClaimId"]!);
        ((string)held[0]!["restsaldo"]!).ShouldBe("120.00");
        ((string)held[0]!["sidsteRettidigeBetalingsdato"]!).ShouldBe("2026-12-21");
        (await _host.Store.Outbox.CountsAsync(default)).ContainsKey("pending").ShouldBeFalse();
    }

    [Fact]
    public async Task ARejection_ShowsTheDebtorSystemsCodeAndText()
    {
        (await _library.PutClaim("710100", "e2e-rej", ClaimBodies.Fee(patronId: "P-e2e2", cpr: "0101900000"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var claim = await ClaimWhen("e2e-rej", c => (string)c["status"]! == "rejected");

        var rejected = claim["events"]!.AsArray().Single(e => (string)e!["type"]! == "rejected")!;
        ((string)rejected["detail"]!).ShouldBe("UKENDT_PERSON: Personen findes ikke i CPR.");
        (await SandboxClaims()).ShouldNotContain(c => (string)c!["fagsystemFordringId"]! == "710100-e2e-rej");
    }

    [Fact]
    public async Task ARejectedClaim_IsSentAgainWhenItsDebtorIsCorrected_AndRegisteredOnce()
    {
        (await _library.PutClaim("710100", "e2e-fix", ClaimBodies.Fee(patronId: "P-e2e4", cpr: "0101900000"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await ClaimWhen("e2e-fix", c => (string)c["status"]! == "rejected");

        (await _library.PutJson("/api/v1/agencies/710100/patrons/P-e2e4/debtor", new { cpr = "0101901234" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var claim = await ClaimWhen("e2e-fix", c => (string)c["status"]! == "registered");

        ClaimBodies.EventTypes(claim).ShouldBe(["received", "queued", "rejected", "debtor-changed", "registered"]);
        var held = (await SandboxClaims()).Single(c => (string)c!["fagsystemFordringId"]! == "710100-e2e-fix")!;
        ((string)held["debtor"]!).ShouldBe("010190-****");
        ((int)held["registrations"]!).ShouldBe(1);
    }

    [Fact]
    public async Task WriteDown_CprChange_AndCancellation_ArriveInOrder()
    {
        (await _library.PutClaim("710100", "e2e-upd", ClaimBodies.Fee(patronId: "P-e2e3", amount: "255.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _library.PostJson("/api/v1/agencies/710100/claims/e2e-upd/write-downs", new { writeDownId = "w1", amount = "55.00", reason = "material-returned" }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await _library.PutJson("/api/v1/agencies/710100/patrons/P-e2e3/debtor", new { cpr = "0202021234" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await _library.PostJson("/api/v1/agencies/710100/claims/e2e-upd/cancellation", new { reason = "Oprettet ved en fejl" }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await Eventually.Until(() => _host.Store.Outbox.CountsAsync(default), c => !c.ContainsKey("pending"));

        (await _host.Store.Outbox.CountsAsync(default)).ContainsKey("rejected").ShouldBeFalse();
        var held = (await SandboxClaims()).Single(c => (string)c!["fagsystemFordringId"]! == "710100-e2e-upd")!;
        ((string)held["nedskrevet"]!).ShouldBe("55.00");
        ((string)held["liableParty"]!).ShouldBe("020202-****");
        ((string)held["status"]!).ShouldBe("Annulleret");
    }

    [Fact]
    public async Task AWriteDownWhileTheRegistrationIsOut_IsKept_AndTheReceiptLandsAfterIt()
    {
        (await _sandbox.Http.PutAsJsonAsync("/sandbox/debtor/faults", new { latencyMs = 1500 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _library.PutClaim("710100", "e2e-out", ClaimBodies.Fee(patronId: "P-e2e5", amount: "255.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Eventually.Until(() => LeasedAsync("e2e-out"), leased => leased);

        // The claim moves on while its registration is with the debtor system.
        (await _library.PostJson("/api/v1/agencies/710100/claims/e2e-out/write-downs", new { writeDownId = "w1", amount = "55.00", reason = "material-returned" }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);

        // The receipt is applied on top of the write-down in the first go: a receipt applied to the claim as it was
        // shipped would fail and wait out the two-minute lease, past this test's patience.
        var claim = await ClaimWhen("e2e-out", c => (string)c["status"]! == "registered");
        ClaimBodies.EventTypes(claim).ShouldBe(["received", "queued", "written-down", "registered"]);
        ((string)claim["outstanding"]!).ShouldBe("200.00");
        await Eventually.Until(() => _host.Store.Outbox.CountsAsync(default), c => !c.ContainsKey("pending"));
        var held = (await SandboxClaims()).Single(c => (string)c!["fagsystemFordringId"]! == "710100-e2e-out")!;
        ((int)held["registrations"]!).ShouldBe(1);
        ((string)held["nedskrevet"]!).ShouldBe("55.00");
    }

    private async Task<bool> LeasedAsync(string claimId)
    {
        await using var c = await _host.Store.Dialect.OpenAsync(default);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM outbox WHERE claim_id = '{claimId}' AND lease_owner IS NOT NULL";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync()) > 0;
    }

    [Theory]
    [InlineData("xxe")]
    [InlineData("bomb")]
    [InlineData("wrong-namespace")]
    [InlineData("missing-element")]
    [InlineData("oversize")]
    public async Task HostileXml_IsAnsweredWithAClientFault_AndChangesNothing(string attack)
    {
        var before = (await SandboxClaims("999")).Count;
        var valid = $"""<DebitorRegistreringAfsendRequest xmlns="urn:feebridge:modelled:sf1590:v1"><MyndighedKode>999</MyndighedKode><AnvenderSystemId>x</AnvenderSystemId><ForsendelseId>{Guid.NewGuid()}</ForsendelseId><Handlinger><AnnullerFordring HandlingId="{Guid.NewGuid()}"><FagsystemFordringId>a</FagsystemFordringId><Aarsag>b</Aarsag></AnnullerFordring></Handlinger></DebitorRegistreringAfsendRequest>""";
        string Envelope(string body, string prolog = "") =>
            $"""<?xml version="1.0"?>{prolog}<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>{body}</soap:Body></soap:Envelope>""";
        var xml = attack switch
        {
            "xxe" => Envelope("<a>&x;</a>", "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"),
            "bomb" => Envelope("<a>&l3;</a>", "<!DOCTYPE a [<!ENTITY l \"lol\"><!ENTITY l2 \"&l;&l;&l;&l;&l;&l;&l;&l;\"><!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;\">]>"),
            "wrong-namespace" => Envelope(valid.Replace("urn:feebridge:modelled:sf1590:v1", "urn:other")),
            "missing-element" => Envelope(valid.Replace("<Aarsag>b</Aarsag>", "")),
            _ => Envelope("<a>" + new string('x', 50 * 1024 * 1024) + "</a>"),
        };
        using var content = new StringContent(xml, Encoding.UTF8, "text/xml");
        content.Headers.Add("SOAPAction", "\"DebitorRegistreringAfsend\"");

        HttpResponseMessage r;
        try
        {
            r = await _sandbox.Http.PostAsync("/sandbox/debtor/sf1590", content);
        }
        catch (HttpRequestException) when (attack == "oversize")
        {
            // The sandbox answered after the first 4 MB and closed the connection while the rest was still being sent:
            // refused before it was read whole. It must still be up and unchanged.
            (await _sandbox.Http.GetAsync("/sandbox/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await SandboxClaims("999")).Count.ShouldBe(before);
            return;
        }

        r.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var fault = await r.Content.ReadAsStringAsync();
        fault.ShouldContain("soap:Client");
        fault.ShouldNotContain("root:");
        (await SandboxClaims("999")).Count.ShouldBe(before);
    }
}

[Trait("store", "sqlite")]
public sealed class RegistrationEndToEndOnSqlite() : RegistrationEndToEndTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class RegistrationEndToEndOnPostgres() : RegistrationEndToEndTests(StoreKind.Postgres);

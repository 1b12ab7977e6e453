using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Xml;
using FeeBridge.Sandbox.DebtorSystem;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FeeBridge.Sandbox.Tests;

/// <summary>Time passes and citizens pay in the debtor-system sandbox, through its controls (CONTRACTS.md §4).</summary>
public sealed class ClockAndPaymentTests : IDisposable
{
    private readonly WebApplicationFactory<SandboxProgram> _factory = new();
    private readonly HttpClient _http;

    public ClockAndPaymentTests() => _http = _factory.CreateClient();

    public void Dispose()
    {
        _http.Dispose();
        _factory.Dispose();
    }

    private DebtorSandbox Sandbox => (DebtorSandbox)_factory.Services.GetService(typeof(DebtorSandbox))!;

    /// <summary>A claim whose last on-time payment date is tomorrow in the sandbox's calendar.</summary>
    private string Register(string id = "710100-C1", string art = "BIBGEBYR", string amount = "120.00")
    {
        var jens = new Party(Cpr.Parse("0101901234"), null, "Jens Hansen");
        var payBy = Sandbox.Today.AddDays(1);
        var answer = Sandbox.Process(new DebitorRegistrering(Kommunekode.Parse("101"), "FeeBridge", Guid.NewGuid(),
        [
            new OpretDebitorkonto(Guid.NewGuid(), jens, new Fordring(id, art, "Gebyr", Sandbox.Today, Sandbox.Today, payBy,
                [new Delfordring("1", Money.Parse(amount), "Sen aflevering")], jens, null)),
        ]));
        answer.Kvitteringer.Single().Status.ShouldBe(KvitteringStatus.Udfoert);
        return Sandbox.Claims(Kommunekode.Parse("101")).Single(c => c.FagsystemFordringId == id).BetalingsId.Value;
    }

    private async Task<JsonObject> Claim(string id = "710100-C1") =>
        JsonNode.Parse(await _http.GetStringAsync("/sandbox/debtor/101/claims"))!.AsArray().Single(c => (string)c!["fagsystemFordringId"]! == id)!.AsObject();

    private async Task Advance(int days) =>
        (await _http.PostAsJsonAsync("/sandbox/debtor/clock", new { advanceDays = days })).StatusCode.ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task Clock_PastTheDate_TheClaimIsOverdue_WithAReminderFee()
    {
        Register();
        ((string)(await Claim())["status"]!).ShouldBe("Aaben");

        await Advance(2);

        var claim = await Claim();
        ((string)claim["status"]!).ShouldBe("Overskredet");
        ((string)claim["rykkergebyrer"]!).ShouldBe("250.00");
        ((int)claim["rykkere"]!).ShouldBe(1);
        ((string)claim["renter"]!).ShouldBe("0.84"); // 0.70 % of 120.00, one started month
    }

    [Fact]
    public async Task Clock_CivilClaim_ReminderFee100()
    {
        Register(art: "BIBERSTATNINGCIVIL");
        await Advance(2);
        ((string)(await Claim())["rykkergebyrer"]!).ShouldBe("100.00");
    }

    [Fact]
    public async Task Clock_AfterTheCollectionDays_TheDebtGoesToCollection()
    {
        Register();
        await Advance(Sandbox.Rules.CollectionAfterDays + 1);
        var claim = await Claim();
        ((string)claim["status"]!).ShouldBe("Inddrivelse");
        ((int)claim["rykkere"]!).ShouldBe(3);
    }

    [Fact]
    public async Task Payment_ByTheFiPaymentId_CoversFeesThenInterestThenPrincipal()
    {
        var betalingsId = Register();
        await Advance(2);

        var r = await _http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { betalingsId, amount = "300.00", method = "MobilePay" });

        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var paid = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        ((string)paid["fees"]!).ShouldBe("250.00");
        ((string)paid["interest"]!).ShouldBe("0.84");
        ((string)paid["principal"]!).ShouldBe("49.16");
        ((string)paid["claim"]!["restsaldo"]!).ShouldBe("70.84");
    }

    [Fact]
    public async Task Payment_InFullAndMore_IsPaid_WithTheRestOwedBack()
    {
        Register();
        var r = await _http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { fagsystemFordringId = "710100-C1", amount = "150.00" });
        var paid = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        ((string)paid["credit"]!).ShouldBe("30.00");
        var claim = await Claim();
        ((string)claim["status"]!).ShouldBe("Betalt");
        ((string)claim["tilgode"]!).ShouldBe("30.00");
        await Advance(60);
        ((int)(await Claim())["rykkere"]!).ShouldBe(0);
    }

    [Fact]
    public async Task Payment_ForNoClaim_Is404_AndBadAmounts_Are422()
    {
        (await _http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { betalingsId = "000000000000018", amount = "10.00" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Register();
        (await _http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { fagsystemFordringId = "710100-C1", amount = "0.00" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await _http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { fagsystemFordringId = "710100-C1", amount = "1.005" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        // Money.MaxClaimAmount: no payment above the bound FeeBridge holds every amount to (issue 14).
        (await _http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { fagsystemFordringId = "710100-C1", amount = "1000000.01" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((string)(await Claim())["restsaldo"]!).ShouldBe("120.00");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.Server.Tests.Inbox;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.LibrarySystem;

/// <summary>
/// The whole loop over real HTTP, FeeBridge and both sandboxes as separate processes: a fee created in FBS is handed
/// to FeeBridge, registered in the debtor system, paid there, and FBS shows it paid and the block gone.
/// </summary>
public abstract class LoopEndToEndTests : IDisposable
{
    private readonly SandboxProcess _sandbox;
    private readonly FeeBridgeProcess _feeBridge;

    protected LoopEndToEndTests(StoreKind kind)
    {
        var address = ChildProcess.FreeAddress();
        _sandbox = new SandboxProcess(feeBridge: address);
        try
        {
            _feeBridge = new FeeBridgeProcess(TestStores.NewDataDirectory(), kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null,
                new Dictionary<string, string>
                {
                    ["FeeBridge:DebtorSystems:101:Endpoint"] = _sandbox.Sf1590Endpoint,
                    ["FeeBridge:Fbs:BaseUrl"] = _sandbox.FbsBaseUrl,
                    ["FeeBridge:Dispatcher:PollMilliseconds"] = "20",
                    ["FeeBridge:Inbox:PollMilliseconds"] = "20",
                    ["FeeBridge:Notices:PollMilliseconds"] = "20",
                }, address);
        }
        catch
        {
            _sandbox.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _feeBridge.Dispose();
        _sandbox.Dispose();
    }

    private async Task<long> CreateFeeAsync(long patron, string amount)
    {
        var r = await _sandbox.Http.PostAsJsonAsync($"/sandbox/fbs/710100/patrons/{patron}/fees",
            new { cpr = "0101901234", name = "Jens Hansen", type = "fee", amount, reasonMessage = "Gebyr (for sent)" });
        r.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await r.Json();
        ((string)created["claimId"]!).ShouldBe(((long)created["feeId"]!).ToString());
        return (long)created["feeId"]!;
    }

    private string? _session;

    /// <summary>A call to the FBS sandbox's external API (CONTRACTS.md §2): logged in as FeeBridge's client, <c>X-Session</c>.</summary>
    private async Task<HttpResponseMessage> FbsAsync(HttpMethod method, string path, object? body = null)
    {
        if (_session is null)
        {
            using var login = await _sandbox.Http.PostAsJsonAsync("/sandbox/fbs/rest/external/v1/DK-710100/authentication/login", new { username = "feebridge", password = "sandbox" });
            _session = (string)(await login.Json())["sessionKey"]!;
        }
        using var request = new HttpRequestMessage(method, "/sandbox/fbs/rest" + path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Session", _session);
        var r = await _sandbox.Http.SendAsync(request);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        return r;
    }

    private async Task<JsonObject> PatronAsync(long patron)
    {
        using var r = await FbsAsync(HttpMethod.Get, $"/external/DK-710100/patrons/{patron}/v4");
        return (await r.Json())["patron"]!.AsObject();
    }

    private async Task<JsonObject> FeeAsync(long patron, long feeId)
    {
        using var r = await FbsAsync(HttpMethod.Get, $"/external/DK-710100/patron/{patron}/fees/v2?includepaid=true&includenonpayable=true");
        return JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsArray().Single(f => (long)f!["feeId"]! == feeId)!.AsObject();
    }

    private Task<JsonObject> ClaimWhen(long feeId, Func<JsonObject, bool> done) =>
        Eventually.Until(() => _feeBridge.Library.GetClaim("710100", feeId.ToString()), done);

    private async Task<string> BetalingsIdAsync(long feeId) =>
        (string)JsonNode.Parse(await _sandbox.Http.GetStringAsync("/sandbox/debtor/101/claims"))!.AsArray()
            .Single(c => (string)c!["fagsystemFordringId"]! == $"710100-{feeId}")!["betalingsId"]!;

    private async Task<JsonArray> NoticesAsync(long feeId) =>
        JsonNode.Parse(await _feeBridge.Library.GetStringAsync($"/api/v1/agencies/710100/notices?claimId={feeId}"))!.AsArray();

    [Fact]
    public async Task AFeeCreatedInFbs_IsRegistered_PaidInTheDebtorSystem_AndFbsShowsItPaid_AndTheBlockGone()
    {
        var feeId = await CreateFeeAsync(9001, "250.00");
        (await PatronAsync(9001))["blockStatus"]!.AsArray().Single()!["blockedReason"]!.ToString().ShouldBe("E");
        ((bool)(await FeeAsync(9001, feeId))["payableByClient"]!).ShouldBeFalse("handed to the debtor system, not payable at the library");

        await ClaimWhen(feeId, c => (string)c["status"]! == "registered");
        (await _sandbox.Http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { betalingsId = await BetalingsIdAsync(feeId), amount = "250.00", method = "MobilePay" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var fee = await Eventually.Until(() => FeeAsync(9001, feeId), f => f["paidDate"] is not null);
        (await PatronAsync(9001))["blockStatus"]!.AsArray().ShouldBeEmpty();
        ((string)(await ClaimWhen(feeId, c => (string)c["status"]! == "paid"))["outstanding"]!).ShouldBe("0.00");
        var fbsNotice = (await Eventually.Until(() => NoticesAsync(feeId), n => n.Any(x => (string)x!["target"]! == "fbs" && (string)x["state"]! != "pending")))
            .Single(n => (string)n!["target"]! == "fbs")!;
        ((string)fbsNotice["state"]!).ShouldBe("delivered");
        ((string)fbsNotice["result"]!).ShouldContain("confirmation");
        fee["paidDate"].ShouldNotBeNull();
    }

    [Fact]
    public async Task APartPayment_LeavesTheFeeUnpaidInFbs_AndStaffSeeIt_ThenTheRestSettlesIt()
    {
        var feeId = await CreateFeeAsync(9002, "250.00");
        await ClaimWhen(feeId, c => (string)c["status"]! == "registered");
        var betalingsId = await BetalingsIdAsync(feeId);
        await _sandbox.Http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { betalingsId, amount = "100.00" });

        await ClaimWhen(feeId, c => (string)c["status"]! == "partially-paid");
        var staff = await Eventually.Until(() => NoticesAsync(feeId), n => n.Any(x => (string)x!["target"]! == "staff"));
        ((string)staff.Single(x => (string)x!["target"]! == "staff")!["state"]!).ShouldBe("attention");
        (await FeeAsync(9002, feeId))["paidDate"].ShouldBeNull("FBS pays a fee whole or not at all");

        await _sandbox.Http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { betalingsId, amount = "150.00" });
        await Eventually.Until(() => FeeAsync(9002, feeId), f => f["paidDate"] is not null);
        (await PatronAsync(9002))["blockStatus"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task AReversalAfterSettlement_ReopensTheClaim_AndFbsIsToldNothingFalse()
    {
        var feeId = await CreateFeeAsync(9003, "250.00");
        await ClaimWhen(feeId, c => (string)c["status"]! == "registered");
        using var debtorSystem = new HttpClient { BaseAddress = _feeBridge.Address };
        var fagsystemId = $"710100-{feeId}";

        // Paid and reversed in one delivery: by the time FBS's turn comes, the claim is no longer paid.
        await debtorSystem.SendAsync("101", Reports.Of(fagsystemId, HaendelseType.Daekning, "250.00", "0.00"),
            Reports.Of(fagsystemId, HaendelseType.Tilbagefoersel, "250.00", "250.00", day: 1));
        var claim = await ClaimWhen(feeId, c => ClaimBodies.EventTypes(c).Contains("payment-reversed"));
        ((string)claim["status"]!).ShouldBe("registered");
        ((string)claim["outstanding"]!).ShouldBe("250.00");
        var notices = await Eventually.Until(() => NoticesAsync(feeId), n => n.Any(x => (string)x!["target"]! == "fbs" && (string)x["state"]! != "pending"));
        ((string)notices.Single(x => (string)x!["target"]! == "fbs")!["state"]!).ShouldBe("withdrawn");
        notices.ShouldContain(x => (string)x!["target"]! == "staff" && (string)x["eventType"]! == "claim.reopened");
        (await FeeAsync(9003, feeId))["paidDate"].ShouldBeNull("FBS was never told the fee was paid");
        (await PatronAsync(9003))["blockStatus"]!.AsArray().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AFeeFbsAlreadyHadPaidAnotherWay_IsShownToStaff_AsAPossibleDoublePayment()
    {
        var feeId = await CreateFeeAsync(9004, "250.00");
        await ClaimWhen(feeId, c => (string)c["status"]! == "registered");
        // Someone registers the payment in FBS under another order (e.g. at the desk) ...
        using (await FbsAsync(HttpMethod.Post, "/external/v1/DK-710100/patron/9004/payment", new { orderId = "desk-1", feeIds = new[] { feeId } })) { }
        // ... and the citizen pays at the municipality as well.
        await _sandbox.Http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { betalingsId = await BetalingsIdAsync(feeId), amount = "250.00" });

        var notices = await Eventually.Until(() => NoticesAsync(feeId), n => n.Any(x => (string)x!["target"]! == "fbs" && (string)x["state"]! != "pending"));
        var fbs = notices.Single(x => (string)x!["target"]! == "fbs")!;
        ((string)fbs["state"]!).ShouldBe("attention");
        ((string)fbs["result"]!).ShouldContain("paid twice");
    }

    [Fact]
    public async Task HandOffToCollection_KeepsTheBlock_UntilTheCollectorReportsPayment()
    {
        var feeId = await CreateFeeAsync(9005, "250.00");
        await ClaimWhen(feeId, c => (string)c["status"]! == "registered");
        using var debtorSystem = new HttpClient { BaseAddress = _feeBridge.Address };
        await debtorSystem.SendAsync("101", Reports.Of($"710100-{feeId}", HaendelseType.OversendtTilInddrivelse, "500.00", "250.00"));
        await ClaimWhen(feeId, c => (string)c["status"]! == "in-collection");
        (await PatronAsync(9005))["blockStatus"]!.AsArray().ShouldNotBeEmpty();

        await debtorSystem.SendAsync("101", Reports.Of($"710100-{feeId}", HaendelseType.Daekning, "250.00", "0.00", day: 30));
        await Eventually.Until(() => FeeAsync(9005, feeId), f => f["paidDate"] is not null);
        (await PatronAsync(9005))["blockStatus"]!.AsArray().ShouldBeEmpty();
    }
}

[Trait("store", "sqlite")]
public sealed class LoopEndToEndOnSqlite() : LoopEndToEndTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class LoopEndToEndOnPostgres() : LoopEndToEndTests(StoreKind.Postgres);

/// <summary>
/// The README's "whole loop" in sandbox mode with nothing configured for FBS: FeeBridge reaches the in-process FBS
/// sandbox at its own <c>/sandbox/fbs/rest/</c> with the sandbox client <c>feebridge</c>/<c>sandbox</c> (CONTRACTS.md §4).
/// </summary>
public abstract class SandboxModeLoopTests : IDisposable
{
    private readonly FeeBridgeProcess _feeBridge;

    protected SandboxModeLoopTests(StoreKind kind) =>
        _feeBridge = new FeeBridgeProcess(TestStores.NewDataDirectory(), kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null,
            new Dictionary<string, string> { ["FeeBridge:Notices:PollMilliseconds"] = "20", ["FeeBridge:Inbox:PollMilliseconds"] = "20" });

    public void Dispose() => _feeBridge.Dispose();

    [Fact]
    public async Task TheReadmeLoop_WithTheInProcessFbsSandbox_EndsWithTheFeePaidInFbs()
    {
        using var http = new HttpClient { BaseAddress = _feeBridge.Address };
        using var created = await http.PostAsJsonAsync("/sandbox/fbs/710100/patrons/1234567/fees",
            new { cpr = "0101901234", name = "Mette Hansen", type = "fee", amount = "250.00", reasonMessage = "Gebyr (for sent)" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var feeId = (long)(await created.Json())["feeId"]!;
        await Eventually.Until(() => _feeBridge.Library.GetClaim("710100", feeId.ToString()), c => (string)c["status"]! == "registered");
        (await http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { fagsystemFordringId = $"710100-{feeId}", amount = "250.00", method = "MobilePay" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        using var login = await http.PostAsJsonAsync("/sandbox/fbs/rest/external/v1/DK-710100/authentication/login", new { username = "feebridge", password = "sandbox" });
        var session = (string)(await login.Json())["sessionKey"]!;
        var fee = await Eventually.Until(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/sandbox/fbs/rest/external/DK-710100/patron/1234567/fees/v2?includepaid=true&includenonpayable=true");
            request.Headers.Add("X-Session", session);
            using var r = await http.SendAsync(request);
            return JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsArray().Single(f => (long)f!["feeId"]! == feeId)!.AsObject();
        }, f => f["paidDate"] is not null);
        fee["paidDate"].ShouldNotBeNull();
        // FBS is told before the delivery is recorded: wait for the record.
        var notices = await Eventually.Until(async () => JsonNode.Parse(await _feeBridge.Library.GetStringAsync($"/api/v1/agencies/710100/notices?claimId={feeId}"))!.AsArray(),
            n => n.Any(x => (string)x!["target"]! == "fbs" && (string)x["state"]! != "pending"));
        ((string)notices.Single(n => (string)n!["target"]! == "fbs")!["state"]!).ShouldBe("delivered");
    }
}

[Trait("store", "sqlite")]
public sealed class SandboxModeLoopOnSqlite() : SandboxModeLoopTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class SandboxModeLoopOnPostgres() : SandboxModeLoopTests(StoreKind.Postgres);

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using FeeBridge.Sandbox.Fbs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FeeBridge.Sandbox.Tests.Fbs;

/// <summary>The FBS sandbox (CONTRACTS.md §2, §4): fees handed to FeeBridge as FBS would, the E block, the payment call.</summary>
public sealed class FbsSandboxTests : IAsyncLifetime
{
    private WebApplication _feeBridge = null!;
    private WebApplicationFactory<SandboxProgram> _sandbox = null!;
    private HttpClient _http = null!;
    private readonly ConcurrentQueue<(string Path, string? Auth, JsonNode Body)> _puts = new();
    private volatile string _route = "debtor-system";
    private volatile int _answer = 201;

    public async Task InitializeAsync()
    {
        // A stand-in for FeeBridge's Claims API: records the hand-over, answers as a test decides.
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _feeBridge = builder.Build();
        _feeBridge.MapPut("/api/v1/agencies/{agencyId}/claims/{claimId}", async (HttpContext http) =>
        {
            var body = JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync())!;
            _puts.Enqueue((http.Request.Path, http.Request.Headers.Authorization.ToString(), body));
            return _answer == 201 ? Results.Json(new { route = _route, status = "queued" }, statusCode: 201) : Results.StatusCode(_answer);
        });
        await _feeBridge.StartAsync();
        _sandbox = new WebApplicationFactory<SandboxProgram>().WithWebHostBuilder(b => b.UseSetting("Sandbox:FeeBridgeUrl", $"http://127.0.0.1:{port}"));
        _http = _sandbox.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sandbox.DisposeAsync();
        await _feeBridge.DisposeAsync();
    }

    private async Task<long> CreateFee(string patron, string amount, string cpr = "0101901234")
    {
        var r = await _http.PostAsJsonAsync($"/sandbox/fbs/710100/patrons/{patron}/fees", new { cpr, name = "Jens Hansen", type = "fee", amount, reasonMessage = "Gebyr (for sent)" });
        r.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("feeId").GetInt64();
    }

    /// <summary>Two fees of one patron: one FeeBridge left with the library (50.00), one it handed to the debtor system (60.00).</summary>
    private async Task<(long Payable, long Handed)> PayableAndHandedFees(string patron)
    {
        _route = "library";
        var payable = await CreateFee(patron, "50.00");
        _route = "debtor-system";
        return (payable, await CreateFee(patron, "60.00"));
    }

    private async Task<JsonArray> Fees(string patron, string query = "?includepaid=true&includenonpayable=true") =>
        JsonNode.Parse(await _http.GetStringAsync($"/sandbox/fbs/external/710100/patron/{patron}/fees/v2{query}"))!.AsArray();

    private async Task<JsonArray> Blocks(string patron) =>
        JsonNode.Parse(await _http.GetStringAsync($"/sandbox/fbs/external/710100/patrons/{patron}/v4"))!["patron"]!["blockStatus"]!.AsArray();

    private async Task<JsonArray> Pay(string patron, string orderId, string token, params long[] feeIds)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/sandbox/fbs/external/v1/710100/patron/{patron}/payment") { Content = JsonContent.Create(new { orderId, feeId = feeIds }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var r = await _http.SendAsync(request);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsArray();
    }

    [Fact]
    public async Task AFee_IsHandedToFeeBridge_ThroughTheClaimsApi_AsFbsWould()
    {
        var feeId = await CreateFee("P1", "120.00");
        var (path, auth, body) = _puts.Single();
        path.ShouldBe($"/api/v1/agencies/710100/claims/{feeId}");
        auth.ShouldBe("Bearer sandbox-library-key");
        ((string)body["patronId"]!).ShouldBe("P1");
        ((string)body["debtor"]!["cpr"]!).ShouldBe("0101901234");
        ((string)body["kind"]!).ShouldBe("fee");
        ((string)body["reason"]!).ShouldBe("Gebyr (for sent)");
        ((string)body["lines"]![0]!["amount"]!).ShouldBe("120.00");
    }

    [Theory]
    [InlineData("debtor-system", false)]
    [InlineData("library", true)]
    public async Task TheRouteFeeBridgeChose_DecidesWhetherTheLibraryMayTakePayment(string route, bool payable)
    {
        _route = route;
        var feeId = await CreateFee("P-" + route, "120.00");
        var fee = (await Fees("P-" + route)).Single(f => (long)f!["feeId"]! == feeId)!;
        ((bool)fee["payableByClient"]!).ShouldBe(payable);
        fee["amount"]!.GetValueKind().ShouldBe(JsonValueKind.Number);
        ((double)fee["amount"]!).ShouldBe(120.0);
    }

    [Theory]
    [InlineData(422)]
    [InlineData(503)]
    public async Task WhenFeeBridgeRefuses_TheFeeIsNotKept(int status)
    {
        _answer = status;
        var r = await _http.PostAsJsonAsync("/sandbox/fbs/710100/patrons/P-refused/fees", new { cpr = "0101901234", name = "J", type = "fee", amount = "120.00" });
        r.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await r.Content.ReadAsStringAsync()).ShouldContain(status.ToString());
        (await Fees("P-refused")).ShouldBeEmpty();
    }

    [Fact]
    public async Task BadInput_IsRefused_AndNothingIsHandedOver()
    {
        (await _http.PostAsJsonAsync("/sandbox/fbs/710100/patrons/P2/fees", new { cpr = "3213901234", amount = "120.00" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await _http.PostAsJsonAsync("/sandbox/fbs/710100/patrons/P2/fees", new { cpr = "0101901234", amount = "0.00" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await _http.PostAsJsonAsync("/sandbox/fbs/999999/patrons/P2/fees", new { cpr = "0101901234", amount = "1.00" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Money.MaxClaimAmount: the sandbox holds amounts to the bound FeeBridge does (issue 14).
        (await _http.PostAsJsonAsync("/sandbox/fbs/710100/patrons/P2/fees", new { cpr = "0101901234", amount = "999999999999.99" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        _puts.ShouldBeEmpty();
    }

    [Fact]
    public async Task FeesV2_HidesPaidAndNonPayableFees_UnlessAskedFor()
    {
        var (payable, handed) = await PayableAndHandedFees("P3");
        (await Fees("P3", "")).Select(f => (long)f!["feeId"]!).ShouldBe([payable]);
        (await Fees("P3", "?includenonpayable=true")).Count.ShouldBe(2);
        await Pay("P3", "o-p3", FbsClients.WebsiteToken, payable);
        (await Fees("P3", "")).ShouldBeEmpty();
        (await Fees("P3", "?includepaid=true&includenonpayable=true")).Single(f => (long)f!["feeId"]! == payable)!["paidDate"].ShouldNotBeNull();
        (await Fees("P3")).Single(f => (long)f!["feeId"]! == handed)!["paidDate"].ShouldBeNull("paidDate is set only when paid");
    }

    [Fact]
    public async Task BlockE_AppearsAtTheThreshold_AndLiftsWhenPaymentBringsUnpaidBelowIt()
    {
        await CreateFee("P4", "199.99");
        (await Blocks("P4")).ShouldBeEmpty("199.99 is below the 200.00 threshold");
        var second = await CreateFee("P4", "0.01");
        var block = (await Blocks("P4")).Single()!;
        ((string)block["blockedReason"]!).ShouldBe("E");

        await Pay("P4", "o-p4", FbsClients.FeeBridgeToken, second);
        (await Blocks("P4")).ShouldBeEmpty();
    }

    [Fact]
    public async Task ThePaymentCall_IsIdempotentPerOrderId()
    {
        var feeId = await CreateFee("P5", "120.00");
        var first = await Pay("P5", "order-1", FbsClients.FeeBridgeToken, feeId);
        var again = await Pay("P5", "order-1", FbsClients.FeeBridgeToken, feeId);
        ((string)first.Single()!["paymentStatus"]!).ShouldBe("paymentRegistered");
        again.ToJsonString().ShouldBe(first.ToJsonString());

        var other = await Pay("P5", "order-2", FbsClients.FeeBridgeToken, feeId);
        ((string)other.Single()!["paymentStatus"]!).ShouldBe("paymentRegisteredByDifferentOrderId");
    }

    [Fact]
    public async Task EachClient_PaysOnlyTheFeesItMay()
    {
        var (payable, handed) = await PayableAndHandedFees("P6");
        ((string)(await Pay("P6", "o-a", FbsClients.FeeBridgeToken, payable)).Single()!["paymentStatus"]!).ShouldBe("paymentNotAllowedByClient");
        ((string)(await Pay("P6", "o-b", FbsClients.WebsiteToken, handed)).Single()!["paymentStatus"]!).ShouldBe("paymentNotAllowedByClient");
        ((string)(await Pay("P6", "o-c", FbsClients.FeeBridgeToken, 999_999)).Single()!["paymentStatus"]!).ShouldBe("paymentNotAllowedByClient");
    }

    [Fact]
    public async Task AnUnknownClient_Is401_AndAnUnknownPatron_Is404()
    {
        var feeId = await CreateFee("P7", "120.00");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/fbs/external/v1/710100/patron/P7/payment") { Content = JsonContent.Create(new { orderId = "x", feeId = new[] { feeId } }) };
        (await _http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _http.GetAsync("/sandbox/fbs/external/710100/patrons/nobody/v4")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task NoFbsResponse_EverShowsTheCpr()
    {
        var feeId = await CreateFee("P8", "250.00");
        var texts = new[]
        {
            await _http.GetStringAsync("/sandbox/fbs/external/710100/patron/P8/fees/v2?includepaid=true&includenonpayable=true"),
            await _http.GetStringAsync("/sandbox/fbs/external/710100/patrons/P8/v4"),
            await _http.GetStringAsync("/sandbox/fbs/710100/patrons/P8"),
            (await Pay("P8", "o-8", FbsClients.FeeBridgeToken, feeId)).ToJsonString(),
        };
        texts.ShouldAllBe(t => !t.Contains("0101901234") && !t.Contains("010190"));
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

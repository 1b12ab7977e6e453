using System.Collections.Concurrent;
using System.Net;
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

/// <summary>
/// The FBS sandbox (CONTRACTS.md §2, §4): fees handed to FeeBridge as FBS would, the E block, the payment call, log-in
/// and sessions — every answer checked against FBS's published API (<see cref="FbsSchema"/>).
/// </summary>
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

    private static readonly FbsSchema Schema = FbsSchema.Load();
    private readonly Dictionary<string, string> _sessions = new();

    private async Task<long> CreateFee(long patron, string amount, string cpr = "0101901234")
    {
        var r = await _http.PostAsJsonAsync($"/sandbox/fbs/710100/patrons/{patron}/fees", new { cpr, name = "Jens Hansen", type = "fee", amount, reasonMessage = "Gebyr (for sent)" });
        r.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("feeId").GetInt64();
    }

    /// <summary>Two fees of one patron: one FeeBridge left with the library (50.00), one it handed to the debtor system (60.00).</summary>
    private async Task<(long Payable, long Handed)> PayableAndHandedFees(long patron)
    {
        _route = "library";
        var payable = await CreateFee(patron, "50.00");
        _route = "debtor-system";
        return (payable, await CreateFee(patron, "60.00"));
    }

    /// <summary>FBS's log-in (CONTRACTS.md §2): the answer checked against <c>ExternalAPIUserInfo</c>.</summary>
    private async Task<string> LogIn(string client = FbsClients.FeeBridge, string agency = "DK-710100")
    {
        if (_sessions.TryGetValue(client + agency, out var known)) return known;
        var path = $"/external/v1/{agency}/authentication/login";
        using var r = await _http.PostAsJsonAsync("/sandbox/fbs/rest" + path, new { username = client, password = FbsClients.Password });
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonNode.Parse(await r.Content.ReadAsStringAsync());
        Schema.CheckAnswer("POST", path, body).ShouldBeEmpty();
        return _sessions[client + agency] = (string)body!["sessionKey"]!;
    }

    /// <summary>A call to the sandbox's FBS (below <c>/rest</c>) with a session; a 200 answer is checked against FBS's published models.</summary>
    private async Task<(HttpStatusCode Status, JsonNode? Body)> Fbs(HttpMethod method, string path, object? body = null, string? session = "", string client = FbsClients.FeeBridge)
    {
        using var request = new HttpRequestMessage(method, "/sandbox/fbs/rest" + path) { Content = body is null ? null : JsonContent.Create(body) };
        session = session == "" ? await LogIn(client) : session;
        if (session is not null) request.Headers.Add("X-Session", session);
        using var r = await _http.SendAsync(request);
        var text = await r.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? null : JsonNode.Parse(text);
        if (r.StatusCode == HttpStatusCode.OK) Schema.CheckAnswer(method.Method, path, json).ShouldBeEmpty($"{method} {path} answered {text}");
        return (r.StatusCode, json);
    }

    private async Task<JsonArray> Fees(long patron, string query = "?includepaid=true&includenonpayable=true")
    {
        var (status, body) = await Fbs(HttpMethod.Get, $"/external/DK-710100/patron/{patron}/fees/v2{query}");
        status.ShouldBe(HttpStatusCode.OK);
        return body!.AsArray();
    }

    private async Task<JsonObject> PatronV4(long patron)
    {
        var (status, body) = await Fbs(HttpMethod.Get, $"/external/DK-710100/patrons/{patron}/v4");
        status.ShouldBe(HttpStatusCode.OK);
        return body!.AsObject();
    }

    private async Task<JsonArray> Blocks(long patron) => (await PatronV4(patron))["patron"]!["blockStatus"]!.AsArray();

    private async Task<JsonArray> Pay(long patron, string orderId, string client, params long[] feeIds) => await PayAt("/payment", patron, orderId, client, feeIds);

    private async Task<JsonArray> PayAt(string version, long patron, string orderId, string client, long[] feeIds)
    {
        var path = version == "/payment" ? $"/external/v1/DK-710100/patron/{patron}/payment" : $"/external/DK-710100/patron/{patron}/payment/v2";
        var (status, body) = await Fbs(HttpMethod.Post, path, new { orderId, feeIds }, client: client);
        status.ShouldBe(HttpStatusCode.OK);
        return body!.AsArray();
    }

    [Fact]
    public async Task AFee_IsHandedToFeeBridge_ThroughTheClaimsApi_AsFbsWould_WithTheIntegerPatronIdAsText()
    {
        var feeId = await CreateFee(1001, "120.00");
        var (path, auth, body) = _puts.Single();
        path.ShouldBe($"/api/v1/agencies/710100/claims/{feeId}");
        auth.ShouldBe("Bearer sandbox-library-key");
        ((string)body["patronId"]!).ShouldBe("1001", "the Claims API's patronId is text (CONTRACTS.md §1): FBS's integer written as text");
        ((string)body["debtor"]!["cpr"]!).ShouldBe("0101901234");
        ((string)body["kind"]!).ShouldBe("fee");
        ((string)body["reason"]!).ShouldBe("Gebyr (for sent)");
        ((string)body["lines"]![0]!["amount"]!).ShouldBe("120.00");
        ((string)body["lines"]![0]!["materialItemNumber"]!).ShouldNotBeNullOrEmpty("the line names the material the fee is for, as FBS's fee does");
    }

    [Theory]
    [InlineData("debtor-system", false)]
    [InlineData("library", true)]
    public async Task TheRouteFeeBridgeChose_DecidesWhetherTheLibraryMayTakePayment(string route, bool payable)
    {
        _route = route;
        var patron = route == "library" ? 1002 : 1003;
        var feeId = await CreateFee(patron, "120.00");
        var fee = (await Fees(patron)).Single(f => (long)f!["feeId"]! == feeId)!;
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
        var r = await _http.PostAsJsonAsync("/sandbox/fbs/710100/patrons/1004/fees", new { cpr = "0101901234", name = "J", type = "fee", amount = "120.00" });
        r.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await r.Content.ReadAsStringAsync()).ShouldContain(status.ToString());
        (await Fees(1004)).ShouldBeEmpty();
    }

    [Fact]
    public async Task BadInput_IsRefused_AndNothingIsHandedOver()
    {
        (await _http.PostAsJsonAsync("/sandbox/fbs/710100/patrons/1005/fees", new { cpr = "3213901234", amount = "120.00" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await _http.PostAsJsonAsync("/sandbox/fbs/710100/patrons/1005/fees", new { cpr = "0101901234", amount = "0.00" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await _http.PostAsJsonAsync("/sandbox/fbs/999999/patrons/1005/fees", new { cpr = "0101901234", amount = "1.00" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // CONTRACTS.md §4: FBS patron ids are integers.
        (await _http.PostAsJsonAsync("/sandbox/fbs/710100/patrons/P1/fees", new { cpr = "0101901234", amount = "1.00" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // Money.MaxClaimAmount: the sandbox holds amounts to the bound FeeBridge does (issue 14).
        (await _http.PostAsJsonAsync("/sandbox/fbs/710100/patrons/1005/fees", new { cpr = "0101901234", amount = "999999999999.99" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        _puts.ShouldBeEmpty();
    }

    [Fact]
    public async Task FeesV2_HidesPaidAndNonPayableFees_UnlessAskedFor()
    {
        var (payable, handed) = await PayableAndHandedFees(1006);
        (await Fees(1006, "")).Select(f => (long)f!["feeId"]!).ShouldBe([payable]);
        (await Fees(1006, "?includepaid=false&includenonpayable=true")).Count.ShouldBe(2);
        await Pay(1006, "o-p3", FbsClients.Website, payable);
        (await Fees(1006, "?includepaid=false&includenonpayable=false")).ShouldBeEmpty();
        (await Fees(1006)).Single(f => (long)f!["feeId"]! == payable)!["paidDate"].ShouldNotBeNull();
        (await Fees(1006)).Single(f => (long)f!["feeId"]! == handed)!.AsObject().ContainsKey("paidDate").ShouldBeFalse("paidDate is set only when paid");
    }

    [Fact]
    public async Task BlockE_AppearsAtTheThreshold_AndLiftsWhenPaymentBringsUnpaidBelowIt()
    {
        await CreateFee(1007, "199.99");
        (await Blocks(1007)).ShouldBeEmpty("199.99 is below the 200.00 threshold");
        var second = await CreateFee(1007, "0.01");
        var block = (await Blocks(1007)).Single()!;
        ((string)block["blockedReason"]!).ShouldBe("E");

        await Pay(1007, "o-p4", FbsClients.FeeBridge, second);
        (await Blocks(1007)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ThePaymentCall_IsIdempotentPerOrderId_AndGivesAConfirmationIdOnlyWhenRegistered()
    {
        var feeId = await CreateFee(1008, "120.00");
        var first = await Pay(1008, "order-1", FbsClients.FeeBridge, feeId);
        var again = await Pay(1008, "order-1", FbsClients.FeeBridge, feeId);
        var registered = first.Single()!;
        ((string)registered["paymentStatus"]!).ShouldBe("paymentRegistered");
        ((string)registered["orderId"]!).ShouldBe("order-1");
        ((string)registered["confirmationId"]!).ShouldNotBeNullOrEmpty();
        again.ToJsonString().ShouldBe(first.ToJsonString());

        var other = (await Pay(1008, "order-2", FbsClients.FeeBridge, feeId)).Single()!.AsObject();
        ((string)other["paymentStatus"]!).ShouldBe("paymentRegisteredByDifferentOrderId");
        ((string)other["orderId"]!).ShouldBe("order-2");
        other.ContainsKey("confirmationId").ShouldBeFalse("FBS: no confirmationId when the fee was paid under a different order");
    }

    [Fact]
    public async Task PaymentV2_AnswersAsV1_WithPaymentConfirmationV2()
    {
        var (first, second) = (await CreateFee(1009, "120.00"), await CreateFee(1009, "30.00"));
        var v2 = await PayAt("/payment/v2", 1009, "order-v2", FbsClients.FeeBridge, [first]);
        ((string)v2.Single()!["paymentStatus"]!).ShouldBe("paymentRegistered");
        (await PayAt("/payment/v2", 1009, "order-v2", FbsClients.FeeBridge, [first])).ToJsonString().ShouldBe(v2.ToJsonString());
        // v1 and v2 share the fees: v1 with the same order finds the fee paid by it.
        (await Pay(1009, "order-v2", FbsClients.FeeBridge, first)).ToJsonString().ShouldBe(v2.ToJsonString());
        ((string)(await PayAt("/payment/v2", 1009, "order-v2b", FbsClients.FeeBridge, [second])).Single()!["paymentStatus"]!).ShouldBe("paymentRegistered");
    }

    [Fact]
    public async Task EachClient_PaysOnlyTheFeesItMay()
    {
        var (payable, handed) = await PayableAndHandedFees(1010);
        var refused = (await Pay(1010, "o-a", FbsClients.FeeBridge, payable)).Single()!.AsObject();
        ((string)refused["paymentStatus"]!).ShouldBe("paymentNotAllowedByClient");
        refused.ContainsKey("confirmationId").ShouldBeFalse();
        ((string)(await Pay(1010, "o-b", FbsClients.Website, handed)).Single()!["paymentStatus"]!).ShouldBe("paymentNotAllowedByClient");
        ((string)(await Pay(1010, "o-c", FbsClients.FeeBridge, 999_999)).Single()!["paymentStatus"]!).ShouldBe("paymentNotAllowedByClient");
    }

    [Fact]
    public async Task WithoutAValidSession_EveryExternalCallIs401_AndWrongCredentialsAre403()
    {
        var feeId = await CreateFee(1011, "120.00");
        var calls = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, "/external/DK-710100/patron/1011/fees/v2?includepaid=true&includenonpayable=true", null),
            (HttpMethod.Get, "/external/DK-710100/patrons/1011/v4", null),
            (HttpMethod.Post, "/external/v1/DK-710100/patron/1011/payment", new { orderId = "x", feeIds = new[] { feeId } }),
            (HttpMethod.Post, "/external/DK-710100/patron/1011/payment/v2", new { orderId = "x", feeIds = new[] { feeId } }),
        };
        var aarhus = await LogIn(agency: "DK-775100");
        foreach (var (method, path, body) in calls)
        {
            (await Fbs(method, path, body, session: null)).Status.ShouldBe(HttpStatusCode.Unauthorized, $"{path} without X-Session");
            (await Fbs(method, path, body, session: "not-a-session")).Status.ShouldBe(HttpStatusCode.Unauthorized, $"{path} with an unknown key");
            (await Fbs(method, path, body, session: aarhus)).Status.ShouldBe(HttpStatusCode.Unauthorized, $"{path} with another agency's session");
        }
        (await Fees(1011)).Single()!.AsObject().ContainsKey("paidDate").ShouldBeFalse("no refused call paid anything");

        using var wrong = await _http.PostAsJsonAsync("/sandbox/fbs/rest/external/v1/DK-710100/authentication/login", new { username = "feebridge", password = "guess" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task EndedSessions_Answer401_UntilTheClientLogsInAgain()
    {
        var old = await LogIn();
        (await _http.DeleteAsync("/sandbox/fbs/sessions")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Fbs(HttpMethod.Get, "/external/DK-710100/patrons/1012/v4", session: old)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        _sessions.Clear();
        (await Fbs(HttpMethod.Get, "/external/DK-710100/patrons/1012/v4")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AgencyIds_AreIsils_AndPatronIds_AreIntegers()
    {
        await CreateFee(1013, "10.00");
        (await Fbs(HttpMethod.Get, "/external/710100/patrons/1013/v4")).Status.ShouldBe(HttpStatusCode.BadRequest, "{agencyid} is the ISIL, DK-710100");
        (await Fbs(HttpMethod.Get, "/external/DK-710100/patrons/P1013/v4")).Status.ShouldBe(HttpStatusCode.BadRequest, "{patronid} is an integer");
        using var login = await _http.PostAsJsonAsync("/sandbox/fbs/rest/external/v1/710100/authentication/login", new { username = "feebridge", password = "sandbox" });
        login.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ThePatronCall_AnswersAuthenticatedPatronV8_AndAnUnknownPatronIsInvalid()
    {
        await CreateFee(1014, "250.00");
        var known = await PatronV4(1014);
        ((string)known["authenticateStatus"]!).ShouldBe("VALID");
        ((long)known["patron"]!["patronId"]!).ShouldBe(1014);
        ((string)known["patron"]!["preferredPickupBranch"]!).ShouldBe("DK-710100");
        ((string)known["patron"]!["blockStatus"]![0]!["blockedReason"]!).ShouldBe("E");
        var unknown = await PatronV4(999_999_999);
        ((string)unknown["authenticateStatus"]!).ShouldBe("INVALID");
        unknown.ContainsKey("patron").ShouldBeFalse("the patron is only there when it exists");
    }

    /// <summary>dpl-react's fee list renders <c>materials[0].recordId</c> and <c>materialItemNumber</c>: a fee without them crashes it.</summary>
    [Fact]
    public async Task EveryFee_NamesTheMaterialItIsFor_EvenWhenNoneWasGiven()
    {
        var given = await _http.PostAsJsonAsync("/sandbox/fbs/710100/patrons/1015/fees",
            new { cpr = "0101901234", name = "J", type = "compensation", amount = "300.00", materialItemNumber = "5010123456", recordId = "29018712" });
        given.StatusCode.ShouldBe(HttpStatusCode.Created);
        await CreateFee(1015, "20.00");
        var fees = await Fees(1015);
        fees.Count.ShouldBe(2);
        foreach (var fee in fees)
        {
            var material = fee!["materials"]!.AsArray().ShouldHaveSingleItem()!;
            ((string)material["recordId"]!).ShouldNotBeNullOrEmpty();
            ((string)material["materialItemNumber"]!).ShouldNotBeNullOrEmpty();
            ((string)material["materialGroup"]!["name"]!).ShouldNotBeNullOrEmpty();
        }
        fees.ShouldContain(f => (string)f!["materials"]![0]!["materialItemNumber"]! == "5010123456" && (string)f["materials"]![0]!["recordId"]! == "29018712");
    }

    /// <summary>
    /// CONTRACTS.md §2: every answer of the sandbox's FBS fits FBS's published models (swagger 1.2 and dpl-react's
    /// spec): fees in every state (unpaid, paid, payable, handed over), blocked and unblocked patrons, an unknown one,
    /// and each paymentStatus on v1 and v2. (The helpers check every 200 answer in every test; this one covers each state.)
    /// </summary>
    [Fact]
    public async Task EveryAnswer_FitsFbsPublishedModels()
    {
        var (payable, handed) = await PayableAndHandedFees(1016);
        await CreateFee(1016, "250.00");
        await Pay(1016, "o-16", FbsClients.FeeBridge, handed);
        await Pay(1016, "o-16", FbsClients.FeeBridge, handed, payable, 424242);
        await Pay(1016, "o-16b", FbsClients.FeeBridge, handed);
        await PayAt("/payment/v2", 1016, "o-16", FbsClients.FeeBridge, [handed, payable]);
        foreach (var query in new[] { "", "?includepaid=true", "?includenonpayable=true", "?includepaid=true&includenonpayable=true" })
            await Fees(1016, query);
        await Fees(424242);
        await PatronV4(1016);
        await PatronV4(424242);

        // Both FBS's swagger and dpl-react's spec document the fees and patron calls; the checker reads both.
        Schema.Find("GET", "/external/DK-710100/patron/1/fees/v2").Select(o => o.Source).ShouldBe(["dpl-react-fbs-adapter.trimmed.json", "external_agencyid_patron_patronid.json"], ignoreOrder: true);
        Schema.Find("GET", "/external/DK-710100/patrons/1/v4").Count.ShouldBe(2);
        // And the checker itself refuses what FBS would: the old shapes fail it.
        Schema.CheckAnswer("GET", "/external/DK-710100/patron/1/fees/v2", JsonNode.Parse("""[{"feeId":1,"type":"fee","reasonMessage":"x","amount":1.0,"creationDate":"2026-01-01","payableByClient":true}]"""))
            .ShouldContain(e => e.Contains("requires materials"));
        Schema.CheckAnswer("GET", "/external/DK-710100/patrons/1/v4", JsonNode.Parse("""{"patron":{"patronId":"P1","name":"x","blockStatus":[]}}"""))
            .ShouldContain(e => e.Contains("requires authenticateStatus"));
        Schema.CheckAnswer("POST", "/external/v1/DK-710100/patron/1/payment", JsonNode.Parse("""[{"feeId":1,"paymentStatus":"paymentRegistered","confirmationId":null}]"""))
            .ShouldContain(e => e.Contains("requires orderId"));
        Schema.CheckRequest("POST", "/external/v1/710100/patron/P1/payment", new Dictionary<string, string> { ["Content-Type"] = "application/json" }, """{"orderId":"o","feeId":[1]}""")
            .Count.ShouldBeGreaterThanOrEqualTo(4, "no ISIL, no integer patron, feeId instead of feeIds, no X-Session");
    }

    [Fact]
    public async Task NoFbsResponse_EverShowsTheCpr()
    {
        var feeId = await CreateFee(1017, "250.00");
        var texts = new[]
        {
            (await Fbs(HttpMethod.Get, "/external/DK-710100/patron/1017/fees/v2?includepaid=true&includenonpayable=true")).Body!.ToJsonString(),
            (await Fbs(HttpMethod.Get, "/external/DK-710100/patrons/1017/v4")).Body!.ToJsonString(),
            await _http.GetStringAsync("/sandbox/fbs/710100/patrons/1017"),
            (await Pay(1017, "o-8", FbsClients.FeeBridge, feeId)).ToJsonString(),
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

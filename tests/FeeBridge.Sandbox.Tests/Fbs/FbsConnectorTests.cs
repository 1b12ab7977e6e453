using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using FeeBridge.LibrarySystem.Fbs;
using FeeBridge.Sandbox.Fbs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace FeeBridge.Sandbox.Tests.Fbs;

/// <summary>
/// FeeBridge's FBS connector (<see cref="FbsClient"/>) against the FBS sandbox, every request it makes recorded and
/// checked against FBS's published API (CONTRACTS.md §2): log-in, <c>X-Session</c>, a new log-in once on 401, ISIL
/// agency ids, integer patron ids, <c>PaymentOrder {orderId, feeIds[]}</c>.
/// </summary>
public sealed class FbsConnectorTests : IAsyncLifetime
{
    private static readonly FbsSchema Schema = FbsSchema.Load();
    private WebApplicationFactory<SandboxProgram> _sandbox = null!;
    private Recorder _recorder = null!;
    private HttpClient _fbsHttp = null!;

    public Task InitializeAsync()
    {
        // No FeeBridge behind this sandbox: fees are made directly in its FBS, as FBS holds them.
        _sandbox = new WebApplicationFactory<SandboxProgram>().WithWebHostBuilder(b => b.UseSetting("Sandbox:FeeBridgeUrl", "http://127.0.0.1:9"));
        _recorder = new Recorder { InnerHandler = _sandbox.Server.CreateHandler() };
        _fbsHttp = new HttpClient(_recorder) { BaseAddress = new Uri(_sandbox.Server.BaseAddress, "/sandbox/fbs/rest/") };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _fbsHttp.Dispose();
        await _sandbox.DisposeAsync();
    }

    private FbsSandbox Fbs => _sandbox.Services.GetService(typeof(FbsSandbox)) as FbsSandbox ?? throw new InvalidOperationException();

    private FbsClient Connector(string password = FbsClients.Password) => new(_fbsHttp, new FbsCredentials(FbsClients.FeeBridge, password));

    /// <summary>A fee handed to the debtor system, so FeeBridge's client may pay it.</summary>
    private long HandedFee(string agency, long patron, string amount = "250.00")
    {
        var fee = Fbs.CreateFee(agency, patron, "Jens Hansen", "fee", "Gebyr", Money.Parse(amount), new DateOnly(2026, 11, 20), null, null);
        Fbs.Routed(agency, patron, fee.FeeId, toDebtorSystem: true);
        return fee.FeeId;
    }

    private void EveryRequestFitsFbsPublishedApi()
    {
        _recorder.Requests.ShouldNotBeEmpty();
        foreach (var r in _recorder.Requests)
            Schema.CheckRequest(r.Method, r.Path, r.Headers, r.Body).ShouldBeEmpty($"{r.Method} {r.Path} {r.Body}");
    }

    [Fact]
    public async Task APayment_LogsInWithTheIsil_ThenPaysWithXSession_AndEveryRequestFitsFbsPublishedApi()
    {
        var feeId = HandedFee("710100", 4711);
        var results = await Connector().RegisterPaymentAsync("710100", 4711, "feebridge-710100-1", [feeId], CancellationToken.None);

        var confirmation = results.ShouldHaveSingleItem();
        confirmation.PaymentStatus.ShouldBe(FbsPaymentStatus.Registered);
        confirmation.OrderId.ShouldBe("feebridge-710100-1");
        confirmation.FeeId.ShouldBe(feeId);
        confirmation.ConfirmationId.ShouldNotBeNullOrEmpty();
        Fbs.Patron("710100", 4711)!.Fees.Single().PaidDate.ShouldNotBeNull();

        _recorder.Requests.Select(r => $"{r.Method} {r.Path}").ShouldBe([
            "POST /external/v1/DK-710100/authentication/login",
            "POST /external/v1/DK-710100/patron/4711/payment",
        ]);
        JsonNode.Parse(_recorder.Requests[0].Body!)!.ToJsonString().ShouldBe("""{"username":"feebridge","password":"sandbox"}""");
        JsonNode.Parse(_recorder.Requests[1].Body!)!.ToJsonString().ShouldBe($$"""{"orderId":"feebridge-710100-1","feeIds":[{{feeId}}]}""");
        EveryRequestFitsFbsPublishedApi();
    }

    [Fact]
    public async Task TheSessionIsReused_AndAfterA401_TheConnectorLogsInAgainOnce_AndRepeatsTheCall()
    {
        var connector = Connector();
        var (first, second) = (HandedFee("710100", 4712), HandedFee("710100", 4712));
        await connector.RegisterPaymentAsync("710100", 4712, "o-1", [first], CancellationToken.None);
        await connector.RegisterPaymentAsync("710100", 4712, "o-1", [first], CancellationToken.None);
        _recorder.Requests.Count(r => r.Path.EndsWith("/login", StringComparison.Ordinal)).ShouldBe(1, "the session key is kept");

        Fbs.EndSessions(); // FBS's session timed out
        var results = await connector.RegisterPaymentAsync("710100", 4712, "o-2", [second], CancellationToken.None);
        results.Single().PaymentStatus.ShouldBe(FbsPaymentStatus.Registered);
        _recorder.Requests.Select(r => (r.Path.EndsWith("/login", StringComparison.Ordinal) ? "login " : "pay ") + (int)r.Status).ShouldBe([
            "login 200", "pay 200", "pay 200", "pay 401", "login 200", "pay 200",
        ]);
        EveryRequestFitsFbsPublishedApi();
    }

    [Fact]
    public async Task ThePatronCall_ReadsFbsOwnBlock_AndAPatronFbsDoesNotKnow_IsNotAGuess()
    {
        // The staff desk asks whether FBS's block matches what is owed (CONTRACTS.md §8): 250.00 unpaid ≥ the 200.00 threshold.
        HandedFee("710100", 4720);
        var blocked = await Connector().PatronBlocksAsync("710100", 4720, CancellationToken.None);
        blocked.Known.ShouldBeTrue();
        blocked.Reasons.ShouldBe(["E"]);
        blocked.BlockedForFees.ShouldBeTrue();

        var unknown = await Connector().PatronBlocksAsync("710100", 4729, CancellationToken.None);
        unknown.Known.ShouldBeFalse();
        unknown.BlockedForFees.ShouldBeFalse();
        _recorder.Requests.ShouldContain(r => r.Method == "GET" && r.Path == "/external/DK-710100/patrons/4720/v4");
        EveryRequestFitsFbsPublishedApi();
    }

    [Fact]
    public async Task EachAgency_HasItsOwnSession()
    {
        var connector = Connector();
        await connector.RegisterPaymentAsync("710100", 4713, "o-kbh", [HandedFee("710100", 4713)], CancellationToken.None);
        var aarhus = await connector.RegisterPaymentAsync("775100", 4713, "o-aar", [HandedFee("775100", 4713)], CancellationToken.None);
        aarhus.Single().PaymentStatus.ShouldBe(FbsPaymentStatus.Registered);
        _recorder.Requests.Where(r => r.Path.EndsWith("/login", StringComparison.Ordinal)).Select(r => r.Path)
            .ShouldBe(["/external/v1/DK-710100/authentication/login", "/external/v1/DK-775100/authentication/login"]);
        EveryRequestFitsFbsPublishedApi();
    }

    [Fact]
    public async Task CallsThatFindNoSession_ShareOneLogIn()
    {
        var connector = Connector();
        var fees = Enumerable.Range(0, 16).Select(i => (Patron: 4800L + i, Fee: HandedFee("710100", 4800 + i))).ToList();
        await Task.WhenAll(fees.Select(f => connector.RegisterPaymentAsync("710100", f.Patron, $"o-{f.Fee}", [f.Fee], CancellationToken.None)));
        _recorder.Requests.Count(r => r.Path.EndsWith("/login", StringComparison.Ordinal)).ShouldBe(1);
        EveryRequestFitsFbsPublishedApi();
    }

    [Fact]
    public async Task WrongCredentials_AreATransientFailure_ThatNamesTheSetting_ButNotThePassword()
    {
        var e = await Should.ThrowAsync<TransientLibraryFailure>(() =>
            Connector(password: "wrong-secret").RegisterPaymentAsync("710100", 4714, "o-x", [HandedFee("710100", 4714)], CancellationToken.None));
        e.Message.ShouldContain("Password");
        e.Message.ShouldNotContain("wrong-secret");
        Fbs.Patron("710100", 4714)!.Fees.Single().PaidDate.ShouldBeNull();
    }

    [Fact]
    public async Task AnAgencyIdThatIsNotSixDigits_IsRefusedBeforeAnyCall()
    {
        await Should.ThrowAsync<ArgumentException>(() => Connector().RegisterPaymentAsync("DK-710100", 1, "o", [1], CancellationToken.None));
        _recorder.Requests.ShouldBeEmpty();
    }

    /// <summary>Records every request and its answer's status, then passes it on.</summary>
    private sealed class Recorder : DelegatingHandler
    {
        public sealed record Request(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string? Body, HttpStatusCode Status);

        private readonly ConcurrentQueue<Request> _requests = new();

        public IReadOnlyList<Request> Requests => _requests.ToList();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            var response = await base.SendAsync(request, cancellationToken);
            const string rest = "/sandbox/fbs/rest";
            var path = request.RequestUri!.PathAndQuery;
            _requests.Enqueue(new Request(request.Method.Method, path.StartsWith(rest, StringComparison.Ordinal) ? path[rest.Length..] : path, headers, body, response.StatusCode));
            return response;
        }
    }
}

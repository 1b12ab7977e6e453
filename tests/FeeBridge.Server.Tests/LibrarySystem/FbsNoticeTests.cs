using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.Sandbox.Tests.Fbs;
using FeeBridge.Server.Tests.Inbox;
using FeeBridge.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace FeeBridge.Server.Tests.LibrarySystem;

/// <summary>
/// What FeeBridge's notice deliverer sends FBS for a paid claim (CONTRACTS.md §2), against a recording FBS stand-in:
/// every request checked against FBS's published API; and a claim whose patronId is not an FBS patron id (an
/// integer) ends for staff, visibly, instead of being retried.
/// </summary>
public abstract class FbsNoticeTests : IAsyncLifetime
{
    private static readonly FbsSchema Schema = FbsSchema.Load();
    private readonly StoreKind _kind;
    private FeeBridgeHost _host = null!;
    private HttpClient _library = null!;
    private WebApplication _fbs = null!;
    private readonly ConcurrentQueue<(string Method, string Path, Dictionary<string, string> Headers, string Body)> _requests = new();

    protected FbsNoticeTests(StoreKind kind) => _kind = kind;

    public async Task InitializeAsync()
    {
        // FBS as a recording stand-in: logs in anyone, registers every payment.
        var address = ChildProcess.FreeAddress();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address.ToString());
        _fbs = builder.Build();
        _fbs.Map("/rest/{**rest}", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            _requests.Enqueue((http.Request.Method, http.Request.Path.Value![5..] + http.Request.QueryString, headers, body));
            if (http.Request.Path.Value!.EndsWith("/authentication/login", StringComparison.Ordinal)) return Results.Json(new { sessionKey = "session-1" });
            if (http.Request.Headers["X-Session"] != "session-1") return Results.StatusCode(401);
            var order = JsonNode.Parse(body)!;
            return Results.Json(order["feeIds"]!.AsArray().Select(f => new
            {
                orderId = (string)order["orderId"]!, feeId = (long)f!, paymentStatus = "paymentRegistered", confirmationId = $"C-{(long)f!}",
            }));
        });
        await _fbs.StartAsync();
        _host = new FeeBridgeHost(_kind, settings: new()
        {
            ["FeeBridge:Fbs:BaseUrl"] = new Uri(address, "/rest/").ToString(),
            ["FeeBridge:Fbs:Username"] = "feebridge-test",
            ["FeeBridge:Fbs:Password"] = "test-password",
            ["FeeBridge:Inbox:PollMilliseconds"] = "20",
            ["FeeBridge:Notices:PollMilliseconds"] = "20",
        });
        _library = _host.Library();
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _fbs.DisposeAsync();
    }

    private async Task<JsonObject> FbsNoticeWhenDone(string claimId)
    {
        var log = await Eventually.Until(async () => JsonNode.Parse(await _library.GetStringAsync($"/api/v1/agencies/710100/notices?claimId={claimId}"))!.AsArray(),
            l => l.Any(n => (string)n!["target"]! == "fbs" && (string)n["state"]! != "pending"));
        return log.Single(n => (string)n!["target"]! == "fbs")!.AsObject();
    }

    private async Task PaidAsync(string claimId, string patronId)
    {
        (await _library.PutClaim("710100", claimId, ClaimBodies.Fee(patronId: patronId))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await _host.CreateClient().SendAsync("101", Reports.Of($"710100-{claimId}", HaendelseType.Daekning, "120.00", "0.00"));
    }

    [Fact]
    public async Task APaidClaim_IsRegisteredInFbs_WithTheIsilAndTheIntegerPatronId_AndEveryRequestFitsFbsPublishedApi()
    {
        await PaidAsync("31001", "4242");
        var notice = await FbsNoticeWhenDone("31001");
        ((string)notice["state"]!).ShouldBe("delivered");
        ((string)notice["result"]!).ShouldContain("C-31001");

        var requests = _requests.ToList();
        requests.Select(r => $"{r.Method} {r.Path}").ShouldBe([
            "POST /external/v1/DK-710100/authentication/login",
            "POST /external/v1/DK-710100/patron/4242/payment",
        ]);
        JsonNode.Parse(requests[0].Body)!.ToJsonString().ShouldBe("""{"username":"feebridge-test","password":"test-password"}""");
        JsonNode.Parse(requests[1].Body)!.ToJsonString().ShouldBe("""{"orderId":"feebridge-710100-31001","feeIds":[31001]}""");
        requests[1].Headers["X-Session"].ShouldBe("session-1");
        foreach (var r in requests) Schema.CheckRequest(r.Method, r.Path, r.Headers, r.Body).ShouldBeEmpty($"{r.Method} {r.Path} {r.Body}");
        _host.Logs.Lines.ShouldNotContain(l => l.Contains("test-password"));
    }

    [Fact]
    public async Task APaidClaim_WhosePatronIdIsNotAnFbsPatronId_EndsForStaff_WithoutCallingFbs_AndIsNotRetried()
    {
        await PaidAsync("31002", "P-31002");
        var notice = await FbsNoticeWhenDone("31002");
        ((string)notice["state"]!).ShouldBe("attention");
        ((string)notice["result"]!).ShouldContain("patronId is not an FBS patron id");
        ((string)notice["result"]!).ShouldNotContain("P-31002");
        ((int)notice["attempts"]!).ShouldBe(1);
        _requests.ShouldNotContain(r => r.Path.Contains("/payment"));

        var attention = JsonNode.Parse(await _library.GetStringAsync("/api/v1/agencies/710100/notices?state=attention"))!.AsArray();
        attention.ShouldContain(n => (string)n!["claimId"]! == "31002" && (string)n["target"]! == "fbs");
    }
}

[Trait("store", "sqlite")]
public sealed class FbsNoticesOnSqlite() : FbsNoticeTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class FbsNoticesOnPostgres() : FbsNoticeTests(StoreKind.Postgres);

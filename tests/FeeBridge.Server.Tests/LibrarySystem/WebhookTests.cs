using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.LibrarySystem.Webhooks;
using FeeBridge.Server.Tests.Inbox;
using FeeBridge.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace FeeBridge.Server.Tests.LibrarySystem;

/// <summary>Signed callbacks to a library system's webhook (CONTRACTS.md §1): at least once, with back-off and a delivery log.</summary>
public abstract class WebhookTests : IAsyncLifetime
{
    private readonly StoreKind _kind;
    private FeeBridgeHost _host = null!;
    private HttpClient _library = null!;
    private WebApplication _receiver = null!;
    private Uri _receiverUrl = null!;
    private readonly ConcurrentQueue<(string Signature, string EventId, string Body)> _received = new();
    private int _failFirst;

    protected WebhookTests(StoreKind kind) => _kind = kind;

    public async Task InitializeAsync()
    {
        _receiverUrl = new Uri(ChildProcess.FreeAddress(), "/hooks/feebridge");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_receiverUrl.GetLeftPart(UriPartial.Authority));
        _receiver = builder.Build();
        _receiver.MapPost("/hooks/feebridge", async (HttpContext http) =>
        {
            if (Interlocked.Decrement(ref _failFirst) >= 0) return Results.StatusCode(503);
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            _received.Enqueue((http.Request.Headers[WebhookSignature.Header].ToString(), http.Request.Headers["FeeBridge-Event-Id"].ToString(), body));
            return Results.Ok();
        });
        await _receiver.StartAsync();
        _host = new FeeBridgeHost(_kind, settings: new()
        {
            ["FeeBridge:Inbox:PollMilliseconds"] = "20",
            ["FeeBridge:Notices:PollMilliseconds"] = "20",
            ["FeeBridge:Notices:BackoffBaseMilliseconds"] = "50",
            ["FeeBridge:Notices:MaxBackoffSeconds"] = "1",
            // The receiver listens on loopback, which webhooks may reach only when the operator allows it.
            ["FeeBridge:Notices:AllowedWebhookNetworks:0"] = "127.0.0.1",
        });
        _library = _host.Library();
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _receiver.DisposeAsync();
    }

    private async Task<string> RegisterWebhookAsync()
    {
        var r = await _library.PutJson("/api/v1/agencies/710100/webhook", new { url = _receiverUrl.ToString() });
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (string)(await r.Json())["secret"]!;
    }

    [Fact]
    public async Task AFullPayment_IsCalledBack_SignedWithTheSecret_WithAUniqueEventId()
    {
        var secret = await RegisterWebhookAsync();
        (await _library.PutClaim("710100", "wh-1", ClaimBodies.Fee(patronId: "P-wh-1"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await _host.CreateClient().SendAsync("101", Reports.Of("710100-wh-1", HaendelseType.Daekning, "120.00", "0.00"));

        await Eventually.Until(() => Task.FromResult(_received.ToArray()), r => r.Any(x => x.Body.Contains("claim.paid")));
        var (signature, eventId, body) = _received.Single(x => x.Body.Contains("claim.paid"));
        WebhookSignature.Verify(secret, signature, body, out _).ShouldBeTrue();
        WebhookSignature.Verify(secret, signature, body.Replace("120.00", "999.00"), out _).ShouldBeFalse("a changed body fails the signature");
        var json = JsonNode.Parse(body)!;
        ((string)json["eventId"]!).ShouldBe(eventId);
        ((string)json["type"]!).ShouldBe("claim.paid");
        ((string)json["claimId"]!).ShouldBe("wh-1");
        ((string)json["status"]!).ShouldBe("paid");
        ((string)json["outstanding"]!).ShouldBe("0.00");
        body.ShouldNotContain("0101901234");
    }

    [Fact]
    public async Task AnUnansweredCallback_IsRetriedWithBackOff_UntilAcknowledged_AndTheLogShowsEveryAttempt()
    {
        await RegisterWebhookAsync();
        _failFirst = 2;
        (await _library.PutClaim("710100", "wh-2", ClaimBodies.Fee(patronId: "P-wh-2"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await _host.CreateClient().SendAsync("101", Reports.Of("710100-wh-2", HaendelseType.Daekning, "20.00", "100.00"));

        await Eventually.Until(() => Task.FromResult(_received.ToArray()), r => r.Any(x => x.Body.Contains("\"wh-2\"")));
        var log = await Eventually.Until(async () => JsonNode.Parse(await _library.GetStringAsync("/api/v1/agencies/710100/notices?claimId=wh-2"))!.AsArray(),
            l => l.Any(n => (string)n!["target"]! == "webhook" && (string)n["state"]! == "delivered"));
        var notice = log.Single(n => (string)n!["target"]! == "webhook")!;
        ((string)notice["eventType"]!).ShouldBe("claim.partially-paid");
        ((int)notice["attempts"]!).ShouldBe(3);
        notice["log"]!.AsArray().Select(a => (string)a!["outcome"]!).ShouldBe(["HTTP 503", "HTTP 503", "Acknowledged."]);
        _received.Count(x => x.Body.Contains("\"wh-2\"")).ShouldBe(1);
    }

    [Fact]
    public async Task WithoutAWebhook_NoCallbackIsQueued()
    {
        (await _library.PutClaim("710100", "wh-3", ClaimBodies.Fee(patronId: "P-wh-3"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await _host.CreateClient().SendAsync("101", Reports.Of("710100-wh-3", HaendelseType.Daekning, "120.00", "0.00"));
        await Eventually.Until(() => _library.GetClaim("710100", "wh-3"), c => (string)c["status"]! == "paid");
        var log = JsonNode.Parse(await _library.GetStringAsync("/api/v1/agencies/710100/notices?claimId=wh-3"))!.AsArray();
        log.ShouldNotContain(n => (string)n!["target"]! == "webhook");
    }

    [Fact]
    public async Task AWebhookUrl_MustBeAbsoluteHttp_AndTheSecretIsShownOnlyOnce()
    {
        (await _library.PutJson("/api/v1/agencies/710100/webhook", new { url = "not a url" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        await RegisterWebhookAsync();
        var shown = await (await _library.GetAsync("/api/v1/agencies/710100/webhook")).Json();
        shown["secret"].ShouldBeNull();
        (await _library.PutJson("/api/v1/agencies/775100/webhook", new { url = _receiverUrl.ToString() })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

[Trait("store", "sqlite")]
public sealed class WebhooksOnSqlite() : WebhookTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class WebhooksOnPostgres() : WebhookTests(StoreKind.Postgres);

using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.LibrarySystem.Webhooks;
using FeeBridge.Persistence.Notices;
using FeeBridge.Server.Tests.Inbox;
using FeeBridge.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace FeeBridge.Server.Tests.LibrarySystem;

/// <summary>
/// A library system chooses the webhook URL, so it must not make FeeBridge call FeeBridge's own host or network
/// (issue 14 §4): internal addresses are refused when registered (422) and when connected to (a name may resolve
/// elsewhere by then), unless the operator allows the network (FeeBridge:Notices:AllowedWebhookNetworks).
/// </summary>
public abstract class WebhookAddressTests(HostFixture fixture)
{
    private StoreKind Kind => fixture.Host.Kind;

    private const string Hook = "/api/v1/agencies/710100/webhook";

    public static TheoryData<string> InternalUrls() =>
    [
        "http://127.0.0.1:8080/hook",
        "http://127.1.2.3/hook",
        "http://2130706433/hook",              // 127.0.0.1 as one number
        "http://localhost:5080/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://10.1.2.3/hook",
        "http://172.16.0.1/hook",
        "http://192.168.1.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/hook",
        "http://[fd00::1]/hook",
        "http://0.0.0.0/hook",
        "http://[::]/hook",
        "http://224.0.0.1/hook",
        "http://[ff02::1]/hook",
    ];

    [Theory]
    [MemberData(nameof(InternalUrls))]
    public async Task AWebhookToAnInternalAddress_Is422_AndNotRegistered(string url)
    {
        // The shared host: a refused URL registers nothing, so the tests cannot disturb each other.
        var library = fixture.Host.Library();

        using var r = await library.PutJson(Hook, new { url });

        r.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await r.Content.ReadAsStringAsync());
        (await r.Json())["errors"]!.AsObject().ContainsKey("url").ShouldBeTrue();
        (await library.GetAsync(Hook)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APublicAddress_IsRegistered()
    {
        using var r = await fixture.Host.Library().PutJson("/api/v1/agencies/775100/webhook", new { url = "https://93.184.215.14/hooks/feebridge" });
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ANetworkTheOperatorAllows_IsRegistered_OthersStillNot()
    {
        using var host = new FeeBridgeHost(Kind, settings: new() { ["FeeBridge:Notices:AllowedWebhookNetworks:0"] = "10.0.0.0/8" });
        var library = host.Library();
        (await library.PutJson(Hook, new { url = "http://10.20.30.40/hook" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await library.PutJson(Hook, new { url = "http://192.168.1.1/hook" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await library.PutJson(Hook, new { url = "http://169.254.169.254/" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public void AnAllowedNetworkThatIsNoNetwork_RefusesTheStart()
    {
        using var host = new FeeBridgeHost(Kind, settings: new() { ["FeeBridge:Notices:AllowedWebhookNetworks:0"] = "ten-dot-something" });
        Should.Throw<Exception>(() => host.CreateClient()).ToString().ShouldContain("AllowedWebhookNetworks");
    }

    [Fact]
    public async Task AtDelivery_AnAddressThatBecameInternal_IsNotConnectedTo_AndTheLogSaysWhy()
    {
        // A webhook stored while its name pointed elsewhere (as after DNS rebinding) now leads to loopback.
        var received = new ConcurrentQueue<string>();
        var url = new Uri(ChildProcess.FreeAddress(), "/hooks/feebridge");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url.GetLeftPart(UriPartial.Authority));
        await using var receiver = builder.Build();
        receiver.MapPost("/hooks/feebridge", async (HttpContext http) => { received.Enqueue(await new StreamReader(http.Request.Body).ReadToEndAsync()); return Results.Ok(); });
        await receiver.StartAsync();

        using var host = new FeeBridgeHost(Kind, settings: new()
        {
            ["FeeBridge:Inbox:PollMilliseconds"] = "20",
            ["FeeBridge:Notices:PollMilliseconds"] = "20",
            ["FeeBridge:Notices:BackoffBaseMilliseconds"] = "50",
            ["FeeBridge:Notices:MaxBackoffSeconds"] = "1",
        });
        var library = host.Library();
        await host.Store.Notices.SaveWebhookAsync(new Webhook("710100", url, WebhookSignature.NewSecret(), DateTimeOffset.UtcNow), default);
        (await library.PutClaim("710100", "wh-internal", ClaimBodies.Fee(patronId: "P-wh-internal"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await host.CreateClient().SendAsync("101", Reports.Of("710100-wh-internal", HaendelseType.Daekning, "120.00", "0.00"));

        var log = await Eventually.Until(async () => JsonNode.Parse(await library.GetStringAsync("/api/v1/agencies/710100/notices?claimId=wh-internal"))!.AsArray(),
            l => l.Any(n => (string)n!["target"]! == "webhook" && n["log"]!.AsArray().Count >= 2));
        var notice = log.First(n => (string)n!["target"]! == "webhook")!;
        ((string)notice["state"]!).ShouldBe("pending");
        ((string)notice["log"]![0]!["outcome"]!).ShouldContain("may not reach");
        received.ShouldBeEmpty();
    }
}

[Trait("store", "sqlite")]
public sealed class WebhookAddressesOnSqlite(SqliteHost fixture) : WebhookAddressTests(fixture), IClassFixture<SqliteHost>;

[Trait("store", "postgresql")]
public sealed class WebhookAddressesOnPostgres(PostgresHost fixture) : WebhookAddressTests(fixture), IClassFixture<PostgresHost>;

using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Http;

/// <summary>
/// Behind a TLS-ending proxy (README, "Behind a reverse proxy"): <c>X-Forwarded-Proto: https</c> from a proxy the
/// operator named makes the request HTTPS (so HSTS is sent); from anyone else, or with no proxy named, it is ignored.
/// No store is involved, so SQLite only.
/// </summary>
[Trait("store", "sqlite")]
public sealed class ForwardedHeadersTests
{
    /// <summary>FeeBridge behind real Kestrel (the caller's address is 127.0.0.1), outside development, where HSTS is sent.</summary>
    private static FeeBridgeHost Host(Dictionary<string, string> settings)
    {
        settings["environment"] = "Production";
        settings["urls"] = "http://127.0.0.1:0"; // not appsettings.json's 5080, which other hosts of the test run would share
        var host = new FeeBridgeHost(StoreKind.Sqlite, settings: settings);
        host.UseKestrel();
        host.StartServer();
        return host;
    }

    private static async Task<string?> HstsAsync(FeeBridgeHost host)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var r = await client.SendAsync(request);
        r.EnsureSuccessStatusCode();
        return r.Headers.TryGetValues("Strict-Transport-Security", out var v) ? v.Single() : null;
    }

    [Fact]
    public async Task FromAKnownProxy_XForwardedProtoHttps_GetsHsts()
    {
        using var host = Host(new() { ["FeeBridge:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" });
        (await HstsAsync(host)).ShouldNotBeNull().ShouldContain("max-age=");
    }

    [Fact]
    public async Task FromAKnownNetwork_XForwardedProtoHttps_GetsHsts()
    {
        using var host = Host(new() { ["FeeBridge:ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8" });
        (await HstsAsync(host)).ShouldNotBeNull();
    }

    [Fact]
    public async Task FromACallerThatIsNoKnownProxy_XForwardedProtoIsIgnored()
    {
        using var host = Host(new() { ["FeeBridge:ForwardedHeaders:KnownProxies:0"] = "10.9.9.9" });
        (await HstsAsync(host)).ShouldBeNull();
    }

    [Fact]
    public async Task WithNoProxyConfigured_XForwardedProtoIsIgnored_EvenFromLoopback()
    {
        using var host = Host([]);
        (await HstsAsync(host)).ShouldBeNull();
    }
}

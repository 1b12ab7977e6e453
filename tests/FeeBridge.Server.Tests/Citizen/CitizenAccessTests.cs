using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeeBridge.Server.Hosting;
using FeeBridge.Server.Tests.Infrastructure;
using FeeBridge.Testing;
using Microsoft.AspNetCore.Http;

namespace FeeBridge.Server.Tests.Citizen;

/// <summary>Who sees what: a citizen sees their own claims only, through the page and its JSON twin; CPR stays masked.</summary>
public abstract class CitizenAccessTests(CitizenSite site)
{
    private async Task<JsonObject> MyClaims(CitizenSession s)
    {
        using var r = await s.SendAsync(HttpMethod.Get, "/api/v1/me/claims");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await r.Json();
    }

    [Fact]
    public async Task Another_persons_claim_is_unreachable_through_the_page_and_the_json_twin()
    {
        var (a, b) = (CitizenSite.NewCpr(), CitizenSite.NewCpr());
        var mine = await site.FeeAsync("7001", a, "Ida Andersen", "120.00", "For sen aflevering");
        var theirs = await site.FeeAsync("7002", b, "Bo Berg", "175.00", "Ikke afleveret");
        await site.WaitForStatus(theirs, "registered");

        using var session = await CitizenSession.LogInAsync(site.Address, a);
        var json = await MyClaims(session);
        var ids = json["municipality"]!["claims"]!.AsArray().Select(c => (string)c!["claimId"]!).ToList();
        ids.ShouldBe([mine]);
        json.ToJsonString().ShouldNotContain("175.00");

        // Nothing in the URL widens what is read: query strings naming the other person are ignored.
        foreach (var url in new[] { $"/borger?cpr={b}", $"/borger?claimId={theirs}", $"/api/v1/me/claims?cpr={b}", $"/api/v1/me/claims?patronId=acc-b" })
        {
            using var r = await session.SendAsync(HttpMethod.Get, url);
            var body = await r.Content.ReadAsStringAsync();
            body.ShouldContain(mine);
            body.ShouldNotContain($"krav nr. {theirs}");
            body.ShouldNotContain($"\"claimId\":\"{theirs}\"");
        }
    }

    [Fact]
    public async Task Without_a_session_the_json_twin_answers_401_and_the_page_offers_the_log_in()
    {
        using var anonymous = new CitizenSession(site.Address);
        using var api = await anonymous.SendAsync(HttpMethod.Get, "/api/v1/me/claims");
        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // The library system's API key is no citizen session either.
        using var withKey = await site.FeeBridge.Library.GetAsync("/api/v1/me/claims");
        withKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var page = await anonymous.GetStringAsync("/borger");
        page.ShouldContain("Log ind med MitID");
        page.ShouldNotContain("Til betaling hos kommunen");
    }

    [Fact]
    public async Task Cpr_is_shown_masked_and_never_in_the_page_source_a_url_or_the_log()
    {
        var cpr = CitizenSite.NewCpr();
        await site.FeeAsync("7003", cpr, "Karen Kirk", "130.00", "For sen aflevering");
        using var session = await CitizenSession.LogInAsync(site.Address, cpr);
        var page = await session.GetStringAsync("/borger");
        page.ShouldContain($"{cpr[..6]}-****");
        page.ShouldNotContain(cpr);
        page.ShouldNotContain(cpr[6..] + "<");
        (await MyClaims(session)).ToJsonString().ShouldNotContain(cpr);
        ((string)(await MyClaims(session))["id"]!).ShouldBe($"{cpr[..6]}-****");
        session.SetCookies.ShouldAllBe(c => !c.Contains(cpr));
        site.FeeBridge.Output.ShouldNotContain(line => line.Contains(cpr));
    }

    [Fact]
    public async Task Session_cookie_is_secure_httponly_and_samesite_and_log_out_needs_the_anti_forgery_token()
    {
        var cpr = CitizenSite.NewCpr();
        using var session = await CitizenSession.LogInAsync(site.Address, cpr);
        var cookie = session.SetCookies.Single(c => c.StartsWith("feebridge-borger=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.ShouldContain("secure");
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=lax");

        // A cross-site form (no token) cannot log the citizen out.
        using var forged = await session.SendAsync(HttpMethod.Post, "/borger/log-ud", new FormUrlEncodedContent([]));
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await MyClaims(session))["id"]!.ToString().ShouldBe($"{cpr[..6]}-****");

        var page = await session.GetStringAsync("/borger");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        token.ShouldNotBeEmpty();
        using var logOut = await session.SendAsync(HttpMethod.Post, "/borger/log-ud", new FormUrlEncodedContent([new("__RequestVerificationToken", WebUtility.HtmlDecode(token))]));
        logOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var after = await session.SendAsync(HttpMethod.Get, "/api/v1/me/claims");
        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_cookie_copied_before_log_out_is_refused_after_it_because_log_out_ends_the_session_server_side()
    {
        var cpr = CitizenSite.NewCpr();
        await site.FeeAsync("7009", cpr, "Lise Lund", "140.00", "For sen aflevering");
        using var session = await CitizenSession.LogInAsync(site.Address, cpr);
        var page = await session.GetStringAsync("/borger");
        // What someone who got hold of the cookie (a shared computer, a proxy log) has: the cookies as they are now.
        var copied = new BrowserCookies();
        copied.Keep(session.SetCookies.ToList());
        using var http = new HttpClient { BaseAddress = site.Address };
        async Task<HttpResponseMessage> WithCopy(string url)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            copied.AddTo(request);
            return await http.SendAsync(request);
        }
        using (var before = await WithCopy("/api/v1/me/claims")) before.StatusCode.ShouldBe(HttpStatusCode.OK, "the copy works while the session lasts");
        // A second FeeBridge on the same database (as behind a load balancer) takes the same cookie, and must hear of the log-out too.
        using var other = new FeeBridgeProcess(site.DataDirectory, site.ConnectionString, CitizenSite.Settings);
        using var otherHttp = new HttpClient { BaseAddress = other.Address };
        async Task<HttpStatusCode> OnOtherProcess()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/claims");
            copied.AddTo(request);
            using var r = await otherHttp.SendAsync(request);
            return r.StatusCode;
        }
        (await OnOtherProcess()).ShouldBe(HttpStatusCode.OK, "the other process reads the cookie (shared data protection keys)");

        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using (var logOut = await session.SendAsync(HttpMethod.Post, "/borger/log-ud", new FormUrlEncodedContent([new("__RequestVerificationToken", WebUtility.HtmlDecode(token))])))
            logOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using (var api = await WithCopy("/api/v1/me/claims")) api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await OnOtherProcess()).ShouldBe(HttpStatusCode.Unauthorized, "the log-out holds in every process");
        using var overview = await WithCopy("/borger");
        var html = await overview.Content.ReadAsStringAsync();
        html.ShouldContain("Log ind med MitID");
        html.ShouldNotContain("140,00");
        // A new log-in is a new session and works.
        using var again = await CitizenSession.LogInAsync(site.Address, cpr);
        using var r = await again.SendAsync(HttpMethod.Get, "/api/v1/me/claims");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_company_logs_in_by_cvr_and_sees_its_own_claims()
    {
        using (var r = await site.Http.PostAsJsonAsync("/sandbox/fbs/710100/patrons/7004/fees",
            new { cvr = "29189846", name = "Bogcaféen ApS", type = "fee", amount = "220.00", reasonMessage = "Ikke afleveret" }))
            r.EnsureSuccessStatusCode();
        using var session = await CitizenSession.LogInAsync(site.Address, "29189846");
        var json = await MyClaims(session);
        ((string)json["id"]!).ShouldBe("CVR 29189846");
        json["municipality"]!["claims"]!.AsArray().Concat(json["library"]!["claims"]!.AsArray()).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Pages_carry_the_security_headers_and_no_inline_script_or_style()
    {
        using var session = await CitizenSession.LogInAsync(site.Address, CitizenSite.NewCpr());
        using var r = await session.SendAsync(HttpMethod.Get, "/borger");
        var csp = r.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-inline");
        r.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        r.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var html = await r.Content.ReadAsStringAsync();
        Regex.Matches(html, "<script(?![^>]*\\bsrc=)[^>]*>").ShouldBeEmpty();
        html.ShouldNotContain(" style=");
        html.ShouldNotContain(" onclick=");
        html.ShouldContain("<html lang=\"da\">");
    }

    [Fact]
    public async Task Hsts_is_sent_on_https_outside_development_only()
    {
        static async Task<string?> Hsts(bool https, bool development)
        {
            var context = new DefaultHttpContext();
            context.Request.Scheme = https ? "https" : "http";
            var feature = new StartingFeature();
            context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(feature);
            var app = new Microsoft.AspNetCore.Builder.ApplicationBuilder(new EmptyServices());
            app.UseSecurityHeaders(development);
            app.Use(_ => _ => Task.CompletedTask);
            await app.Build()(context);
            await feature.StartAsync();
            return context.Response.Headers.StrictTransportSecurity.ToString() is { Length: > 0 } v ? v : null;
        }
        (await Hsts(https: true, development: false)).ShouldNotBeNull().ShouldContain("max-age=");
        (await Hsts(https: true, development: true)).ShouldBeNull();
        (await Hsts(https: false, development: false)).ShouldBeNull();
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }

    /// <summary>A response feature that runs the OnStarting callbacks when told, as a server does before the first byte.</summary>
    private sealed class StartingFeature : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];
        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));
        public async Task StartAsync() { foreach (var (c, s) in _starting) await c(s); }
    }
}

[Trait("store", "sqlite")]
public sealed class CitizenAccessSqliteTests(SqliteCitizenSite site) : CitizenAccessTests(site), IClassFixture<SqliteCitizenSite>;

[Trait("store", "postgresql")]
public sealed class CitizenAccessPostgresTests(PostgresCitizenSite site) : CitizenAccessTests(site), IClassFixture<PostgresCitizenSite>;

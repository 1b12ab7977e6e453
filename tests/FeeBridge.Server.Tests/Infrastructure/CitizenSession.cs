using System.Net;
using FeeBridge.Testing;

namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>
/// A citizen's HTTP session, logged in through the MitID stand-in with the real OpenID Connect code flow, keeping its
/// cookies as a browser does (<see cref="BrowserCookies"/>).
/// </summary>
public sealed class CitizenSession : IDisposable
{
    private readonly HttpClient _http;
    private readonly BrowserCookies _cookies = new();

    public CitizenSession(Uri feeBridge)
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = feeBridge };
    }

    /// <summary>Every Set-Cookie header seen, as sent (to check their attributes).</summary>
    public List<string> SetCookies { get; } = [];

    public static async Task<CitizenSession> LogInAsync(Uri feeBridge, string cprOrCvr)
    {
        var (session, landing) = await TryLogInAsync(feeBridge, cprOrCvr);
        landing.ShouldBe("/borger");
        return session;
    }

    /// <summary>Goes through the log-in; returns the session and where FeeBridge sent the browser at the end.</summary>
    public static async Task<(CitizenSession Session, string Landing)> TryLogInAsync(Uri feeBridge, string cprOrCvr)
    {
        var session = new CitizenSession(feeBridge);
        using var start = await session.SendAsync(HttpMethod.Get, "/borger/log-ind");
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorize = start.Headers.Location!;
        authorize.AbsolutePath.ShouldEndWith("/sandbox/mitid/authorize");

        using var page = await session.SendAsync(HttpMethod.Get, authorize.ToString());
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        var fields = MitIdStandInPage.ChooseFields(html, cprOrCvr);
        using var chosen = await session.SendAsync(HttpMethod.Post, new Uri(authorize, "/sandbox/mitid/authorize").ToString(), new FormUrlEncodedContent(fields));
        chosen.StatusCode.ShouldBe(HttpStatusCode.Redirect, await chosen.Content.ReadAsStringAsync());

        using var callback = await session.SendAsync(HttpMethod.Get, chosen.Headers.Location!.ToString());
        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (session, callback.Headers.Location!.ToString());
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        _cookies.AddTo(request);
        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            SetCookies.AddRange(setCookies);
            _cookies.Keep(setCookies);
        }
        return response;
    }

    public async Task<string> GetStringAsync(string url)
    {
        using var r = await SendAsync(HttpMethod.Get, url);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await r.Content.ReadAsStringAsync();
    }

    public void Dispose() => _http.Dispose();
}

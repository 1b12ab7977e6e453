using System.Net;
using System.Text.RegularExpressions;

namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>
/// A citizen's HTTP session, logged in through the MitID stand-in with the real OpenID Connect code flow. Keeps its
/// own cookie jar, as a browser does on loopback (where Secure cookies are sent over plain HTTP); .NET's jar would not.
/// </summary>
public sealed partial class CitizenSession : IDisposable
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

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
        // The second form is "another test person": its hidden fields, plus the number typed in.
        var form = html[html.LastIndexOf("<form", StringComparison.Ordinal)..];
        var fields = HiddenInput().Matches(form).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["identity"] = cprOrCvr;
        using var chosen = await session.SendAsync(HttpMethod.Post, new Uri(authorize, "/sandbox/mitid/authorize").ToString(), new FormUrlEncodedContent(fields));
        chosen.StatusCode.ShouldBe(HttpStatusCode.Redirect, await chosen.Content.ReadAsStringAsync());

        using var callback = await session.SendAsync(HttpMethod.Get, chosen.Headers.Location!.ToString());
        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (session, callback.Headers.Location!.ToString());
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                SetCookies.Add(header);
                var pair = header.Split(';', 2)[0];
                var eq = pair.IndexOf('=');
                var (name, value) = (pair[..eq], pair[(eq + 1)..]);
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
                else _cookies[name] = value;
            }
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

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();
}

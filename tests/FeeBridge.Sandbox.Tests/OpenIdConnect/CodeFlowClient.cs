using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FeeBridge.Sandbox.Tests.OpenIdConnect;

/// <summary>
/// A relying party driving a stand-in's code flow as FeeBridge and a browser would: it reads the discovery document,
/// opens the log-in page, posts a choice, and redeems the code. PKCE is computed here, independently of the stand-in.
/// </summary>
internal sealed partial class CodeFlowClient(HttpClient http, string issuerPath)
{
    public const string RedirectUri = "http://localhost/signin-oidc";

    public HttpClient Http => http;

    public async Task<JsonElement> DiscoveryAsync()
    {
        using var r = await http.GetAsync(issuerPath + "/.well-known/openid-configuration");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>RFC 7636: a random verifier and base64url(SHA-256(verifier)).</summary>
    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    /// <summary>The authorize URL from discovery, as a relying party builds it.</summary>
    public async Task<string> AuthorizeUrlAsync(string clientId, string challenge, string state = "st-1", string nonce = "n-1", string redirectUri = RedirectUri)
    {
        var endpoint = (await DiscoveryAsync()).GetProperty("authorization_endpoint").GetString()!;
        return $"{endpoint}?client_id={Uri.EscapeDataString(clientId)}&response_type=code&scope=openid&redirect_uri={Uri.EscapeDataString(redirectUri)}"
            + $"&state={state}&nonce={nonce}&code_challenge={challenge}&code_challenge_method=S256";
    }

    /// <summary>Opens the log-in page as a browser sent there by the client would; its HTML.</summary>
    public async Task<string> LogInPageAsync(string clientId, string challenge)
    {
        using var page = await http.GetAsync(await AuthorizeUrlAsync(clientId, challenge));
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return html;
    }

    /// <summary>The hidden fields of the form that holds <paramref name="marker"/> (or the last form), decoded.</summary>
    public static Dictionary<string, string> HiddenFields(string html, string? marker = null)
    {
        var at = marker is null ? html.LastIndexOf("<form", StringComparison.Ordinal) : html.LastIndexOf("<form", html.IndexOf(marker, StringComparison.Ordinal), StringComparison.Ordinal);
        var form = html[at..html.IndexOf("</form>", at, StringComparison.Ordinal)];
        return HiddenInput().Matches(form).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
    }

    /// <summary>Where the form holding <paramref name="marker"/> posts to.</summary>
    public static string FormAction(string html, string? marker = null)
    {
        var at = marker is null ? html.LastIndexOf("<form", StringComparison.Ordinal) : html.LastIndexOf("<form", html.IndexOf(marker, StringComparison.Ordinal), StringComparison.Ordinal);
        return WebUtility.HtmlDecode(FormActionAttribute().Match(html, at).Groups[1].Value);
    }

    /// <summary>Posts the choice; the code and state the stand-in sends the browser back with.</summary>
    public async Task<(string Code, string? State)> ChooseAsync(string html, string marker, IEnumerable<KeyValuePair<string, string>> choice)
    {
        var fields = HiddenFields(html, marker);
        foreach (var (k, v) in choice) fields[k] = v;
        using var r = await http.PostAsync(FormAction(html, marker), new FormUrlEncodedContent(fields));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        var back = r.Headers.Location!;
        back.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri);
        var query = System.Web.HttpUtility.ParseQueryString(back.Query);
        return (query["code"]!, query["state"]);
    }

    public async Task<HttpResponseMessage> RedeemAsync(string code, string? verifier, string clientId, string secret, bool basic = false, string grantType = "authorization_code")
    {
        var endpoint = (await DiscoveryAsync()).GetProperty("token_endpoint").GetString()!;
        var fields = new Dictionary<string, string> { ["grant_type"] = grantType, ["code"] = code, ["redirect_uri"] = RedirectUri };
        if (verifier is not null) fields["code_verifier"] = verifier;
        if (!basic) { fields["client_id"] = clientId; fields["client_secret"] = secret; }
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(fields) };
        if (basic) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return await http.SendAsync(request);
    }

    /// <summary>Validates a token against the keys the stand-in publishes at its <c>jwks_uri</c>.</summary>
    public async Task<TokenValidationResult> ValidateAsync(string token, string audience)
    {
        var discovery = await DiscoveryAsync();
        var jwks = new JsonWebKeySet(await http.GetStringAsync(discovery.GetProperty("jwks_uri").GetString()));
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = discovery.GetProperty("issuer").GetString(),
            ValidAudience = audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"")]
    private static partial Regex FormActionAttribute();
}

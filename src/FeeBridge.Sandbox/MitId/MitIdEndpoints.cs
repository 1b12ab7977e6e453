using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;

namespace FeeBridge.Sandbox.MitId;

/// <summary>
/// The MitID stand-in over HTTP, under <c>/sandbox/mitid</c>: discovery, keys, the log-in page (the test people,
/// or any CPR/CVR number typed in) and the token endpoint.
/// </summary>
public static class MitIdEndpoints
{
    private const string Prefix = "/sandbox/mitid";

    public static IServiceCollection AddMitIdStandIn(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MitIdStandIn>();
        services.AddAntiforgery();
        return services;
    }

    public static void MapMitIdStandIn(this IEndpointRouteBuilder app)
    {
        var mitid = app.MapGroup(Prefix).ExcludeFromDescription();
        mitid.MapGet("/.well-known/openid-configuration", (HttpRequest request) =>
        {
            var issuer = Issuer(request);
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = issuer + "/authorize",
                ["token_endpoint"] = issuer + "/token",
                ["jwks_uri"] = issuer + "/jwks",
                ["response_types_supported"] = new[] { "code" },
                ["response_modes_supported"] = new[] { "query" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["code_challenge_methods_supported"] = new[] { "S256" },
                ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
                ["scopes_supported"] = new[] { "openid", "mitid", "ssn", "nemlogin" },
            });
        });
        mitid.MapGet("/jwks", (MitIdStandIn standIn) => Results.Json(new { keys = new[] { standIn.PublicKey } }));
        mitid.MapGet("/authorize", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var q = context.Request.Query;
            if (q["client_id"] != MitIdStandIn.ClientId || q["response_type"] != "code" || !AllowedRedirect(context.Request, q["redirect_uri"]))
                return UnknownClient();
            var token = antiforgery.GetAndStoreTokens(context).RequestToken!;
            return Results.Content(LogInPage(q, token), "text/html; charset=utf-8");
        });
        mitid.MapPost("/authorize", ChooseAsync);
        mitid.MapPost("/token", RedeemAsync).DisableAntiforgery();
    }

    private static async Task<IResult> ChooseAsync(HttpContext context, IAntiforgery antiforgery, MitIdStandIn standIn)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
            return BadRequest("Siden er udløbet", "<p>Gå tilbage og prøv igen.</p>");
        var form = await context.Request.ReadFormAsync();
        string redirectUri = form["redirect_uri"].ToString();
        if (form["client_id"] != MitIdStandIn.ClientId || !AllowedRedirect(context.Request, redirectUri))
            return UnknownClient();
        var who = Chosen(form);
        if (who is null)
            return BadRequest("Ukendt identitet", "<p>Skriv et gyldigt CPR-nummer (10 cifre) eller CVR-nummer (8 cifre), og prøv igen.</p>");
        var code = standIn.Issue(redirectUri, Optional(form["nonce"]), Optional(form["code_challenge"]), who);
        var back = new StringBuilder(redirectUri).Append(redirectUri.Contains('?') ? '&' : '?')
            .Append("code=").Append(Uri.EscapeDataString(code));
        if (Optional(form["state"]) is { } state) back.Append("&state=").Append(Uri.EscapeDataString(state));
        return Results.Redirect(back.ToString());
    }

    private static async Task<IResult> RedeemAsync(HttpContext context, MitIdStandIn standIn)
    {
        var form = await context.Request.ReadFormAsync();
        var (clientId, secret) = ClientCredentials(context.Request, form);
        if (clientId != MitIdStandIn.ClientId || secret != MitIdStandIn.ClientSecret) return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        if (form["grant_type"] != "authorization_code") return Results.Json(new { error = "unsupported_grant_type" }, statusCode: 400);
        var (idToken, error) = standIn.Redeem(Issuer(context.Request), Optional(form["code"]), Optional(form["redirect_uri"]), Optional(form["code_verifier"]));
        if (idToken is null) return Results.Json(new { error }, statusCode: 400);
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = Base64UrlEncoder.Encode(Guid.NewGuid().ToByteArray()),
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["id_token"] = idToken,
        });
    }

    private static TestPerson? Chosen(IFormCollection form)
    {
        if (int.TryParse(form["person"], out var i) && i >= 0 && i < SandboxSeed.TestPeople.Count) return SandboxSeed.TestPeople[i];
        var typed = form["identity"].ToString().Replace("-", "", StringComparison.Ordinal).Trim();
        if (Cpr.TryParse(typed, out _, out _)) return new TestPerson("Testperson", typed, null, "Indtastet");
        if (Cvr.TryParse(typed, out _, out _)) return new TestPerson("Testvirksomhed", null, typed, "Indtastet");
        return null;
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var h) && h.Scheme == "Basic" && h.Parameter is { } p)
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(p)).Split(':', 2);
            return pair.Length == 2 ? (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1])) : (null, null);
        }
        return (Optional(form["client_id"]), Optional(form["client_secret"]));
    }

    // A sandbox still refuses to send a code to a stranger: back to the host that asked, or to loopback.
    private static bool AllowedRedirect(HttpRequest request, string? redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
        && (u.IsLoopback || string.Equals(u.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));

    private static string Issuer(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{Prefix}";

    private static string? Optional(Microsoft.Extensions.Primitives.StringValues v) => string.IsNullOrEmpty(v) ? null : v.ToString();

    private static string LogInPage(IQueryCollection q, string antiforgeryToken)
    {
        var e = HtmlEncoder.Default;
        var hidden = new StringBuilder();
        hidden.Append(System.Globalization.CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"{e.Encode(antiforgeryToken)}\">");
        foreach (var name in new[] { "client_id", "redirect_uri", "state", "nonce", "code_challenge", "code_challenge_method" })
            hidden.Append(System.Globalization.CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{name}\" value=\"{e.Encode(q[name].ToString())}\">");

        var people = new StringBuilder("<ul class=\"people\">");
        for (var i = 0; i < SandboxSeed.TestPeople.Count; i++)
        {
            var p = SandboxSeed.TestPeople[i];
            var id = p.Cpr is { } cpr ? $"CPR {cpr[..6]}-****" : $"CVR {p.Cvr}";
            people.Append(System.Globalization.CultureInfo.InvariantCulture, $"<li><button type=\"submit\" name=\"person\" value=\"{i}\">{e.Encode(p.Name)}</button> <span>{e.Encode(id)} · {e.Encode(p.Description)}</span></li>");
        }
        people.Append("</ul>");
        return Page("Log ind med MitID (sandkasse)", $"""
            <p>Dette er sandkassens stedfortræder for MitID. Vælg en testperson, eller skriv et CPR- eller CVR-nummer.</p>
            <form method="post" action="{Prefix}/authorize">{hidden}
              <h2>Testpersoner</h2>
              {people}
            </form>
            <form method="post" action="{Prefix}/authorize">{hidden}
              <h2>Anden testperson</h2>
              <label for="identity">CPR- eller CVR-nummer</label>
              <input id="identity" name="identity" inputmode="numeric" autocomplete="off" required>
              <button type="submit">Log ind</button>
            </form>
            """);
    }

    private static IResult UnknownClient() => BadRequest("Ukendt anmodning", "<p>Log-in-anmodningen kommer ikke fra en kendt tjeneste.</p>");

    private static IResult BadRequest(string title, string body) => Results.Content(Page(title, body), "text/html; charset=utf-8", statusCode: 400);

    private static string Page(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="da">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{HtmlEncoder.Default.Encode(title)}</title></head>
        <body><main><h1>{HtmlEncoder.Default.Encode(title)}</h1>{body}</main></body>
        </html>
        """;
}

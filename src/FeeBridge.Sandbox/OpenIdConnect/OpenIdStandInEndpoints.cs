using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Primitives;

namespace FeeBridge.Sandbox.OpenIdConnect;

/// <summary>
/// A stand-in's OpenID Connect provider over HTTP, under its base path: discovery, keys, authorize (the log-in page and
/// the choice posted from it) and the token endpoint (authorization code, PKCE S256, client secret by post or Basic).
/// Each stand-in says who can log in and what its tokens hold (<see cref="OpenIdStandInOptions{TUser}"/>,
/// <see cref="IOpenIdStandIn{TUser}"/>).
/// </summary>
public static class OpenIdStandInEndpoints
{
    private static readonly string[] RequestFields = ["client_id", "redirect_uri", "state", "nonce", "code_challenge", "code_challenge_method"];

    private static readonly StandInPage UnknownClient = new("Ukendt anmodning", "<p>Log-in-anmodningen kommer ikke fra en kendt tjeneste.</p>");
    private static readonly StandInPage NoPkce = new("Ukendt anmodning", "<p>Log-in-anmodningen mangler PKCE (code_challenge med metoden S256).</p>");
    private static readonly StandInPage Expired = new("Siden er udløbet", "<p>Gå tilbage og prøv igen.</p>");

    /// <summary>Maps the provider's endpoints; the group returned takes any the stand-in adds of its own.</summary>
    public static RouteGroupBuilder MapOpenIdStandIn<TStandIn, TUser>(this IEndpointRouteBuilder app, OpenIdStandInOptions<TUser> options)
        where TStandIn : IOpenIdStandIn<TUser>
        where TUser : class
    {
        var group = app.MapGroup(options.BasePath).ExcludeFromDescription();
        group.MapGet("/.well-known/openid-configuration", (HttpRequest request) => Results.Json(Discovery(options, Issuer(request, options))));
        group.MapGet("/jwks", (HttpContext context) => Results.Json(new { keys = new[] { StandIn<TStandIn>(context).Provider.PublicKey } }));
        group.MapGet(options.AuthorizePath, (HttpContext context) => LogInPage(context, options));
        // Typed as Func: an async lambda taking only HttpContext would bind as a RequestDelegate and drop its result.
        group.MapPost(options.AuthorizePath, (Func<HttpContext, Task<IResult>>)(context => ChooseAsync(context, StandIn<TStandIn>(context), options)));
        group.MapPost(options.TokenPath, (Func<HttpContext, Task<IResult>>)(context => RedeemAsync(context, StandIn<TStandIn>(context), options))).DisableAntiforgery();
        return group;
    }

    private static TStandIn StandIn<TStandIn>(HttpContext context) where TStandIn : notnull => context.RequestServices.GetRequiredService<TStandIn>();

    /// <summary>The stand-in's issuer as the request reached it: scheme, host, path base, base path.</summary>
    public static string Issuer<TUser>(HttpRequest request, OpenIdStandInOptions<TUser> options) where TUser : class =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{options.BasePath}";

    private static Dictionary<string, object> Discovery<TUser>(OpenIdStandInOptions<TUser> options, string issuer) where TUser : class
    {
        var document = new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["authorization_endpoint"] = issuer + options.AuthorizePath,
            ["token_endpoint"] = issuer + options.TokenPath,
            ["jwks_uri"] = issuer + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
            ["scopes_supported"] = options.Scopes,
        };
        if (options.Claims is { } claims) document["claims_supported"] = claims;
        return document;
    }

    private static IResult LogInPage<TUser>(HttpContext context, OpenIdStandInOptions<TUser> options) where TUser : class
    {
        var q = context.Request.Query;
        if (q["client_id"] != options.ClientId || q["response_type"] != "code" || !AllowedRedirect(context.Request, q["redirect_uri"]))
            return UnknownClient.BadRequest();
        if (options.RequirePkce && !HasPkce(q["code_challenge"], q["code_challenge_method"]))
            return NoPkce.BadRequest();

        var e = HtmlEncoder.Default;
        var hidden = new StringBuilder();
        if (options.RequireAntiforgery)
        {
            var token = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken!;
            hidden.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"{e.Encode(token)}\">");
        }
        foreach (var name in RequestFields)
            hidden.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{name}\" value=\"{e.Encode(q[name].ToString())}\">");
        var action = e.Encode(context.Request.PathBase + options.BasePath + options.AuthorizePath);
        return options.LogInPage(new LogInForm(action, hidden.ToString())).Ok();
    }

    private static async Task<IResult> ChooseAsync<TStandIn, TUser>(HttpContext context, TStandIn standIn, OpenIdStandInOptions<TUser> options)
        where TStandIn : IOpenIdStandIn<TUser>
        where TUser : class
    {
        if (options.RequireAntiforgery && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            return Expired.BadRequest();
        if (!context.Request.HasFormContentType) return UnknownClient.BadRequest();
        var form = await context.Request.ReadFormAsync();
        string redirectUri = form["redirect_uri"].ToString();
        if (form["client_id"] != options.ClientId || !AllowedRedirect(context.Request, redirectUri))
            return UnknownClient.BadRequest();
        if (options.RequirePkce && !HasPkce(form["code_challenge"], form["code_challenge_method"]))
            return NoPkce.BadRequest();
        if (options.Chosen(form) is not { } who)
            return options.UnknownUser.BadRequest();

        var code = standIn.Provider.Issue(redirectUri, Optional(form["nonce"]), Optional(form["code_challenge"]), who);
        var back = new StringBuilder(redirectUri).Append(redirectUri.Contains('?') ? '&' : '?')
            .Append("code=").Append(Uri.EscapeDataString(code));
        if (Optional(form["state"]) is { } state) back.Append("&state=").Append(Uri.EscapeDataString(state));
        return Results.Redirect(back.ToString());
    }

    private static async Task<IResult> RedeemAsync<TStandIn, TUser>(HttpContext context, TStandIn standIn, OpenIdStandInOptions<TUser> options)
        where TStandIn : IOpenIdStandIn<TUser>
        where TUser : class
    {
        if (!context.Request.HasFormContentType) return Error("invalid_request", 400);
        var form = await context.Request.ReadFormAsync();
        var (clientId, secret) = ClientCredentials(context.Request, form);
        if (clientId != options.ClientId || secret != options.ClientSecret) return Error("invalid_client", 401);
        if (form["grant_type"] != "authorization_code") return Error("unsupported_grant_type", 400);
        var redeemed = standIn.Provider.Redeem(Optional(form["code"]), Optional(form["redirect_uri"]), Optional(form["code_verifier"]));
        if (redeemed is null) return Error("invalid_grant", 400);
        return Results.Json(standIn.TokenResponse(Issuer(context.Request, options), redeemed));
    }

    private static IResult Error(string error, int status) => Results.Json(new { error }, statusCode: status);

    private static bool HasPkce(StringValues challenge, StringValues method) => !StringValues.IsNullOrEmpty(challenge) && method == "S256";

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var h) && h.Scheme == "Basic" && h.Parameter is { } p)
        {
            string[] pair;
            try { pair = Encoding.UTF8.GetString(Convert.FromBase64String(p)).Split(':', 2); }
            catch (FormatException) { return (null, null); } // not Base64: no credentials, so invalid_client
            return pair.Length == 2 ? (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1])) : (null, null);
        }
        return (Optional(form["client_id"]), Optional(form["client_secret"]));
    }

    // A sandbox still refuses to send a code to a stranger: back to the host that asked, or to loopback.
    private static bool AllowedRedirect(HttpRequest request, string? redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
        && (u.IsLoopback || string.Equals(u.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));

    private static string? Optional(StringValues v) => string.IsNullOrEmpty(v) ? null : v.ToString();
}

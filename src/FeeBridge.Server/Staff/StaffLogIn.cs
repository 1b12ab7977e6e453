using System.Security.Claims;
using FeeBridge.Application;
using FeeBridge.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace FeeBridge.Server.Staff;

/// <summary>
/// Staff sign-in (CONTRACTS.md §5): OpenID Connect's code flow with PKCE into a cookie for the pages under
/// <c>/staff</c>, and the same provider's access tokens as bearer tokens for the staff APIs. Both end in the same
/// <see cref="StaffUser"/>, with the provider's role claims mapped onto FeeBridge's scoped roles. One scheme name,
/// <see cref="Scheme"/>, picks the bearer when an <c>Authorization: Bearer</c> header is sent and the cookie otherwise;
/// an API call without either is 401, a page without a session goes to the provider.
/// </summary>
public static class StaffLogIn
{
    public const string Scheme = "staff";
    public const string CookieScheme = "staff-cookie";
    public const string BearerScheme = "staff-bearer";
    public const string ProviderScheme = "staff-oidc";
    public const string Policy = "staff";
    public const string CookieName = "feebridge-staff";
    public const string CallbackPath = "/staff/signin-oidc";

    /// <summary>Log-out: ends the session server-side and drops the cookie (<see cref="EndableSessions"/>).</summary>
    public static Task EndSessionAsync(HttpContext http) =>
        EndableSessions.EndAsync(http, CookieScheme, http.RequestServices.GetRequiredService<FeeBridgeOptions>().Staff.SessionMinutes);

    /// <summary>Whether a provider is known: the sandbox host's stand-in, or a configured one. Without, staff cannot sign in.</summary>
    public sealed record Availability(bool Available);

    public static void Add(WebApplicationBuilder builder, AuthenticationBuilder auth, SandboxMode? sandbox)
    {
        var configured = !string.IsNullOrWhiteSpace(builder.Configuration[$"{FeeBridgeOptions.Section}:Staff:Authority"]);
        var available = sandbox?.Staff is not null || configured;
        builder.Services.AddSingleton(new Availability(available));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
                .RequireAssertion(ctx => StaffUser.From(ctx.User) is not null));

        auth.AddPolicyScheme(Scheme, "Staff", o => o.ForwardDefaultSelector = http =>
            http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? BearerScheme : CookieScheme);

        auth.AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.Path = "/";
            o.SlidingExpiration = true;
            // Log-out ends the session server-side (EndSessionAsync): a copy of the cookie taken before is refused after.
            EndableSessions.Apply(o, CookieScheme);
            o.Events.OnRedirectToLogin = ctx =>
            {
                // An API answers 401; a page starts the provider's sign-in (when there is one).
                if (IsApi(ctx.Request) || !available) ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else return ctx.HttpContext.ChallengeAsync(ProviderScheme, new AuthenticationProperties { RedirectUri = ctx.Request.PathBase + ctx.Request.Path + ctx.Request.QueryString });
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = ctx => { ctx.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        });
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<FeeBridgeOptions>((o, fb) =>
            o.ExpireTimeSpan = TimeSpan.FromMinutes(fb.Staff.SessionMinutes));

        auth.AddJwtBearer(BearerScheme, o =>
        {
            o.MapInboundClaims = false;
            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = ctx => Map(ctx.HttpContext, ctx.Principal!, BearerScheme, p => ctx.Principal = p, ctx.Fail),
            };
        });
        builder.Services.AddOptions<JwtBearerOptions>(BearerScheme).Configure<FeeBridgeOptions, IOwnAddress>((o, fb, self) =>
        {
            o.Authority = AuthorityOf(fb.Staff, sandbox, self);
            o.Audience = fb.Staff.Audience;
            o.RequireHttpsMetadata = !IsLoopbackHttp(o.Authority);
            o.TokenValidationParameters.ValidateIssuer = true;
            o.TokenValidationParameters.ValidateAudience = true;
            // Access tokens only (RFC 9068 "at+jwt"): an ID token has the same issuer, and must not open the API.
            if (fb.Staff.AccessTokenType is { Length: > 0 } type) o.TokenValidationParameters.ValidTypes = [type];
        });
        if (!available) return;

        auth.AddOpenIdConnect(ProviderScheme, o =>
        {
            CodeFlow.Apply(o, CookieScheme, CallbackPath, "/staff?fejl=log-ind");
            o.SignedOutCallbackPath = "/staff/signout-callback-oidc";
            // The code comes back in the query: a form post from the provider's site would not carry the Lax correlation cookie.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.Events.OnTokenValidated = ctx => Map(ctx.HttpContext, ctx.Principal!, CookieScheme, p => ctx.Principal = p, ctx.Fail);
        });
        builder.Services.AddOptions<OpenIdConnectOptions>(ProviderScheme).Configure<FeeBridgeOptions, IOwnAddress>((o, fb, self) =>
        {
            var s = fb.Staff;
            var standIn = s.Authority is null ? sandbox?.Staff : null;
            o.Authority = AuthorityOf(s, sandbox, self);
            o.ClientId = s.ClientId ?? standIn?.Id ?? throw new InvalidOperationException("FeeBridge:Staff:ClientId is required.");
            o.ClientSecret = s.ClientSecret ?? standIn?.Secret;
            o.RequireHttpsMetadata = !IsLoopbackHttp(o.Authority);
            o.Scope.Clear();
            foreach (var scope in s.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
        });
    }

    /// <summary>The provider's principal onto FeeBridge's own (user, name, e-mail, mapped roles), or a failure.</summary>
    private static Task Map(HttpContext http, ClaimsPrincipal provider, string scheme, Action<ClaimsPrincipal> set, Action<string> fail)
    {
        var options = http.RequestServices.GetRequiredService<FeeBridgeOptions>().Staff;
        if (StaffRoles.FromProvider(provider, options) is { } user) set(new ClaimsPrincipal(user.ToIdentity(scheme)));
        else fail("The identity provider named no user (sub).");
        return Task.CompletedTask;
    }

    // Unset provider: the sandbox host's stand-in, in this process; its address is known once the server listens.
    private static string AuthorityOf(StaffOptions s, SandboxMode? sandbox, IOwnAddress self) =>
        s.Authority ?? (sandbox?.Staff is not null
            ? new Uri(self.Current ?? new Uri("http://127.0.0.1"), SandboxMode.StaffPath).ToString().TrimEnd('/')
            : "https://staff-provider.invalid");

    // HTTPS for any real provider; plain HTTP only on loopback (the stand-in, in this or its own process).
    private static bool IsLoopbackHttp(string? authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var a) && a.Scheme == "http" && a.IsLoopback;

    private static bool IsApi(HttpRequest r) => r.Path.StartsWithSegments("/api");
}

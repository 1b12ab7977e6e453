using System.Security.Claims;
using FeeBridge.Persistence;
using FeeBridge.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using FeeBridge.Application;

namespace FeeBridge.Server.Citizen;

/// <summary>
/// The citizen's log-in: OpenID Connect's code flow with PKCE against NemLog-in (MitID), or in sandbox mode against
/// the MitID stand-in, into a session cookie (Secure, HttpOnly, SameSite=Lax, encrypted by data protection) that
/// carries the CPR or CVR number and nothing else of the ID token, and a session id that log-out ends server-side.
/// </summary>
public sealed class CitizenLogIn(bool available)
{
    public const string CookieScheme = "citizen";
    public const string ProviderScheme = "mitid";
    public const string Policy = "citizen";
    public const string CookieName = "feebridge-borger";
    public const string CallbackPath = "/borger/signin-oidc";

    /// <summary>Log-out: ends the session server-side and drops the cookie (<see cref="EndableSessions"/>).</summary>
    public static Task EndSessionAsync(HttpContext http) =>
        EndableSessions.EndAsync(http, CookieScheme, http.RequestServices.GetRequiredService<FeeBridgeOptions>().Citizen.SessionMinutes);

    /// <summary>False outside sandbox mode until an OpenID Connect provider is configured.</summary>
    public bool Available => available;

    /// <param name="sandbox">Given by the sandbox host only: then an unset provider means its MitID stand-in.</param>
    public static void Add(WebApplicationBuilder builder, AuthenticationBuilder auth, SandboxMode? sandbox)
    {
        var configured = !string.IsNullOrWhiteSpace(builder.Configuration[$"{FeeBridgeOptions.Section}:Citizen:Authority"]);
        var available = sandbox is not null || configured;
        builder.Services.AddSingleton(new CitizenLogIn(available));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser());
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "feebridge-antiforgery";
            // Secure on HTTPS (every real deployment). Always would refuse every form on a plain-HTTP sandbox.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        auth.AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            // Each session gets an id at log-in; log-out ends it server-side (EndSessionAsync), so a copy of the cookie
            // taken before is refused after, though it decrypts fine and has not expired.
            EndableSessions.Apply(o, CookieScheme);
            // Pages show the start page to anyone not logged in; the JSON twin answers 401, never a redirect.
            o.Events.OnRedirectToLogin = ctx => { ctx.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = ctx => { ctx.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        });
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<FeeBridgeOptions>((o, fb) =>
            o.ExpireTimeSpan = TimeSpan.FromMinutes(fb.Citizen.SessionMinutes));
        if (!available) return;

        auth.AddOpenIdConnect(ProviderScheme, o => CodeFlow.Apply(o, CookieScheme, CallbackPath, "/borger?fejl=log-ind"));
        builder.Services.AddOptions<OpenIdConnectOptions>(ProviderScheme).Configure<FeeBridgeOptions, IServer>((o, fb, server) =>
        {
            var c = fb.Citizen;
            // Unset provider: the sandbox host's stand-in, in this process; its address is known once the server listens.
            var standIn = c.Authority is null ? sandbox : null;
            o.Authority = c.Authority ?? new Uri(OwnAddress.Of(server) ?? new Uri("http://127.0.0.1"), SandboxMode.MitIdPath).ToString().TrimEnd('/');
            o.ClientId = c.ClientId ?? standIn?.MitId.Id ?? throw new InvalidOperationException("FeeBridge:Citizen:ClientId is required.");
            o.ClientSecret = c.ClientSecret ?? standIn?.MitId.Secret;
            // HTTPS for any real provider; plain HTTP only on loopback (the stand-in, in this or its own process).
            o.RequireHttpsMetadata = !(Uri.TryCreate(o.Authority, UriKind.Absolute, out var a) && a.Scheme == "http" && a.IsLoopback);
            o.ResponseMode = c.ResponseMode;
            o.Scope.Clear();
            foreach (var scope in c.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
            o.Events.OnTokenValidated = ctx =>
            {
                var identity = CitizenIdentity.FromProvider(ctx.Principal!, c, CookieScheme);
                if (identity is null) ctx.Fail("The identity provider named neither a CPR nor a CVR number.");
                else ctx.Principal = new ClaimsPrincipal(identity);
                return Task.CompletedTask;
            };
        });
    }
}

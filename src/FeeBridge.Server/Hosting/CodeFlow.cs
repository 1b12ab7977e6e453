using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace FeeBridge.Server.Hosting;

/// <summary>
/// How FeeBridge is an OpenID Connect relying party, for citizens (MitID) and staff alike: the code flow with PKCE into
/// a cookie, nothing of the provider's tokens kept, claims as the provider names them, the correlation and nonce cookies
/// Secure and Lax, and a failed or cancelled sign-in sent back to the start page with a plain message.
/// </summary>
public static class CodeFlow
{
    public static void Apply(OpenIdConnectOptions o, string signInScheme, string callbackPath, string failurePage)
    {
        o.SignInScheme = signInScheme;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        o.MapInboundClaims = false;
        o.SaveTokens = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.CallbackPath = callbackPath;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.Always;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.Always;
        o.Events.OnRemoteFailure = ctx =>
        {
            ctx.Response.Redirect(failurePage);
            ctx.HandleResponse();
            return Task.CompletedTask;
        };
    }
}

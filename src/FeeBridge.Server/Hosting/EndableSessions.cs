using System.Security.Claims;
using System.Security.Cryptography;
using FeeBridge.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace FeeBridge.Server.Hosting;

/// <summary>
/// Cookie sessions that log-out ends on the server, for the citizen's and the staff's cookies alike: each session gets
/// a random id at log-in (in the encrypted cookie); log-out records it as ended (<c>ended_sessions</c>) for as long as
/// any copy of the cookie could still be valid, so a cookie copied before log-out is refused after it, though it
/// decrypts fine and has not expired.
/// </summary>
public static class EndableSessions
{
    /// <summary>The session's id; the key of a log-out.</summary>
    public const string SessionClaim = "feebridge:sid";

    /// <summary>Gives each new session its id, and refuses (and drops) a cookie whose session was ended or has none.</summary>
    public static void Apply(CookieAuthenticationOptions o, string scheme)
    {
        o.Events.OnSigningIn = ctx =>
        {
            if (ctx.Principal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SessionClaim))
                identity.AddClaim(new Claim(SessionClaim, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))));
            return Task.CompletedTask;
        };
        o.Events.OnValidatePrincipal = async ctx =>
        {
            var sid = ctx.Principal?.FindFirstValue(SessionClaim);
            if (sid is null || await ctx.HttpContext.RequestServices.GetRequiredService<FeeBridgeStore>().Sessions.IsEndedAsync(sid, ctx.HttpContext.RequestAborted))
            {
                ctx.RejectPrincipal();
                await ctx.HttpContext.SignOutAsync(scheme);
            }
        };
    }

    /// <summary>
    /// Log-out: ends the session server-side, kept as ended until its cookie would have expired (a sliding session
    /// lives at most <paramref name="sessionMinutes"/> past its last use), and drops the cookie.
    /// </summary>
    public static async Task EndAsync(HttpContext http, string scheme, int sessionMinutes)
    {
        var session = await http.AuthenticateAsync(scheme);
        if (session.Principal?.FindFirstValue(SessionClaim) is { } sid)
        {
            var services = http.RequestServices;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var until = now + TimeSpan.FromMinutes(sessionMinutes);
            if (session.Properties?.ExpiresUtc is { } expires && expires > until) until = expires;
            await services.GetRequiredService<FeeBridgeStore>().Sessions.EndAsync(sid, until, now, http.RequestAborted);
        }
        await http.SignOutAsync(scheme);
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FeeBridge.Server.Citizen.Pages;

/// <summary><c>/borger</c>: the overview for the person logged in; a start page with the log-in button for anyone else.</summary>
public sealed class OverviewModel(CitizenOverviews overviews, CitizenLogIn logIn) : PageModel
{
    public CitizenOverview? Overview { get; private set; }

    /// <summary>The log-in failed or was cancelled (the provider sent the citizen back with an error).</summary>
    public bool LogInFailed { get; private set; }

    public bool LoggedOut { get; private set; }

    public bool LogInAvailable => logIn.Available;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var session = await HttpContext.AuthenticateAsync(CitizenLogIn.CookieScheme);
        LogInFailed = Request.Query.ContainsKey("fejl");
        LoggedOut = Request.Query.ContainsKey("logget-ud");
        if (session.Principal is { } user && CitizenIdentity.From(user) is { } who)
            Overview = await overviews.ForAsync(who, ct);
    }
}

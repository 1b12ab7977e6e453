using Microsoft.AspNetCore.Authentication;

namespace FeeBridge.Server.Citizen;

/// <summary>The log-in redirect and the overview's JSON twin (<c>GET /api/v1/me/claims</c>) for apps.</summary>
public static class CitizenEndpoints
{
    public static void MapCitizen(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet("/borger/log-ind", (CitizenLogIn logIn) => logIn.Available
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = "/borger" }, [CitizenLogIn.ProviderScheme])
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: "Citizen log-in is not configured (FeeBridge:Citizen:Authority)."))
            .ExcludeFromDescription();
        app.MapGet("/api/v1/me/claims", async (HttpContext context, CitizenOverviews overviews, CancellationToken ct) =>
            CitizenIdentity.From(context.User) is { } who
                ? Results.Ok(CitizenJson.From(await overviews.ForAsync(who, ct)))
                : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: "Log in as a citizen first."))
            .RequireAuthorization(CitizenLogIn.Policy)
            .WithSummary("The logged-in citizen's claims: the same content as the /borger page.");
    }
}

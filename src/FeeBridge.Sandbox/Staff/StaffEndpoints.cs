using System.Text.Json;
using FeeBridge.Sandbox.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeeBridge.Sandbox.Staff;

/// <summary>
/// The staff stand-in over HTTP, under <c>/sandbox/staff</c> (CONTRACTS.md §5): discovery, keys, the log-in page and the
/// token endpoint under <c>oauth/</c> (<see cref="OpenIdStandInEndpoints"/>), and, for scripts and tests,
/// <c>POST /sandbox/staff/token</c> <c>{"user":"projektleder"}</c> → <c>{"accessToken","expiresIn"}</c>.
/// </summary>
public static class StaffEndpoints
{
    // The OpenID Connect endpoints sit under oauth/ because /token is the scripts' endpoint; discovery names them.
    private static readonly OpenIdStandInOptions<StaffUser> Options = new()
    {
        BasePath = StaffStandIn.BasePath,
        AuthorizePath = "/oauth/authorize",
        TokenPath = "/oauth/token",
        ClientId = StaffStandIn.ClientId,
        ClientSecret = StaffStandIn.ClientSecret,
        Scopes = ["openid", "profile", "email"],
        Claims = [StaffTokens.SubjectClaim, StaffTokens.NameClaim, StaffTokens.EmailClaim, StaffTokens.RolesClaim],
        // A stand-in: a forged log-in here only logs someone in as a test user, so the page needs no antiforgery token.
        RequireAntiforgery = false,
        RequirePkce = true,
        LogInPage = StaffPickerPage.Render,
        Chosen = form => StaffTestUsers.Find(form["user"]),
        UnknownUser = new("Ukendt bruger", "<p>Vælg en af sandkassens testbrugere, og prøv igen.</p>"),
    };

    public static IServiceCollection AddStaffStandIn(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StaffStandIn>();
        return services;
    }

    public static void MapStaffStandIn(this IEndpointRouteBuilder app)
    {
        var staff = app.MapOpenIdStandIn<StaffStandIn, StaffUser>(Options);
        staff.MapPost("/token", TokenForAsync);
    }

    /// <summary>The body of <c>POST /sandbox/staff/token</c>.</summary>
    private sealed record TokenRequest(string? User);

    private static async Task<IResult> TokenForAsync(HttpContext context, StaffStandIn standIn)
    {
        if (!context.Request.HasJsonContentType())
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, detail: "Body: {\"user\":\"projektleder\"} (Content-Type: application/json).");
        TokenRequest? body;
        try { body = await context.Request.ReadFromJsonAsync<TokenRequest>(context.RequestAborted); }
        catch (JsonException) { body = null; }
        if (body?.User is not { Length: > 0 } userName)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "Body: {\"user\":\"projektleder\"}; user names one of the staff stand-in's test users.");
        if (StaffTestUsers.Find(userName) is not { } user)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"The staff stand-in has no test user '{userName}' (user).");
        var token = standIn.AccessToken(OpenIdStandInEndpoints.Issuer(context.Request, Options), user);
        return Results.Json(new { accessToken = token, expiresIn = StaffTokens.LifetimeSeconds });
    }
}

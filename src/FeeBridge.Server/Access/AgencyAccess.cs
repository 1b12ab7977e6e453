using FeeBridge.Server.Hosting;
using FeeBridge.Application;

namespace FeeBridge.Server.Access;

/// <summary>
/// Endpoint filter for routes under <c>/agencies/{agencyId}</c>: the caller's key must be bound to that agency (else
/// 403), and the agency must be one this deployment serves (else 404).
/// </summary>
public sealed class AgencyAccess(Tenants tenants) : IEndpointFilter
{
    /// <summary>The routes under <c>/api/v1/agencies/{agencyId}</c>: an API key bound to the agency, and this filter.</summary>
    public static RouteGroupBuilder MapAgencyGroup(IEndpointRouteBuilder app, string tag) =>
        app.MapGroup("/api/v1/agencies/{agencyId}")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireClaim(ApiKeyAuthentication.AgencyClaim))
            .AddEndpointFilter<AgencyAccess>()
            .WithTags(tag)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var agencyId = http.GetRouteValue("agencyId") as string ?? "";
        if (!http.User.HasClaim(ApiKeyAuthentication.AgencyClaim, agencyId))
            return Problems.Result(StatusCodes.Status403Forbidden, "Forbidden", "This key is not bound to this agency.");
        if (tenants.Agency(agencyId) is null)
            return Problems.Result(StatusCodes.Status404NotFound, "Unknown agency", "FeeBridge does not serve this agency.");
        return await next(context);
    }
}

using System.Globalization;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Audit;
using FeeBridge.Server.Claims;

namespace FeeBridge.Server.Staff;

/// <summary>
/// The staff API's own calls (base <c>/api/v1/staff</c>, a staff bearer token or session): who the caller is, and
/// the audit log for auditors (CONTRACTS.md §8 <c>GET /audit</c>).
/// </summary>
public static class StaffEndpoints
{
    public sealed record Me(string User, string Name, string? Email, IReadOnlyList<string> Roles);
    public sealed record AuditView(long Id, string At, string Actor, string Action, string Record, string? Reason, string? Detail);

    /// <summary>Every staff route group: signed in as staff, else 401; each endpoint checks the scope (403).</summary>
    public static RouteGroupBuilder MapStaffGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup(prefix).RequireAuthorization(StaffLogIn.Policy).WithTags(tag)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    public static void MapStaffApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapStaffGroup("/api/v1/staff", "Staff");
        staff.MapGet("/me", (HttpContext http) => StaffUser.From(http.User) is { } u
                ? Results.Ok(new Me(u.UserName, u.DisplayName, u.Email, u.Roles.Select(r => r.ToString()).ToList()))
                : Results.Unauthorized())
            .Produces<Me>()
            .WithSummary("The signed-in member of staff and their FeeBridge roles, as mapped from the provider's claims.");
        staff.MapGet("/audit", ListAudit)
            .Produces<IReadOnlyList<AuditView>>()
            .WithSummary("Auditors: the append-only audit log, newest first (who, when, action, record, reason).");
    }

    /// <summary>A 403 with a problem detail that says what the caller lacks (never what the record holds).</summary>
    public static IResult Forbidden(string detail) => Problems.Result(StatusCodes.Status403Forbidden, "Outside your scope", detail);

    private static async Task<IResult> ListAudit(HttpContext http, string? since, string? actor, string? record, long? before, int? limit,
        FeeBridgeStore store, CancellationToken ct)
    {
        var user = StaffUser.From(http.User)!;
        if (!user.MayReadAudit) return Forbidden("Only auditors read the audit log.");
        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            {
                var errors = new FieldErrors();
                errors.Add("since", "Must be an ISO 8601 date and time with offset.");
                return Problems.Validation(errors);
            }
            from = t;
        }
        var entries = await store.Audit.ListAsync(from, actor, record, before, Math.Clamp(limit ?? 100, 1, 1000), ct);
        return Results.Ok(entries.Select(View).ToList());
    }

    private static AuditView View(AuditEntry e) => new(e.Id, ClaimResources.Time(e.At), e.Actor, e.Action, e.Record, e.Reason, e.Detail);
}

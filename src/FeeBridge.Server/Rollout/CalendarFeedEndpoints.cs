using System.Security.Cryptography;
using System.Text.Json;
using FeeBridge.Persistence;
using FeeBridge.Rollout.Calendar;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Server.Staff;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// Calendar links per person: a municipality's project leader makes (or renews) the link for a person of its role
/// gallery, and that person's calendar program subscribes to it. A calendar program cannot sign in, so the link's
/// secret token is the credential: it is shown once, only its SHA-256 is stored (<see cref="CalendarFeedTokens"/>),
/// renewing replaces it (the old link is then 404), and it is never written to a log or the audit.
/// </summary>
public static class CalendarFeedEndpoints
{
    /// <summary>The feed's path under <c>/api/v1/rollout</c>; the token is the file name.</summary>
    public const string FeedPath = "/calendar/{token}.ics";

    public sealed record FeedLink(string Url);

    public static void MapCalendarFeeds(this RouteGroupBuilder rollout, IEndpointRouteBuilder app, string prefix)
    {
        rollout.MapPost("/municipalities/{kommunekode}/calendar-feeds", Issue)
            .Produces<FeedLink>(StatusCodes.Status201Created).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("{email}: a calendar link (shown once) for a person of the role gallery; asking again renews it and ends the old one.");
        // No staff sign-in: the secret in the link is what opens it.
        app.MapGet(prefix + FeedPath, Feed).AllowAnonymous().WithTags("Rollout")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A person's task deadlines as iCalendar (RFC 5545), for their calendar program; the link is the credential.");
    }

    private static async Task<IResult> Issue(HttpContext http, string kommunekode, FeeBridgeStore store, StaffAudit audit, TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: true, out var code) is { } denied) return denied;
        var (doc, problem) = await JsonBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        using var _ = doc;
        var errors = new FieldErrors();
        var root = doc!.RootElement;
        EmailAddress email = default;
        if (root.ValueKind != JsonValueKind.Object) errors.Add("$", "Must be {\"email\"}.");
        else
        {
            foreach (var p in root.EnumerateObject())
                if (p.Name != "email") errors.Add(p.Name, "Not a field of a calendar link request.");
            if (!root.TryGetProperty("email", out var e) || e.ValueKind != JsonValueKind.String) errors.Add("email", "Required: the person's e-mail address.");
            else if (!EmailAddress.TryParse(e.GetString(), out email, out var why)) errors.Add("email", why ?? "Not an e-mail address.");
        }
        if (errors.Any) return Problems.Validation(errors);

        var gallery = (await store.Rollout.Organisations.FindAsync(code, ct))?.Organisation ?? MunicipalOrganisation.Empty;
        if (!gallery.Contains(email))
        {
            errors.Add("email", "The person is not in the municipality's role gallery (organisation).");
            return Problems.Validation(errors);
        }
        var earlier = await store.Rollout.FeedTokens.FindAsync(code, email, ct);
        using var random = RandomNumberGenerator.Create();
        var issued = CalendarFeedTokens.Issue(email, random, clock.GetUtcNow());
        await store.Rollout.FeedTokens.SaveAsync(code, issued.Record, ct);
        await audit.RecordAsync(MunicipalityScope.User(http), earlier is null ? "rollout.calendar-feed.issued" : "rollout.calendar-feed.renewed",
            $"rollout/{code}/calendar-feeds/{email}", null, earlier is null ? null : "the earlier link no longer works", ct);

        http.Response.Headers.CacheControl = "no-store";
        var url = $"{Origin(http.Request)}/api/v1/rollout{FeedPath.Replace("{token}", issued.Token, StringComparison.Ordinal)}";
        return Results.Json(new FeedLink(url), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Feed(HttpContext http, string token, FeeBridgeStore store, TimeProvider clock, CancellationToken ct)
    {
        // A wrong, renewed or revoked link is simply not there; the answer never says which.
        var owner = await store.Rollout.FeedTokens.FindByHashAsync(CalendarFeedTokens.LookupHash(token), ct);
        if (owner is null || !CalendarFeedTokens.Matches(owner.Record, token)) return NoFeed();
        var code = owner.Municipality;
        var gallery = (await store.Rollout.Organisations.FindAsync(code, ct))?.Organisation ?? MunicipalOrganisation.Empty;
        if (!gallery.Contains(owner.Record.Owner)) return NoFeed(); // left the gallery: the link ends with it
        var tasks = await store.Rollout.Tasks.ForMunicipalityAsync(code, null, null, MunicipalityScope.Today(clock), ct);
        var pages = new Uri($"{Origin(http.Request)}/api/v1/rollout/municipalities/{code}/tasks/");
        var ics = TaskCalendarFeed.Build(owner.Record.Owner, tasks, pages, clock.GetUtcNow(), gallery);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Text(ics, "text/calendar; charset=utf-8");
    }

    private static string Origin(HttpRequest r) => $"{r.Scheme}://{r.Host}{r.PathBase}";

    private static IResult NoFeed() => Problems.Result(StatusCodes.Status404NotFound, "No such calendar", "This calendar link does not work (any more).");
}

using System.Text.Json;
using FeeBridge.LibrarySystem.Webhooks;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Inbox;
using FeeBridge.Persistence.Notices;
using FeeBridge.Persistence.Queues;
using FeeBridge.Server.Access;
using FeeBridge.Server.Claims;
using FeeBridge.Server.Hosting;
using FeeBridge.Application;
using FeeBridge.Application.LibrarySystem;


namespace FeeBridge.Server.LibrarySystem;

/// <summary>
/// Extensions of the Claims API (README, API section): the agency's webhook, the delivery log of what the library
/// side was told (and what waits for staff), and the debtor system's reports for the agency's municipality,
/// refused ones included.
/// </summary>
public static class LibraryEndpoints
{
    public sealed record WebhookBody(string? Url, string? Secret);
    public sealed record WebhookView(string Url, string CreatedAt, string? Secret);

    /// <summary>A debtor-system report as the agency sees it; money as "150.00" (CONTRACTS.md §0), never a JSON object.</summary>
    public sealed record ReportView(long Id, Guid HaendelseId, string Municipality, string FagsystemFordringId, string Type, string Beloeb,
        string ValueDate, string Restsaldo, string State, string? Reason, string ReceivedAt)
    {
        public static ReportView Of(InboxView v) => new(v.Id, v.HaendelseId, v.Municipality, v.FagsystemFordringId, v.Type, v.Beloeb.ToString(),
            v.ValueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), v.Restsaldo.ToString(), v.State, v.Reason,
            ClaimResources.Time(v.ReceivedAt));
    }

    public static void MapLibraryApi(this IEndpointRouteBuilder app)
    {
        var agency = AgencyAccess.MapAgencyGroup(app, "Library callbacks");

        agency.MapPut("/webhook", PutWebhook)
            .Accepts<WebhookBody>("application/json")
            .Produces<WebhookView>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Register (or replace) the agency's webhook; without a secret one is made and shown once.");
        agency.MapGet("/webhook", async (string agencyId, FeeBridgeStore store, CancellationToken ct) =>
                await store.Notices.WebhookAsync(agencyId, ct) is { } w
                    ? Results.Ok(new WebhookView(w.Url.ToString(), ClaimResources.Time(w.CreatedAt), null))
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "The agency has no webhook."))
            .Produces<WebhookView>()
            .WithSummary("The agency's webhook (the secret is never shown again).");
        agency.MapDelete("/webhook", async (string agencyId, FeeBridgeStore store, TimeProvider clock, CancellationToken ct) =>
                await store.Notices.DeleteWebhookAsync(agencyId, clock.GetUtcNow(), ct) ? Results.NoContent()
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "The agency has no webhook."))
            .WithSummary("Remove the webhook; callbacks still pending for it are withdrawn.");
        agency.MapGet("/notices", ListNotices)
            .Produces<IReadOnlyList<NoticeView>>()
            .WithSummary("The delivery log: what FBS and the webhook were told, every attempt, and what waits for staff (state=attention).");
        agency.MapGet("/debtor-reports", ListReports)
            .Produces<IReadOnlyList<ReportView>>()
            .WithSummary("The debtor system's reports on the agency's claims; state=refused lists those answered Afvist, with the reason.");
    }

    private static async Task<IResult> PutWebhook(string agencyId, HttpRequest request, FeeBridgeStore store, LibraryConnections connections, TimeProvider clock, CancellationToken ct)
    {
        var (doc, problem) = await JsonBody.ReadAsync(request);
        if (problem is not null) return problem;
        using var _ = doc;
        var errors = new FieldErrors();
        var root = doc!.RootElement;
        var url = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        var secret = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("secret", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            errors.Add("url", "Must be an absolute http(s) URL.");
        else if (await connections.WebhookAddresses.RefusalAsync(uri, ct) is { } refusal)
            errors.Add("url", refusal);
        if (secret is not null && secret.Length < 16) errors.Add("secret", "Must be at least 16 characters.");
        if (errors.Any) return Problems.Validation(errors);

        var made = secret is null;
        var hook = new Webhook(agencyId, uri!, secret ?? WebhookSignature.NewSecret(), clock.GetUtcNow());
        await store.Notices.SaveWebhookAsync(hook, ct);
        return Results.Ok(new WebhookView(hook.Url.ToString(), ClaimResources.Time(hook.CreatedAt), made ? hook.Secret : null));
    }

    private static async Task<IResult> ListNotices(string agencyId, string? state, string? claimId, long? before, int? limit, FeeBridgeStore store, CancellationToken ct)
    {
        if (!StateFilter(state, out NoticeState? filter)) return UnknownState<NoticeState>();
        return Results.Ok(await store.Notices.ListAsync(agencyId, filter, claimId, before, Math.Clamp(limit ?? 50, 1, 500), ct));
    }

    // By agency, not municipality: a key for one agency must not list another agency's payments (issue 14).
    private static async Task<IResult> ListReports(string agencyId, string? state, long? before, int? limit, Tenants tenants, FeeBridgeStore store, CancellationToken ct)
    {
        if (!StateFilter(state, out InboxState? filter)) return UnknownState<InboxState>();
        return Results.Ok((await store.Inbox.ListAsync(agencyId, tenants.Agency(agencyId)!.Municipality.Value, filter, before, Math.Clamp(limit ?? 50, 1, 500), ct))
            .Select(ReportView.Of).ToList());
    }

    /// <summary>No filter, or a state's exact name; false for anything else.</summary>
    private static bool StateFilter<T>(string? text, out T? filter) where T : struct, Enum
    {
        filter = null;
        if (text is null) return true;
        if (!QueueStates.TryParse(text, out T s)) return false;
        filter = s;
        return true;
    }

    private static IResult UnknownState<T>() where T : struct, Enum
    {
        var errors = new FieldErrors();
        errors.Add("state", $"Must be one of: {QueueStates.Names<T>()}.");
        return Problems.Validation(errors);
    }
}

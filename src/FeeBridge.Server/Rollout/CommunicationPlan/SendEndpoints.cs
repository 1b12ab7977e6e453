using System.Text.Json;
using FeeBridge.Application.Rollout.Sending;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Staff;

namespace FeeBridge.Server.Rollout.CommunicationPlan;

/// <summary>
/// Sending from the plan (issue 16 part 4): <c>POST …/communication-plan/rows/{rowId}/sends</c> records the send and its
/// recipients and answers 202 at once; the sender (<see cref="CommunicationSender"/>) works it off, each recipient once.
/// The idempotency key (header <c>Idempotency-Key</c> or field <c>idempotencyKey</c>) is required: the same key again
/// answers 200 with the first send, never a second one (409 if it is asked for something else). The project leader
/// sends; KOMBIT reads what was sent.
/// </summary>
public static class SendEndpoints
{
    private const string Base = "/municipalities/{kommunekode}/communication-plan";

    public static RouteGroupBuilder MapCommunicationSends(this RouteGroupBuilder rollout)
    {
        rollout.MapPost(Base + "/rows/{rowId}/sends", Send).Accepts<SendBody>("application/json")
            .Produces<SendJson>(StatusCodes.Status202Accepted).Produces<SendJson>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Send the row's message: {channel:email, subject, text, roles?, addresses?} or {channel:sms, text, numbers}; Idempotency-Key required.");
        rollout.MapGet(Base + "/sends", Sends).Produces<IReadOnlyList<SendJson>>()
            .WithSummary("What was sent from the plan, newest first, with each recipient's delivery.");
        rollout.MapGet(Base + "/sends/{sendId}", OneSend).Produces<SendJson>()
            .WithSummary("One send with each recipient's delivery (accepted, delivered, failed with the reason).");
        return rollout;
    }

    /// <summary>Records a checked send (or finds the one under its key) and wakes the sender; what the API and the page share.</summary>
    public static async Task<(StoredSend Send, bool Created)> RecordAsync(FeeBridgeStore store, CommunicationSendSignal signal, StaffAudit audit, StaffUser user,
        Kommunekode code, string rowId, string key, CheckedSend send, DateTimeOffset now, CancellationToken ct)
    {
        var (stored, created) = await store.Rollout.CommunicationSends.RecordAsync(code, key, rowId, send.Channel, send.Subject, send.Text, send.Recipients,
            new TaskActor(user.UserName, now), ct);
        if (created)
        {
            await audit.RecordAsync(user, "rollout.communication.sent", $"rollout/{code}/communication-plan/{rowId}/sends/{stored.SendId}", null,
                $"{send.Channel} to {send.Recipients.Count} recipients", ct);
            signal.Raise();
        }
        return (stored, created);
    }

    private static async Task<IResult> Send(HttpContext http, string kommunekode, string rowId, CommunicationPlans plans, CommunicationSender sender,
        CommunicationSendSignal signal, FeeBridgeStore store, StaffAudit audit, TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: true, out var code) is { } denied) return denied;
        var user = MunicipalityScope.User(http);
        var (doc, problem) = await JsonBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        SendBody? body;
        using (doc)
        {
            try { body = doc!.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Deserialize<SendBody>(RolloutJson.Options) : null; }
            catch (JsonException) { body = null; }
        }
        var errors = new FieldErrors();
        if (body is null)
        {
            errors.Add("$", "Must be {channel, subject?, text, roles?, addresses?, numbers?, idempotencyKey?}.");
            return Problems.Validation(errors);
        }
        var key = (http.Request.Headers["Idempotency-Key"].FirstOrDefault() ?? body.IdempotencyKey ?? "").Trim();
        if (key.Length is 0 or > 200) errors.Add("idempotencyKey", "Required (header Idempotency-Key or field idempotencyKey), at most 200 characters.");
        var view = await plans.ReadAsync(code, user.UserName, ct);
        if (view.Rows.All(r => r.Row.RowId != rowId))
            return Problems.Result(StatusCodes.Status404NotFound, "No such row", "The plan has no row with this id.");
        var outcome = SendRequest.Check(body, view.Gallery, sender.CanMail, sender.CanSms);
        foreach (var r in outcome.Refusals) errors.Add(r.Field, r.Reason);
        if (errors.Any) return Problems.Validation(errors);

        var (stored, created) = await RecordAsync(store, signal, audit, user, code, rowId, key, outcome.Value!, clock.GetUtcNow(), ct);
        var location = $"/api/v1/rollout/municipalities/{code}/communication-plan/sends/{stored.SendId}";
        if (created) return Results.Accepted(location, SendJson.From(stored));
        if (stored.RowId != rowId || stored.Channel != outcome.Value!.Channel || stored.Text != outcome.Value.Text)
            return Problems.Result(StatusCodes.Status409Conflict, "Key used", "This idempotency key was used for another send; use a new key for a new send.");
        return Results.Ok(SendJson.From(stored));
    }

    private static async Task<IResult> Sends(HttpContext http, string kommunekode, FeeBridgeStore store, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        return Results.Ok((await store.Rollout.CommunicationSends.SendsAsync(code, ct)).Select(SendJson.From).ToList());
    }

    private static async Task<IResult> OneSend(HttpContext http, string kommunekode, string sendId, FeeBridgeStore store, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        return await store.Rollout.CommunicationSends.FindAsync(code, sendId, ct) is { } send
            ? Results.Ok(SendJson.From(send))
            : Problems.Result(StatusCodes.Status404NotFound, "No such send", "The plan has no send with this id.");
    }
}

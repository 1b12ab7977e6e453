using System.Text.Json;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Staff;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// A municipality's own tasks beside KOMBIT's (DOMAIN.md §8 "adds local tasks"): <c>POST
/// /municipalities/{kommunekode}/tasks</c> <c>{"project","title","phase"?,"theme"?,"waves"?,"goal"?,"description"?}</c> →
/// 201 the task; afterwards it is changed like any other (PATCH), and it follows no master.
/// </summary>
public static class LocalTaskEndpoints
{
    public sealed record LocalTaskBody(string? Project, string? Title, string? Phase, string? Theme, IReadOnlyList<string>? Waves, string? Goal, string? Description);

    public static RouteGroupBuilder MapLocalTasks(this RouteGroupBuilder rollout)
    {
        rollout.MapPost("/municipalities/{kommunekode}/tasks", Add)
            .Accepts<LocalTaskBody>("application/json")
            .Produces<MunicipalTaskJson>(StatusCodes.Status201Created).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("The project leader adds a local task to the municipality's list.");
        return rollout;
    }

    private static async Task<IResult> Add(HttpContext http, string kommunekode, FeeBridgeStore store, StaffAudit audit, TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: true, out var code) is { } denied) return denied;
        var (doc, problem) = await JsonBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        using var _ = doc;
        LocalTaskBody? body;
        try { body = doc!.RootElement.Deserialize<LocalTaskBody>(RolloutJson.Options); }
        catch (JsonException) { body = null; }
        var errors = new FieldErrors();
        if (body is null)
        {
            errors.Add("$", "Must be {\"project\",\"title\",\"phase\"?,\"theme\"?,\"waves\"?,\"goal\"?,\"description\"?}.");
            return Problems.Validation(errors);
        }
        if (body.Project is not null && Application.Rollout.MasterTaskImports.Projects.Find(body.Project) is null) errors.Add("project", "Not a known project (fbs-debitorintegration, fbs2).");
        if (errors.Any) return Problems.Validation(errors);

        var user = MunicipalityScope.User(http);
        var taskId = $"{code}-l{Guid.CreateVersion7():N}";
        var draft = new LocalTaskDraft(body.Project ?? "", body.Title, body.Phase ?? "", body.Theme ?? "", body.Waves, body.Goal ?? "", body.Description ?? "");
        var created = TaskCommands.NewLocal(taskId, code, draft, new TaskActor(user.UserName, clock.GetUtcNow()));
        if (!created.IsAccepted)
        {
            foreach (var r in created.Refusals) errors.Add(r.Field, r.Reason);
            return Problems.Validation(errors);
        }
        var write = await store.Rollout.Tasks.AddLocalAsync(created.Value!, ct);
        if (!write.Succeeded) return Problems.Result(StatusCodes.Status409Conflict, "Not added", write.Problem ?? "The task could not be added.");
        await audit.RecordAsync(user, "rollout.task.added", $"rollout/{code}/{taskId}", null, write.Task!.Fields.Title, ct);
        return Results.Created($"/api/v1/rollout/municipalities/{code}/tasks/{taskId}", MunicipalTaskJson.From(write.Task, MunicipalityScope.Today(clock), []));
    }
}

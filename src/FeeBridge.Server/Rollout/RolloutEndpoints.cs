using System.Globalization;
using System.Text.Json;
using FeeBridge.Application.Rollout;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Staff;
using FeeBridge.Server.WorkingGroups;
using FeeBridge.Server.Rollout.ReminderChoices;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// The rollout workspace API (CONTRACTS.md §6, base <c>/api/v1/rollout</c>, staff sign-in): master tasks imported
/// from KOMBIT's documents, each municipality's copies and local tasks, its role gallery, and KOMBIT's progress.
/// A project leader reads and changes only their own municipality; KOMBIT and administrators read all and import.
/// Every change is in the task's history and in the audit log.
/// </summary>
public static class RolloutEndpoints
{
    public sealed record ImportAnswer(IReadOnlyList<MasterTaskJson> Tasks);

    public static void MapRolloutApi(this IEndpointRouteBuilder app)
    {
        var rollout = app.MapStaffGroup("/api/v1/rollout", "Rollout");
        rollout.MapPost("/projects/{project}/master-tasks/import", Import)
            .Produces<ImportAnswer>().ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("KOMBIT/admin: import KLIK master task documents (text/plain, text/html, application/pdf or multipart); dryRun=true previews.");
        rollout.MapGet("/projects/{project}/master-tasks", MasterTasks)
            .Produces<IReadOnlyList<MasterTaskJson>>()
            .WithSummary("The project's master tasks, newest version each.");
        rollout.MapGet("/projects/{project}/progress", Progress)
            .WithSummary("Per municipality: done/total, overdue, by phase, theme and wave; the national totals.");
        rollout.MapGet("/municipalities/{kommunekode}/tasks", Tasks)
            .Produces<IReadOnlyList<MunicipalTaskJson>>()
            .WithSummary("The municipality's copies of the master tasks and its local tasks; filter by project, phase, theme, wave, status, person, overdue.");
        rollout.MapGet("/municipalities/{kommunekode}/tasks/{taskId}", Task)
            .Produces<MunicipalTaskJson>()
            .WithSummary("One task with its evidence.");
        rollout.MapGet("/municipalities/{kommunekode}/tasks/{taskId}/history", History)
            .Produces<IReadOnlyList<HistoryJson>>()
            .WithSummary("Every change to the task, oldest first.");
        rollout.MapPatch("/municipalities/{kommunekode}/tasks/{taskId}", Patch)
            .Produces<MunicipalTaskJson>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("{status?, reason?, accountable?, performer?, deadline?, note?}: all of it or none; kept in the history.");
        rollout.MapGet("/municipalities/{kommunekode}/organisation", Organisation)
            .Produces<OrganisationJson>()
            .WithSummary("The role gallery and competences of task 23, with warnings.");
        rollout.MapPut("/municipalities/{kommunekode}/organisation", PutOrganisation)
            .Produces<OrganisationJson>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Replace the role gallery (warnings are computed, not taken).");
        rollout.MapTaskListExtras(app);
        rollout.MapLocalTasks();
        rollout.MapProgressExports();
        rollout.MapSmsSegments();
        rollout.MapWorkflowBpmn();
        rollout.MapReminderChoices();
        CommunicationPlan.CommunicationPlanEndpoints.MapCommunicationPlan(rollout);
        CommunicationPlan.SendEndpoints.MapCommunicationSends(rollout);
        rollout.MapDrafts();
        rollout.MapFaq();
        app.MapWorkingGroupApi();
    }

    private static async Task<IResult> Import(HttpContext http, string project, bool? dryRun, MasterTaskImports imports, StaffAudit audit, CancellationToken ct)
    {
        var user = MunicipalityScope.User(http);
        if (!user.MayImportMasterTasks) return StaffEndpoints.Forbidden("Only KOMBIT and administrators import master tasks.");
        if (MasterTaskImports.Projects.Find(project) is null) return NoProject();
        var (documents, problem) = await ImportDocuments.ReadAsync(http.Request);
        if (problem is not null) return problem;
        var result = (await imports.ImportAsync(project, [.. documents!.Select(d => (d.Name, d.Document))], dryRun ?? false, user.UserName, ct))!;
        if (result.Where(d => d.Refused is not null).ToList() is { Count: > 0 } refused)
        {
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not a KLIK task",
                detail: string.Join(" ", refused.Select(r => $"{r.Name}: {r.Refused!.Message}")),
                extensions: new Dictionary<string, object?> { ["documents"] = refused.Select(r => new { name = r.Name, reason = r.Refused!.Message, code = r.Refused.Reason.ToString() }).ToList() });
        }
        foreach (var d in result.Where(d => d.Saved is { Kind: not MasterTaskImportKind.Unchanged }))
            await audit.RecordAsync(user, "rollout.master-task.imported", $"rollout/{project}/{d.Saved!.Master.MasterKey}", null,
                $"version {d.Saved.Master.Fields.Version}; {d.Saved.CopiesWritten} copies", ct);
        return Results.Ok(new ImportAnswer([.. result.Select(d => MasterTaskJson.From(d.Draft!, d.Saved?.Master.Fields.Version))]));
    }

    private static async Task<IResult> MasterTasks(string project, FeeBridgeStore store, CancellationToken ct)
    {
        if (MasterTaskImports.Projects.Find(project) is null) return NoProject();
        var tasks = await store.Rollout.MasterTasks.NewestAsync(project, ct);
        return Results.Ok(tasks.Select(t => MasterTaskJson.From(t.Fields)).ToList());
    }

    private static async Task<IResult> Progress(HttpContext http, string project, FeeBridgeStore store, RolloutJsonCache json, TimeProvider clock, CancellationToken ct)
    {
        if (!MunicipalityScope.User(http).SeesEveryMunicipality) return StaffEndpoints.Forbidden("Only KOMBIT and administrators follow every municipality.");
        if (MasterTaskImports.Projects.Find(project) is null) return NoProject();
        return json.Progress(await store.Rollout.Progress.ProgressAsync(project, MunicipalityScope.Today(clock), ct));
    }

    private static async Task<IResult> Tasks(HttpContext http, string kommunekode, string? project, string? phase, string? theme, string? wave,
        string? status, string? person, bool? overdue, FeeBridgeStore store, RolloutJsonCache json, TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        var (filter, problem) = MunicipalityScope.Filter(phase, theme, wave, status, person, overdue);
        if (problem is not null) return problem;
        var today = MunicipalityScope.Today(clock);
        var tasks = await store.Rollout.Tasks.ForMunicipalityAsync(code, project, filter, today, ct);
        var evidence = await EvidenceOf(store, code, ct);
        return json.TaskList(tasks, today, evidence);
    }

    private static async Task<IResult> Task(HttpContext http, string kommunekode, string taskId, FeeBridgeStore store, TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        if (await store.Rollout.Tasks.FindAsync(code, taskId, ct) is not { } task) return MunicipalityScope.NoTask();
        var evidence = await EvidenceOf(store, code, ct);
        return Results.Ok(MunicipalTaskJson.From(task, MunicipalityScope.Today(clock), evidence(task)));
    }

    private static async Task<IResult> History(HttpContext http, string kommunekode, string taskId, FeeBridgeStore store, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        // Every task has its creation in its history, so none at all means the municipality has no such task.
        var history = await store.Rollout.Tasks.HistoryAsync(code, taskId, ct);
        if (history.Count == 0) return MunicipalityScope.NoTask();
        return Results.Ok(history.Select(h => new HistoryJson(h.Who, Claims.ClaimResources.Time(h.At), h.Field, h.Before, h.After)).ToList());
    }

    private static async Task<IResult> Patch(HttpContext http, string kommunekode, string taskId, FeeBridgeStore store, StaffAudit audit,
        TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: true, out var code) is { } denied) return denied;
        var (doc, problem) = await JsonBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        using var _ = doc;
        var (patch, errors) = ReadPatch(doc!.RootElement);
        if (errors.Any) return Problems.Validation(errors);
        if (await store.Rollout.Tasks.FindAsync(code, taskId, ct) is not { } task) return MunicipalityScope.NoTask();

        var changed = await TaskChanges.ApplyAsync(store, audit, MunicipalityScope.User(http), task, patch, clock.GetUtcNow(), ct);
        if (changed.Conflict is { } conflict) return Problems.Result(StatusCodes.Status409Conflict, "The task changed meanwhile", conflict);
        if (!changed.Succeeded)
        {
            var refused = new FieldErrors();
            foreach (var r in changed.Refusals) refused.Add(r.Field, r.Reason);
            return Problems.Validation(refused);
        }
        var evidence = await EvidenceOf(store, code, ct);
        return Results.Ok(MunicipalTaskJson.From(changed.Task!, MunicipalityScope.Today(clock), evidence(changed.Task!)));
    }

    private static (TaskPatch Patch, FieldErrors Errors) ReadPatch(JsonElement body)
    {
        var errors = new FieldErrors();
        var patch = new TaskPatch();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "Must be a JSON object.");
            return (patch, errors);
        }
        string? Text(string name)
        {
            if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind == JsonValueKind.String) return v.GetString();
            errors.Add(name, "Must be a string.");
            return null;
        }
        PatchField<string?> Field(string name) => body.TryGetProperty(name, out var v)
            ? v.ValueKind is JsonValueKind.Null ? PatchField<string?>.Set(null)
                : v.ValueKind is JsonValueKind.String ? PatchField<string?>.Set(v.GetString())
                : Invalid(name)
            : default;
        PatchField<string?> Invalid(string name) { errors.Add(name, "Must be a string or null."); return default; }
        foreach (var p in body.EnumerateObject())
            if (p.Name is not ("status" or "reason" or "accountable" or "performer" or "deadline" or "note")) errors.Add(p.Name, "Not a field of a task change.");
        patch = new TaskPatch
        {
            Status = Text("status"),
            Reason = Text("reason"),
            Note = Text("note"),
            Accountable = Field("accountable"),
            Performer = Field("performer"),
            Deadline = Field("deadline"),
        };
        return (patch, errors);
    }

    private static async Task<IResult> Organisation(HttpContext http, string kommunekode, FeeBridgeStore store, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        var stored = await store.Rollout.Organisations.FindAsync(code, ct);
        var organisation = stored?.Organisation ?? MunicipalOrganisation.Empty;
        return Results.Ok(OrganisationJson.From(organisation, await WarningsAsync(store, organisation, ct), stored?.Version));
    }

    private static async Task<IResult> PutOrganisation(HttpContext http, string kommunekode, FeeBridgeStore store, StaffAudit audit, TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: true, out var code) is { } denied) return denied;
        var (doc, problem) = await JsonBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        using var _ = doc;
        OrganisationDraft? draft;
        try
        {
            draft = doc!.RootElement.Deserialize<OrganisationDraft>(RolloutJson.Options);
        }
        catch (JsonException)
        {
            draft = null;
        }
        if (draft is null)
        {
            var errors = new FieldErrors();
            errors.Add("$", "Must be {\"roles\":[{\"role\",\"people\":[{\"name\",\"email\",\"primary\"}]}],\"competences\":[{\"competence\",\"coveredBy\":[email],\"from\"?}]}.");
            return Problems.Validation(errors);
        }
        var validated = OrganisationValidation.Validate(draft with { Roles = draft.Roles ?? [], Competences = draft.Competences ?? [] });
        if (!validated.IsAccepted)
        {
            var errors = new FieldErrors();
            foreach (var r in validated.Refusals) errors.Add(r.Field, r.Reason);
            return Problems.Validation(errors);
        }
        var user = MunicipalityScope.User(http);
        var write = await store.Rollout.Organisations.SaveAsync(code, validated.Value!, null, new TaskActor(user.UserName, clock.GetUtcNow()), ct);
        await audit.RecordAsync(user, "rollout.organisation.saved", $"rollout/{code}/organisation", null, $"version {write.Current.Version}", ct);
        return Results.Ok(OrganisationJson.From(write.Current.Organisation, await WarningsAsync(store, write.Current.Organisation, ct), write.Current.Version));
    }

    private static async Task<IReadOnlyList<OrganisationWarning>> WarningsAsync(FeeBridgeStore store, MunicipalOrganisation organisation, CancellationToken ct)
    {
        var bounced = await store.Rollout.Organisations.BouncedAsync([.. organisation.People.Select(p => p.Email)], ct);
        return OrganisationWarnings.Of(organisation, bounced.Select(b => b.Address).ToHashSet());
    }

    /// <summary>Per task, what FeeBridge checked for it (the latest result of each check the task requires).</summary>
    private static async Task<Func<MunicipalTask, IReadOnlyList<EvidenceJson>>> EvidenceOf(FeeBridgeStore store, Kommunekode code, CancellationToken ct)
    {
        var latest = await store.Rollout.Evidence.LatestAsync(code, ct);
        return task => [.. EvidenceVerdict.For(task, EvidenceRules.Default, latest).Latest.Select(r =>
            new EvidenceJson(EvidenceChecks.Of(r.CheckId).Id, EvidenceChecks.Of(r.CheckId).Title, r.Passed, r.Detail, Claims.ClaimResources.Time(r.CheckedAt)))];
    }

    internal static IResult NoProject() => Problems.Result(StatusCodes.Status404NotFound, "No such project", "Known projects: fbs-debitorintegration, fbs2.");

}

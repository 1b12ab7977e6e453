using System.Text.Json;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Communication.Plan;
using FeeBridge.Rollout.Pdf;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Staff;

namespace FeeBridge.Server.Rollout.CommunicationPlan;

/// <summary>
/// The communication plan (issue 16 part 1), base <c>/municipalities/{kommunekode}/communication-plan</c>: read (the
/// default plan generated on the first read), add, change and delete rows (all of a row or nothing, 422 saying what is
/// wrong), its history, and the XLSX and PDF exports. Access as for the municipality's tasks: its project leader reads
/// and changes, KOMBIT and administrators read. Every change is in the plan's history and the audit log.
/// </summary>
public static class CommunicationPlanEndpoints
{
    private const string Base = "/municipalities/{kommunekode}/communication-plan";

    public static RouteGroupBuilder MapCommunicationPlan(this RouteGroupBuilder rollout)
    {
        rollout.MapGet(Base, Plan).Produces<PlanJson>()
            .WithSummary("The municipality's communication plan: rows with resolved dates and overdue; generated from tasks 26/27 and the configuration on first read.");
        rollout.MapPost(Base + "/seen", Seen).Produces<PlanJson>()
            .WithSummary("Today's facts count as seen for the plan: its changedFacts are empty until a fact changes again (audited).");
        rollout.MapPost(Base + "/rows", Add).Accepts<PlanRowDraft>("application/json")
            .Produces<PlanRowJson>(StatusCodes.Status201Created).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Add a row {occasion, audiences, keyMessages, aim, channel, actions, owner, date | milestone+offsetDays, status}.");
        rollout.MapPut(Base + "/rows/{rowId}", Put).Accepts<PlanRowDraft>("application/json")
            .Produces<PlanRowJson>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Replace a row (the same fields; revision? refuses with 409 when it was changed since).");
        rollout.MapDelete(Base + "/rows/{rowId}", Delete).Produces(StatusCodes.Status204NoContent)
            .WithSummary("Delete a row; its history stays.");
        rollout.MapGet(Base + "/history", History).Produces<IReadOnlyList<PlanHistoryJson>>()
            .WithSummary("Every change of the plan, oldest first.");
        rollout.MapGet(Base + ".xlsx", Xlsx).Produces(StatusCodes.Status200OK, contentType: TaskListXlsx.ContentType)
            .WithSummary("The plan as an Excel workbook.");
        rollout.MapGet(Base + ".pdf", Pdf).Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithSummary("The plan as PDF.");
        return rollout;
    }

    private static async Task<IResult> Plan(HttpContext http, string kommunekode, CommunicationPlans plans, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        return Results.Ok(PlanJson.From(await plans.ReadAsync(code, MunicipalityScope.User(http).UserName, ct)));
    }

    private static async Task<IResult> Seen(HttpContext http, string kommunekode, CommunicationPlans plans, StaffAudit audit, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: true, out var code) is { } denied) return denied;
        var user = MunicipalityScope.User(http);
        await plans.ReadAsync(code, user.UserName, ct); // the default plan exists before its facts are marked seen
        await plans.MarkSeenAsync(code, user.UserName, ct);
        await audit.RecordAsync(user, "rollout.communication-plan.facts-seen", $"rollout/{code}/communication-plan", null, null, ct);
        return Results.Ok(PlanJson.From(await plans.ReadAsync(code, user.UserName, ct)));
    }

    private static async Task<IResult> Add(HttpContext http, string kommunekode, CommunicationPlans plans, FeeBridgeStore store, StaffAudit audit,
        TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: true, out var code) is { } denied) return denied;
        var user = MunicipalityScope.User(http);
        var (draft, _, problem) = await ReadDraftAsync(http.Request);
        if (problem is not null) return problem;
        await plans.ReadAsync(code, user.UserName, ct); // a first write after no read still starts from the default plan
        var outcome = PlanRowValidation.Validate(draft!, CommunicationPlans.NewRowId(), await plans.GalleryAsync(code, ct));
        if (!outcome.IsAccepted) return Refused(outcome.Refusals);
        var stored = await store.Rollout.CommunicationPlans.AddAsync(code, outcome.Value, new TaskActor(user.UserName, clock.GetUtcNow()), ct);
        await audit.RecordAsync(user, "rollout.communication-plan.row-added", Record(code, stored.Row.RowId), null, stored.Row.Occasion, ct);
        var view = await plans.ReadAsync(code, user.UserName, ct);
        return Results.Created($"/api/v1/rollout/municipalities/{code}/communication-plan/rows/{stored.Row.RowId}", PlanRowJson.From(stored, view));
    }

    private static async Task<IResult> Put(HttpContext http, string kommunekode, string rowId, CommunicationPlans plans, FeeBridgeStore store,
        StaffAudit audit, TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: true, out var code) is { } denied) return denied;
        var user = MunicipalityScope.User(http);
        var (draft, revision, problem) = await ReadDraftAsync(http.Request);
        if (problem is not null) return problem;
        var view = await plans.ReadAsync(code, user.UserName, ct);
        if (view.Rows.All(r => r.Row.RowId != rowId)) return NoRow();
        var outcome = PlanRowValidation.Validate(draft!, rowId, view.Gallery);
        if (!outcome.IsAccepted) return Refused(outcome.Refusals);
        var write = await store.Rollout.CommunicationPlans.UpdateAsync(code, outcome.Value, revision, new TaskActor(user.UserName, clock.GetUtcNow()), ct);
        if (write.Outcome == PlanWriteOutcome.NotFound) return NoRow();
        if (write.Outcome == PlanWriteOutcome.Conflict) return Problems.Result(StatusCodes.Status409Conflict, "Changed since", write.Problem!);
        await audit.RecordAsync(user, "rollout.communication-plan.row-changed", Record(code, rowId), null, write.Row!.Row.Occasion, ct);
        return Results.Ok(PlanRowJson.From(write.Row, view));
    }

    private static async Task<IResult> Delete(HttpContext http, string kommunekode, string rowId, FeeBridgeStore store, StaffAudit audit,
        TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: true, out var code) is { } denied) return denied;
        var user = MunicipalityScope.User(http);
        if (!await store.Rollout.CommunicationPlans.DeleteAsync(code, rowId, new TaskActor(user.UserName, clock.GetUtcNow()), ct)) return NoRow();
        await audit.RecordAsync(user, "rollout.communication-plan.row-deleted", Record(code, rowId), null, null, ct);
        return Results.NoContent();
    }

    private static async Task<IResult> History(HttpContext http, string kommunekode, FeeBridgeStore store, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        return Results.Ok((await store.Rollout.CommunicationPlans.HistoryAsync(code, ct)).Select(PlanHistoryJson.From).ToList());
    }

    private static async Task<IResult> Xlsx(HttpContext http, string kommunekode, CommunicationPlans plans, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        var view = await plans.ReadAsync(code, MunicipalityScope.User(http).UserName, ct);
        return Results.File(CommunicationPlanXlsx.Write(view), TaskListXlsx.ContentType, $"kommunikationsplan-{code}.xlsx");
    }

    private static async Task<IResult> Pdf(HttpContext http, string kommunekode, CommunicationPlans plans, TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        if (!PdfFonts.EnsureInstalled())
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, "PDF font missing",
                "The DejaVu Sans font files are not on this server (Debian: fonts-dejavu-core).");
        var view = await plans.ReadAsync(code, MunicipalityScope.User(http).UserName, ct);
        return Results.File(CommunicationPlanPdf.Render(view, clock.GetUtcNow()), "application/pdf", $"kommunikationsplan-{code}.pdf");
    }

    /// <summary>The body as a draft and its optional <c>revision</c>, or the 422 when it is not that shape.</summary>
    private static async Task<(PlanRowDraft? Draft, int? Revision, IResult? Problem)> ReadDraftAsync(HttpRequest request)
    {
        var (doc, problem) = await JsonBody.ReadAsync(request);
        if (problem is not null) return (null, null, problem);
        using var _ = doc;
        PlanRowDraft? draft = null;
        int? revision = null;
        try
        {
            if (doc!.RootElement.ValueKind == JsonValueKind.Object)
            {
                draft = doc.RootElement.Deserialize<PlanRowDraft>(RolloutJson.Options);
                if (doc.RootElement.TryGetProperty("revision", out var r) && r.ValueKind != JsonValueKind.Null) revision = r.GetInt32();
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException) { draft = null; }
        if (draft is not null) return (draft, revision, null);
        var errors = new FieldErrors();
        errors.Add("$", "Must be {occasion, audiences:[…], keyMessages:[…], aim, channel, actions:[…], owner, date | milestone+offsetDays, status, revision?}.");
        return (null, null, Problems.Validation(errors));
    }

    private static IResult Refused(IReadOnlyList<FeeBridge.Rollout.Refusal> refusals)
    {
        var errors = new FieldErrors();
        foreach (var r in refusals) errors.Add(r.Field, r.Reason);
        return Problems.Validation(errors);
    }

    private static string Record(Kommunekode code, string rowId) => $"rollout/{code}/communication-plan/{rowId}";

    private static IResult NoRow() => Problems.Result(StatusCodes.Status404NotFound, "No such row", "The plan has no row with this id.");
}

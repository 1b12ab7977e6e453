using FeeBridge.Persistence;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Pdf;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// A municipality's tasks taken away: one task as PDF, the list as CSV (Danish Excel's dialect) or as an Excel
/// workbook. Read access as for the list itself; the CSV and Excel take the list's filters.
/// </summary>
public static class TaskExportEndpoints
{
    public static void MapTaskExports(this RouteGroupBuilder rollout)
    {
        rollout.MapGet("/municipalities/{kommunekode}/tasks/{taskId}/pdf", Pdf)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The task as PDF: status, people, deadline, every master task field, notes and history (Danish).");
        rollout.MapGet("/municipalities/{kommunekode}/tasks.csv", Csv)
            .Produces(StatusCodes.Status200OK, contentType: TaskListCsv.ContentType)
            .WithSummary("The task list as CSV for Danish Excel (UTF-8 with BOM, ';'); the same filters as GET tasks.");
        rollout.MapGet("/municipalities/{kommunekode}/tasks.xlsx", Xlsx)
            .Produces(StatusCodes.Status200OK, contentType: TaskListXlsx.ContentType)
            .WithSummary("The task list as an Excel workbook; the same filters as GET tasks.");
    }

    private static async Task<IResult> Pdf(HttpContext http, string kommunekode, string taskId, FeeBridgeStore store, TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        if (await store.Rollout.Tasks.FindAsync(code, taskId, ct) is not { } task) return MunicipalityScope.NoTask();
        if (!PdfFonts.EnsureInstalled())
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, "PDF font missing",
                "The DejaVu Sans font files are not on this server (Debian: fonts-dejavu-core).");
        var history = await store.Rollout.Tasks.HistoryAsync(code, taskId, ct);
        var gallery = (await store.Rollout.Organisations.FindAsync(code, ct))?.Organisation ?? MunicipalOrganisation.Empty;
        var name = MunicipalityRegister.Denmark.Find(code)!.Name;
        var bytes = TaskPdf.Render(new TaskPdfContent(task, name, gallery, history, MunicipalityScope.Today(clock), clock.GetUtcNow()));
        return Results.File(bytes, "application/pdf", $"opgave-{code}-{FileNamePart(taskId)}.pdf");
    }

    private static async Task<IResult> Csv(HttpContext http, string kommunekode, string? project, string? phase, string? theme, string? wave,
        string? status, string? person, bool? overdue, FeeBridgeStore store, TimeProvider clock, CancellationToken ct)
    {
        var (rows, problem, code) = await RowsAsync(http, kommunekode, project, phase, theme, wave, status, person, overdue, store, clock, ct);
        return problem ?? Results.File(TaskListCsv.Write(rows!), TaskListCsv.ContentType, $"opgaver-{code}.csv");
    }

    private static async Task<IResult> Xlsx(HttpContext http, string kommunekode, string? project, string? phase, string? theme, string? wave,
        string? status, string? person, bool? overdue, FeeBridgeStore store, TimeProvider clock, CancellationToken ct)
    {
        var (rows, problem, code) = await RowsAsync(http, kommunekode, project, phase, theme, wave, status, person, overdue, store, clock, ct);
        return problem ?? Results.File(TaskListXlsx.Write(rows!), TaskListXlsx.ContentType, $"opgaver-{code}.xlsx");
    }

    private static async Task<(IReadOnlyList<TaskListRow>? Rows, IResult? Problem, Kommunekode Code)> RowsAsync(HttpContext http, string kommunekode,
        string? project, string? phase, string? theme, string? wave, string? status, string? person, bool? overdue,
        FeeBridgeStore store, TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return (null, denied, code);
        var (filter, problem) = MunicipalityScope.Filter(phase, theme, wave, status, person, overdue);
        if (problem is not null) return (null, problem, code);
        var today = MunicipalityScope.Today(clock);
        var tasks = await store.Rollout.Tasks.ForMunicipalityAsync(code, project, filter, today, ct);
        return ([.. tasks.Select(t => TaskListRows.Of(t, today))], null, code);
    }

    // Task ids are the workspace's own, but a download name gets only letters, digits and '-' all the same.
    private static string FileNamePart(string text) => new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
}

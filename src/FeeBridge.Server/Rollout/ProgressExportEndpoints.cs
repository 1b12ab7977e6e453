using FeeBridge.Application.Rollout;
using FeeBridge.Persistence;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Server.Staff;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// KOMBIT's overview taken away (issue 15 part 7, "exportable"): <c>GET /projects/{project}/progress.csv</c> and
/// <c>.xlsx</c>, the rows of <see cref="ProgressRows"/>, for those who read the progress itself (KOMBIT, administrators).
/// </summary>
public static class ProgressExportEndpoints
{
    public static void MapProgressExports(this RouteGroupBuilder rollout)
    {
        rollout.MapGet("/projects/{project}/progress.csv", Csv)
            .Produces(StatusCodes.Status200OK, contentType: TaskListCsv.ContentType)
            .WithSummary("Every municipality's progress as CSV for Danish Excel: a total row and one per phase, theme and wave; the country last.");
        rollout.MapGet("/projects/{project}/progress.xlsx", Xlsx)
            .Produces(StatusCodes.Status200OK, contentType: TaskListXlsx.ContentType)
            .WithSummary("The same rows as an Excel workbook, the counts as numbers.");
    }

    private static async Task<IResult> Csv(HttpContext http, string project, FeeBridgeStore store, TimeProvider clock, CancellationToken ct)
    {
        var (rows, problem, day) = await RowsAsync(http, project, store, clock, ct);
        return problem ?? Results.File(TaskListCsv.Write(ProgressRows.Headers, rows!.Select(ProgressRows.Cells)), TaskListCsv.ContentType, $"fremdrift-{project}-{day}.csv");
    }

    private static async Task<IResult> Xlsx(HttpContext http, string project, FeeBridgeStore store, TimeProvider clock, CancellationToken ct)
    {
        var (rows, problem, day) = await RowsAsync(http, project, store, clock, ct);
        return problem ?? Results.File(ProgressXlsx.Write(rows!), TaskListXlsx.ContentType, $"fremdrift-{project}-{day}.xlsx");
    }

    private static async Task<(IReadOnlyList<ProgressRow>? Rows, IResult? Problem, string Day)> RowsAsync(HttpContext http, string project,
        FeeBridgeStore store, TimeProvider clock, CancellationToken ct)
    {
        if (!MunicipalityScope.User(http).SeesEveryMunicipality) return (null, StaffEndpoints.Forbidden("Only KOMBIT and administrators follow every municipality."), "");
        // The project id goes into the file name, so only a known one gets that far.
        if (MasterTaskImports.Projects.Find(project) is null)
            return (null, RolloutEndpoints.NoProject(), "");
        var today = MunicipalityScope.Today(clock);
        var progress = await store.Rollout.Progress.ProgressAsync(project, today, ct);
        return (ProgressRows.Of(progress, MunicipalityRegister.Denmark), null, TaskListRows.Date(today)!);
    }
}

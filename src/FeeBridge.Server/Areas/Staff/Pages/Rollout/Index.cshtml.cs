using FeeBridge.Application.Rollout;
using FeeBridge.Persistence;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Progress;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Rollout;

/// <summary>
/// KOMBIT's overview (<c>/staff/rollout</c>): every municipality's progress in a project as a table sorted by the
/// column asked for, with bars, overdue and empty-role counts. A project leader is sent to their own municipality.
/// </summary>
public sealed class IndexModel(FeeBridgeStore store, TimeProvider clock) : RolloutPageModel
{
    /// <summary>The columns the table sorts by (the query's <c>sorter</c>).</summary>
    public static IReadOnlyList<(string Key, string Title)> Columns { get; } =
        [("navn", "Kommune"), ("fuldfoert", "Fuldført"), ("overskredet", "Overskredet frist"), ("tomme-roller", "Tomme roller")];

    [BindProperty(SupportsGet = true)] public string? Projekt { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sorter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Retning { get; set; }

    public ProjectProgress? Progress { get; private set; }
    public IReadOnlyList<(DanishMunicipality Municipality, MunicipalityProgress Progress)> Rows { get; private set; } = [];
    public string ProjectId { get; private set; } = "";
    public bool Descending => Retning == "ned";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = StaffMember;
        if (!user.SeesEveryMunicipality)
        {
            if (user.Roles.FirstOrDefault(r => r.Role == StaffRole.ProjectLeader) is { Scope: { } own }) return Redirect($"/staff/rollout/{own}");
            return Refuse(StatusCodes.Status403Forbidden, "Kun KOMBIT og administratorer følger alle kommuners udrulning.");
        }
        var projects = MasterTaskImports.Projects.Projects;
        ProjectId = projects.FirstOrDefault(p => p.Id == Projekt)?.Id ?? projects[0].Id;
        Sorter = Columns.Any(c => c.Key == Sorter) ? Sorter : "navn";
        Progress = await store.Rollout.Progress.ProgressAsync(ProjectId, Today(clock), ct);
        var rows = Progress.Municipalities
            .Select(p => (Municipality: MunicipalityRegister.Denmark.Find(p.Municipality)!, Progress: p))
            .Where(r => r.Municipality is not null);
        var danish = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("da-DK"), false);
        IOrderedEnumerable<(DanishMunicipality Municipality, MunicipalityProgress Progress)> sorted = Sorter switch
        {
            "fuldfoert" => Order(rows, r => r.Progress.Progress.Totals.ShareDone ?? -1),
            "overskredet" => Order(rows, r => r.Progress.Progress.Totals.Overdue),
            "tomme-roller" => Order(rows, r => r.Progress.EmptyRoles ?? int.MaxValue),
            _ => Descending ? rows.OrderByDescending(r => r.Municipality.Name, danish) : rows.OrderBy(r => r.Municipality.Name, danish),
        };
        Rows = [.. sorted.ThenBy(r => r.Municipality.Name, danish)];
        return Page();
    }

    private IOrderedEnumerable<T> Order<T, TKey>(IEnumerable<T> rows, Func<T, TKey> key) => Descending ? rows.OrderByDescending(key) : rows.OrderBy(key);

    /// <summary>The address that sorts by <paramref name="column"/>: the other way round when it already sorts by it.</summary>
    public string SortLink(string column) =>
        $"/staff/rollout?projekt={Uri.EscapeDataString(ProjectId)}&sorter={column}&retning={(Sorter == column && !Descending ? "ned" : "op")}";

    /// <summary>The <c>aria-sort</c> of a column header, or null when the table is not sorted by it.</summary>
    public string? AriaSort(string column) => Sorter == column ? (Descending ? "descending" : "ascending") : null;
}

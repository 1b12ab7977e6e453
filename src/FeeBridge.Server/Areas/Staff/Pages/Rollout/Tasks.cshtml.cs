using FeeBridge.Persistence;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Progress;
using FeeBridge.Rollout.Workspace;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Rollout;

/// <summary>
/// A municipality's task list (<c>/staff/rollout/{kommunekode}</c>): how far it has come, the filters of the API's
/// <c>GET …/tasks</c> as a GET form, and the tasks that pass them.
/// </summary>
public sealed class TasksModel(FeeBridgeStore store, TimeProvider clock) : RolloutPageModel
{
    [BindProperty(SupportsGet = true)] public string? Fase { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tema { get; set; }
    [BindProperty(SupportsGet = true)] public string? Boelge { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Person { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overskredet { get; set; }

    public string Code { get; private set; } = "";
    public DateOnly Day { get; private set; }
    public ProgressCounts Counts { get; private set; } = ProgressCounts.Zero;
    public IReadOnlyList<MunicipalTask> Shown { get; private set; } = [];
    public IReadOnlyList<string> Phases { get; private set; } = [];
    public IReadOnlyList<string> Themes { get; private set; } = [];
    public IReadOnlyList<string> Waves { get; private set; } = [];
    public MunicipalOrganisation Gallery { get; private set; } = MunicipalOrganisation.Empty;
    public int AllCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kommunekode, CancellationToken ct)
    {
        if (Denied(kommunekode, change: false) is { } denied) return denied;
        Code = Municipality!.Code.Value;
        Day = Today(clock);
        var all = await store.Rollout.Tasks.ForMunicipalityAsync(Municipality.Code, null, null, Day, ct);
        Gallery = (await store.Rollout.Organisations.FindAsync(Municipality.Code, ct))?.Organisation ?? MunicipalOrganisation.Empty;
        AllCount = all.Count;
        Counts = ProgressCounts.Of(all, Day);
        Phases = Distinct(all.Select(t => t.Fields.Phase));
        Themes = Distinct(all.Select(t => t.Fields.Theme));
        Waves = Distinct(all.SelectMany(t => t.Fields.Waves));
        // A filter value the form did not offer (hand-typed) filters to nothing rather than being ignored.
        MunicipalTaskStatus? status = MunicipalTaskStatuses.TryParse(Status, out var s) ? s : null;
        EmailAddress? person = EmailAddress.TryParse(Person, out var e, out _) ? e : null;
        var filter = new TaskFilter(Blank(Fase), Blank(Tema), Blank(Boelge), status, person, Overskredet);
        var shown = filter.Apply(all, Day);
        if ((Blank(Status) is not null && status is null) || (Blank(Person) is not null && person is null)) shown = [];
        Shown = shown;
        return Page();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static List<string> Distinct(IEnumerable<string> values) =>
        [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

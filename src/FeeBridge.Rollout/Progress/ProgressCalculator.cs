using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Rollout.Progress;

/// <summary>
/// KOMBIT's overview numbers for one project (DOMAIN.md §8: "KOMBIT and the municipal project leader follow progress
/// across all municipalities"). Only copies of master tasks count: every municipality has the same ones, so the
/// numbers compare; local tasks are each municipality's own and would make a diligent municipality look behind.
/// Not-relevant tasks are excluded from done and total (see <see cref="ProgressCounts"/>).
/// </summary>
public static class ProgressCalculator
{
    /// <summary>Group name of tasks without a phase.</summary>
    public const string NoPhase = "(uden fase)";
    /// <summary>Group name of tasks without a theme.</summary>
    public const string NoTheme = "(uden tema)";
    /// <summary>Group name of tasks without a wave.</summary>
    public const string NoWave = "(uden bølge)";

    /// <summary>
    /// The progress of <paramref name="project"/> on <paramref name="today"/> (Europe/Copenhagen).
    /// </summary>
    /// <param name="project">The project; tasks of other projects are ignored.</param>
    /// <param name="tasks">Tasks of any municipalities.</param>
    /// <param name="today">For overdue.</param>
    /// <param name="emptyRoles">Per municipality, its gallery's empty roles (from the organisations; passed in).</param>
    /// <param name="municipalities">Municipalities to list even without tasks (e.g. all 98), so KOMBIT sees who has not begun.</param>
    public static ProjectProgress For(string project, IEnumerable<MunicipalTask> tasks, DateOnly today,
        IReadOnlyDictionary<Kommunekode, int>? emptyRoles = null, IEnumerable<Kommunekode>? municipalities = null)
    {
        emptyRoles ??= new Dictionary<Kommunekode, int>();
        var counted = tasks.Where(t => t.Origin == TaskOrigin.MasterCopy && string.Equals(t.Fields.Project, project, StringComparison.Ordinal)).ToList();
        var byMunicipality = counted.GroupBy(t => t.Municipality).ToDictionary(g => g.Key, g => g.ToList());
        var codes = byMunicipality.Keys.Concat(emptyRoles.Keys).Concat(municipalities ?? []).Distinct()
            .OrderBy(c => c.Value, StringComparer.Ordinal).ToList();

        var rows = codes.Select(code => new MunicipalityProgress(code,
            Breakdown(byMunicipality.TryGetValue(code, out var mine) ? mine : [], today),
            emptyRoles.TryGetValue(code, out var empty) ? empty : null)).ToList();

        return new ProjectProgress(project, today, rows, Breakdown(counted, today),
            MunicipalitiesComplete: rows.Count(r => r.Progress.Totals.Complete),
            EmptyRoles: emptyRoles.Values.Sum(),
            MunicipalitiesWithEmptyRoles: emptyRoles.Values.Count(n => n > 0));
    }

    private static ProgressBreakdown Breakdown(IReadOnlyList<MunicipalTask> tasks, DateOnly today) => new(
        ProgressCounts.Of(tasks, today),
        Groups(tasks, t => [Or(t.Fields.Phase, NoPhase)], today),
        Groups(tasks, t => [Or(t.Fields.Theme, NoTheme)], today),
        Groups(tasks, t => t.Fields.Waves.Count == 0 ? [NoWave] : t.Fields.Waves.Distinct(StringComparer.Ordinal), today));

    private static IReadOnlyList<GroupProgress> Groups(IReadOnlyList<MunicipalTask> tasks, Func<MunicipalTask, IEnumerable<string>> groupsOf, DateOnly today) =>
        [.. tasks.SelectMany(t => groupsOf(t).Select(g => (Group: g, Task: t)))
            .GroupBy(x => x.Group, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GroupProgress(g.Key, ProgressCounts.Of(g.Select(x => x.Task), today)))];

    private static string Or(string text, string none) => string.IsNullOrWhiteSpace(text) ? none : text;
}

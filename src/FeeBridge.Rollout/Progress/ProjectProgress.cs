namespace FeeBridge.Rollout.Progress;

/// <summary>The counts of one phase, theme or wave.</summary>
public sealed record GroupProgress(string Group, ProgressCounts Counts);

/// <summary>Counts in total and by phase, theme and wave (a task in two waves counts in both).</summary>
public sealed record ProgressBreakdown(ProgressCounts Totals, IReadOnlyList<GroupProgress> ByPhase, IReadOnlyList<GroupProgress> ByTheme, IReadOnlyList<GroupProgress> ByWave);

/// <summary>One municipality's progress, with the number of roles of its gallery nobody fills (null when not known).</summary>
public sealed record MunicipalityProgress(Kommunekode Municipality, ProgressBreakdown Progress, int? EmptyRoles);

/// <summary>
/// CONTRACTS.md §6 <c>GET /projects/{project}/progress</c>: per municipality tasks done / total, overdue, by phase,
/// theme and wave; and the national totals, with how many municipalities have finished every task that applies and
/// the empty roles across the country.
/// </summary>
public sealed record ProjectProgress(
    string Project,
    DateOnly Today,
    IReadOnlyList<MunicipalityProgress> Municipalities,
    ProgressBreakdown National,
    int MunicipalitiesComplete,
    int EmptyRoles,
    int MunicipalitiesWithEmptyRoles);

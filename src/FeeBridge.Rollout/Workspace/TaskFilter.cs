using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Rollout.Workspace;

/// <summary>
/// Which tasks a workspace list shows; every criterion left null (or false) lets all through, and the criteria
/// combine with "and". Phase, theme and wave match exactly (they are KLIK's own texts, data not an enum); a task
/// matches a wave when the wave is one of its waves; a person matches as accountable or performer; overdue uses
/// <see cref="MunicipalTask.IsOverdue"/> on the given day.
/// </summary>
public sealed record TaskFilter(
    string? Phase = null,
    string? Theme = null,
    string? Wave = null,
    MunicipalTaskStatus? Status = null,
    EmailAddress? Person = null,
    bool OverdueOnly = false)
{
    /// <summary>True when <paramref name="task"/> passes every criterion on <paramref name="today"/> (Europe/Copenhagen).</summary>
    public bool Matches(MunicipalTask task, DateOnly today) =>
        (Phase is null || string.Equals(task.Fields.Phase, Phase, StringComparison.Ordinal))
        && (Theme is null || string.Equals(task.Fields.Theme, Theme, StringComparison.Ordinal))
        && (Wave is null || task.Fields.Waves.Contains(Wave, StringComparer.Ordinal))
        && (Status is null || task.Status == Status)
        && (Person is not { } person || task.Involves(person))
        && (!OverdueOnly || task.IsOverdue(today));

    /// <summary>The tasks that match, in their given order.</summary>
    public IReadOnlyList<MunicipalTask> Apply(IEnumerable<MunicipalTask> tasks, DateOnly today) => [.. tasks.Where(t => Matches(t, today))];
}

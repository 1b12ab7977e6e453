using System.Globalization;

namespace FeeBridge.Rollout.Workspace;

/// <summary>
/// The commands on a municipal task, as pure functions: each takes the task and what is asked (with who and when)
/// and returns either the new task with the history entries of the change, or the refusals that say why not.
/// Asking for what already is changes nothing and writes no history. One file per command.
/// </summary>
public static partial class TaskCommands
{
    private const int MaxTextLength = 4000;

    private static Outcome<TaskChange> Unchanged(MunicipalTask task) => Outcome<TaskChange>.Accept(new TaskChange(task, []));

    private static Outcome<TaskChange> Changed(MunicipalTask changed, TaskActor actor, IReadOnlyList<TaskHistoryEntry> entries) =>
        Outcome<TaskChange>.Accept(new TaskChange(changed with { Revision = changed.Revision + 1, UpdatedAt = actor.At }, entries));

    private static TaskHistoryEntry Entry(MunicipalTask task, TaskActor actor, string field, string? before, string? after, bool forAudit = false) =>
        new(task.TaskId, actor.Who, actor.At, field, before, after, forAudit);

    internal static string? DateText(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Trimmed; null when only white space.
    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

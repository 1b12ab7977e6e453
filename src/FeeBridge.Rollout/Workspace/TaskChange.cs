namespace FeeBridge.Rollout.Workspace;

/// <summary>
/// An accepted command: the task as it is now and the history entries to append (empty when the command asked for
/// what already was, in which case <see cref="Task"/> is the task unchanged).
/// </summary>
public sealed record TaskChange(MunicipalTask Task, IReadOnlyList<TaskHistoryEntry> Entries)
{
    /// <summary>True when something changed.</summary>
    public bool Changed => Entries.Count > 0;
}

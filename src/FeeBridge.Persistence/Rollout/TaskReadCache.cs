using System.Collections.Concurrent;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Persistence.Rollout;

/// <summary>
/// The tasks this process has read, each as of its revision, so a task list reads from the database only each task's
/// id and revision and the task itself only when it changed since (docs/architecture.md "Reading the rollout fast").
/// Every write of a task raises its revision (<see cref="TaskRows.UpdateAsync"/> writes only over the revision it was
/// read at), so a task of the same id and revision is the same task, whichever process wrote it: the database's
/// revision decides on every read, and nothing here must be invalidated. A copy's master fields are the same for
/// every municipality following that version, so they are kept once per version rather than 98 times.
/// Bounded by the number of tasks there are (one entry per task id; tasks are never removed).
/// </summary>
internal sealed class TaskReadCache
{
    private readonly ConcurrentDictionary<string, MunicipalTask> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Project, string Key, int Version), MasterTaskFields> _versions = new();

    /// <summary>The task as read before, when it still has <paramref name="revision"/>; else null (read it again).</summary>
    public MunicipalTask? Find(string taskId, int revision) =>
        _tasks.TryGetValue(taskId, out var task) && task.Revision == revision ? task : null;

    /// <summary>Keeps a task just read (a newer revision already kept wins) and returns it, its master fields shared.</summary>
    public MunicipalTask Remember(MunicipalTask task)
    {
        if (task.Origin == TaskOrigin.MasterCopy) task = task with { Fields = Shared(task.Fields) };
        return _tasks.AddOrUpdate(task.TaskId, task, (_, kept) => kept.Revision > task.Revision ? kept : task);
    }

    // A version's fields are never rewritten (MasterTaskStore); the check only guards against a copy that differs.
    private MasterTaskFields Shared(MasterTaskFields fields)
    {
        var kept = _versions.GetOrAdd((fields.Project, MasterTaskKey.Of(fields), fields.Version), fields);
        return ReferenceEquals(kept, fields) || Same(kept, fields) ? kept : fields;
    }

    private static bool Same(MasterTaskFields a, MasterTaskFields b) =>
        MasterTaskFieldsComparison.SameContent(a, b)
        && string.Equals(a.MasterTaskId, b.MasterTaskId, StringComparison.Ordinal)
        && a.Warnings.SequenceEqual(b.Warnings, StringComparer.Ordinal);
}

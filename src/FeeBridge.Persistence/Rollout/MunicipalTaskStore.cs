using System.Data.Common;
using System.Globalization;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Persistence.Rollout;

/// <summary>What a write of a task did.</summary>
public enum TaskWriteOutcome
{
    /// <summary>The change is stored, with its history entries.</summary>
    Written,
    /// <summary>The command changed nothing (no history entries), so nothing was written.</summary>
    Unchanged,
    /// <summary>The task changed since the command's task was read: nothing written; the task is the stored one.</summary>
    Conflict,
    /// <summary>The municipality has no task with that id.</summary>
    NotFound,
    /// <summary>A new task's id is taken: nothing written.</summary>
    Exists,
}

/// <summary>
/// The answer of a task write: what happened, the task as it is stored now (null when not found), and for a
/// conflict a Danish sentence for the person whose change was not saved.
/// </summary>
public sealed record TaskWrite(TaskWriteOutcome Outcome, MunicipalTask? Task, string? Problem = null)
{
    /// <summary>True when the task now is what the command made it.</summary>
    public bool Succeeded => Outcome is TaskWriteOutcome.Written or TaskWriteOutcome.Unchanged;
}

/// <summary>
/// The municipalities' tasks (DOMAIN.md §8: "each municipality sees its own copy of each master task", and adds local
/// tasks): read a municipality's list or one task, and store what a command of <see cref="TaskCommands"/> (or a
/// <see cref="TaskPatch"/>) made, under optimistic concurrency — a change is written only if the stored task still has
/// the revision the command started from (the change's revision minus one), else it is a
/// <see cref="TaskWriteOutcome.Conflict"/> and nothing is written. Every change's history entries are appended in the
/// same transaction to <c>rollout_task_history</c>, which the database itself refuses to update or delete.
/// Master copies are made by <see cref="MasterTaskStore.ImportAsync(string, MasterTaskFields, string, TaskActor, CancellationToken)"/>.
/// </summary>
public sealed partial class MunicipalTaskStore(StoreDialect dialect)
{
    private readonly TaskReadCache _read = new();

    internal static string TaskLock(string taskId) => "rollout-task:" + taskId;

    /// <summary>
    /// The municipality's tasks, optionally of one project and matching <paramref name="filter"/> on
    /// <paramref name="today"/> (Europe/Copenhagen; for overdue). Status, phase and theme are filtered in SQL, the rest
    /// in memory. Ordered by phase, then master task id (numerically; local tasks after the copies), then title.
    /// Reads each task's JSON only when this process has not read it at its current revision (<see cref="TaskReadCache"/>).
    /// </summary>
    public async Task<IReadOnlyList<MunicipalTask>> ForMunicipalityAsync(Kommunekode municipality, string? project, TaskFilter? filter, DateOnly today, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        var where = "municipality = @m";
        cmd.With("@m", municipality.Value);
        if (project is not null)
        {
            where += " AND project = @p";
            cmd.With("@p", project);
        }
        if (filter?.Status is { } status)
        {
            where += " AND status = @s";
            cmd.With("@s", MunicipalTaskStatuses.Id(status));
        }
        if (filter?.Phase is { } phase)
        {
            where += " AND phase = @ph";
            cmd.With("@ph", phase);
        }
        if (filter?.Theme is { } theme)
        {
            where += " AND theme = @th";
            cmd.With("@th", theme);
        }
        cmd.CommandText = $"SELECT task_id, revision FROM rollout_tasks WHERE {where}";
        var tasks = await ReadThroughCacheAsync(c, cmd, ct);
        var ordered = tasks.OrderBy(t => t.Fields.Phase, StringComparer.Ordinal)
            .ThenBy(t => int.TryParse(t.Fields.MasterTaskId, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue)
            .ThenBy(t => t.Fields.Title, StringComparer.Ordinal).ThenBy(t => t.TaskId, StringComparer.Ordinal);
        return filter is null ? [.. ordered] : filter.Apply(ordered, today);
    }

    /// <summary>
    /// The tasks whose id and revision <paramref name="listing"/> reads: those this process read before at the same
    /// revision from <see cref="_read"/>, the rest (new, or changed since) in one more query.
    /// </summary>
    private async Task<IReadOnlyList<MunicipalTask>> ReadThroughCacheAsync(DbConnection c, DbCommand listing, CancellationToken ct)
    {
        var found = new List<MunicipalTask>();
        var missing = new List<string>();
        await using (var r = await listing.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                if (_read.Find(r.GetString(0), r.GetInt32(1)) is { } known) found.Add(known);
                else missing.Add(r.GetString(0));
            }
        }
        if (missing.Count == 0) return found;
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT task FROM rollout_tasks WHERE {dialect.OneOf(cmd, "task_id", "ids", missing)}";
        found.AddRange((await ReadTasksAsync(cmd, ct)).Select(_read.Remember));
        return found;
    }

    /// <summary>One task of the municipality, or null (also when the id is another municipality's).</summary>
    public async Task<MunicipalTask?> FindAsync(Kommunekode municipality, string taskId, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT task FROM rollout_tasks WHERE task_id = @id AND municipality = @m";
        cmd.With("@id", taskId).With("@m", municipality.Value);
        return (await ReadTasksAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>
    /// Every task of every municipality that has a deadline and is neither done nor not relevant: what the reminder
    /// schedule looks at. One query.
    /// </summary>
    public async Task<IReadOnlyList<MunicipalTask>> OpenWithDeadlineAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT task FROM rollout_tasks WHERE deadline IS NOT NULL AND status IN (@a, @b) ORDER BY municipality, task_id";
        cmd.With("@a", MunicipalTaskStatuses.Id(MunicipalTaskStatus.NotStarted)).With("@b", MunicipalTaskStatuses.Id(MunicipalTaskStatus.InProgress));
        return await ReadTasksAsync(cmd, ct);
    }

    /// <summary>Stores a new local task (<see cref="TaskCommands.NewLocal"/>) with its history entry; an id already taken is <see cref="TaskWriteOutcome.Exists"/>.</summary>
    public async Task<TaskWrite> AddLocalAsync(TaskChange created, CancellationToken ct)
    {
        var task = created.Task;
        if (task.Origin != TaskOrigin.Local) throw new ArgumentException("Only local tasks are added here; master copies come with their master task's import.", nameof(created));
        CheckEntries(created);
        await using var scope = await dialect.BeginWriteAsync(TaskLock(task.TaskId), ct);
        if (await TaskRows.InsertAsync(scope, dialect, [(task, null)], ct) == 0)
            return new TaskWrite(TaskWriteOutcome.Exists, await ReadAsync(scope, task.TaskId, ct), "Der findes allerede en opgave med det id.");
        await TaskRows.AppendHistoryAsync(scope, dialect, created.Entries, ct);
        await scope.CommitAsync(ct);
        return new TaskWrite(TaskWriteOutcome.Written, task);
    }

    /// <summary>
    /// Stores the result of a command on a task. A change that attaches a file must go through
    /// <see cref="AttachAsync"/> (the bytes come with it); one that detaches marks the file removed (its bytes and its
    /// history entry stay).
    /// </summary>
    public Task<TaskWrite> ApplyAsync(TaskChange change, CancellationToken ct) => WriteAsync(change, null, ct);

    /// <summary>The task's history, oldest first; empty when the municipality has no such task.</summary>
    public async Task<IReadOnlyList<TaskHistoryEntry>> HistoryAsync(Kommunekode municipality, string taskId, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT h.task_id, h.at, h.who, h.field, h.before_value, h.after_value, h.for_audit
            FROM rollout_task_history h JOIN rollout_tasks t ON t.task_id = h.task_id
            WHERE h.task_id = @id AND t.municipality = @m ORDER BY h.id
            """;
        cmd.With("@id", taskId).With("@m", municipality.Value);
        var list = new List<TaskHistoryEntry>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(TaskRows.ReadHistory(r, 0));
        return list;
    }

    private async Task<TaskWrite> WriteAsync(TaskChange change, ReadOnlyMemory<byte>? content, CancellationToken ct)
    {
        var task = change.Task;
        if (!change.Changed)
        {
            if (content is not null) throw new ArgumentException("A change that attaches nothing takes no file content.", nameof(content));
            var current = await FindAsync(task.Municipality, task.TaskId, ct);
            return current is null ? new TaskWrite(TaskWriteOutcome.NotFound, null) : new TaskWrite(TaskWriteOutcome.Unchanged, current);
        }
        CheckEntries(change);

        await using var scope = await dialect.BeginWriteAsync(TaskLock(task.TaskId), ct);
        var stored = await ReadAsync(scope, task.TaskId, ct);
        if (stored is null || stored.Municipality != task.Municipality) return new TaskWrite(TaskWriteOutcome.NotFound, null);
        var startedFrom = task.Revision - 1;
        if (stored.Revision != startedFrom) return Conflict(stored, startedFrom);
        if (stored.Origin != task.Origin) throw new ArgumentException("A command does not change where a task comes from.", nameof(change));

        var (added, removed) = AttachmentChanges(stored, task, content);
        if (await TaskRows.UpdateAsync(scope, dialect, [(task, startedFrom)], ct) == 0) return Conflict(stored, startedFrom);
        await TaskRows.AppendHistoryAsync(scope, dialect, change.Entries, ct);
        var by = change.Entries.FirstOrDefault(e => e.Field == "attachments") ?? change.Entries[0];
        if (added is not null) await InsertAttachmentAsync(scope, task.TaskId, added, content!.Value, by, ct);
        foreach (var file in removed) await MarkRemovedAsync(scope, task.TaskId, file, by, ct);
        await scope.CommitAsync(ct);
        return new TaskWrite(TaskWriteOutcome.Written, task);
    }

    private static TaskWrite Conflict(MunicipalTask stored, int startedFrom) => new(TaskWriteOutcome.Conflict, stored,
        $"Opgaven er ændret, siden den blev hentet (revision {startedFrom}, nu {stored.Revision}). Hent den igen, og gentag ændringen.");

    // History entries belong to the task they came with; a mix-up is a bug in the caller, not a person's input.
    private static void CheckEntries(TaskChange change)
    {
        if (change.Entries.Any(e => !string.Equals(e.TaskId, change.Task.TaskId, StringComparison.Ordinal)))
            throw new ArgumentException("Every history entry of a change must be of the changed task.", nameof(change));
    }

    private static async Task<MunicipalTask?> ReadAsync(WriteScope scope, string taskId, CancellationToken ct)
    {
        await using var cmd = scope.Command("SELECT task FROM rollout_tasks WHERE task_id = @id").With("@id", taskId);
        return (await ReadTasksAsync(cmd, ct)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<MunicipalTask>> ReadTasksAsync(DbCommand cmd, CancellationToken ct)
    {
        var list = new List<MunicipalTask>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(TaskRows.Read(r.GetString(0)));
        return list;
    }

    private static long Micros(DateTimeOffset t) => ClaimCodec.ToMicros(t);
}

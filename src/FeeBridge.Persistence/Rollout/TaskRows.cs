using System.Data.Common;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Persistence.Rollout;

/// <summary>
/// A municipal task as a row of <c>rollout_tasks</c>: the whole task as JSON (what is read back), beside the columns
/// that are filtered and counted in SQL (municipality, project, origin, status, deadline, phase, theme, waves), all
/// written from the same task so they never disagree; and its history entries as rows of the append-only
/// <c>rollout_task_history</c>. Shared by the faces that write tasks (a master import writes 98 at once).
/// </summary>
internal static class TaskRows
{
    public const string Origin = "master-copy";

    private static readonly Column[] TaskColumns =
    [
        new("task_id", ColumnType.Text), new("municipality", ColumnType.Text), new("project", ColumnType.Text),
        new("origin", ColumnType.Text), new("master_key", ColumnType.Text), new("status", ColumnType.Text),
        new("deadline", ColumnType.Text), new("phase", ColumnType.Text), new("theme", ColumnType.Text),
        new("waves", ColumnType.Text), new("revision", ColumnType.Int32), new("task", ColumnType.Text),
        new("created_at", ColumnType.Int64), new("updated_at", ColumnType.Int64),
    ];

    private static readonly Column[] UpdateColumns =
    [
        new("task_id", ColumnType.Text), new("expected", ColumnType.Int32), new("status", ColumnType.Text),
        new("deadline", ColumnType.Text), new("phase", ColumnType.Text), new("theme", ColumnType.Text),
        new("waves", ColumnType.Text), new("revision", ColumnType.Int32), new("task", ColumnType.Text),
        new("updated_at", ColumnType.Int64),
    ];

    private static readonly Column[] HistoryColumns =
    [
        new("task_id", ColumnType.Text), new("at", ColumnType.Int64), new("who", ColumnType.Text), new("field", ColumnType.Text),
        new("before_value", ColumnType.Text), new("after_value", ColumnType.Text), new("for_audit", ColumnType.Int32),
    ];

    public static string OriginName(TaskOrigin origin) => origin == TaskOrigin.MasterCopy ? Origin : "local";

    public static string Waves(MunicipalTask task) => RolloutJson.Write(task.Fields.Waves);

    /// <summary>A deadline as <c>YYYY-MM-DD</c> (the wire's form, which also sorts as text).</summary>
    public static string? Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static MunicipalTask Read(string json) => RolloutJson.Read<MunicipalTask>(json);

    /// <summary>
    /// Inserts new tasks (a copy with its master key, a local task with none) in one statement; a task whose id is
    /// taken is left out. Returns how many were inserted.
    /// </summary>
    public static async Task<int> InsertAsync(WriteScope scope, StoreDialect dialect, IReadOnlyList<(MunicipalTask Task, string? MasterKey)> tasks, CancellationToken ct)
    {
        if (tasks.Count == 0) return 0;
        var rows = new RowSet(TaskColumns);
        foreach (var (t, key) in tasks)
        {
            rows.Add(t.TaskId, t.Municipality.Value, t.Fields.Project, OriginName(t.Origin), key, MunicipalTaskStatuses.Id(t.Status),
                Day(t.Deadline), t.Fields.Phase, t.Fields.Theme, Waves(t), t.Revision, RolloutJson.Write(t),
                ClaimCodec.ToMicros(t.CreatedAt), ClaimCodec.ToMicros(t.UpdatedAt));
        }
        await using var cmd = scope.Command("");
        cmd.CommandText = dialect.InsertSql(cmd, "rollout_tasks", rows, "new_tasks", tail: "ON CONFLICT (task_id) DO NOTHING");
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Writes changed tasks over their rows, each only if its row still has the revision it was read at; returns how
    /// many rows were written (fewer than given means someone wrote in between, and the caller must not commit).
    /// </summary>
    public static async Task<int> UpdateAsync(WriteScope scope, StoreDialect dialect, IReadOnlyList<(MunicipalTask Task, int ExpectedRevision)> tasks, CancellationToken ct)
    {
        var written = 0;
        foreach (var chunk in tasks.Chunk(Math.Min(500, dialect.MaxRowsPerStatement(UpdateColumns.Length))))
        {
            var rows = new RowSet(UpdateColumns);
            foreach (var (t, expected) in chunk)
            {
                rows.Add(t.TaskId, expected, MunicipalTaskStatuses.Id(t.Status), Day(t.Deadline), t.Fields.Phase, t.Fields.Theme,
                    Waves(t), t.Revision, RolloutJson.Write(t), ClaimCodec.ToMicros(t.UpdatedAt));
            }
            await using var cmd = scope.Command("");
            cmd.CommandText = $"""
                WITH changed ({rows.ColumnList}) AS ({dialect.RowSource(cmd, "changed", rows)})
                UPDATE rollout_tasks SET status = changed.status, deadline = changed.deadline, phase = changed.phase, theme = changed.theme,
                    waves = changed.waves, revision = changed.revision, task = changed.task, updated_at = changed.updated_at
                FROM changed WHERE rollout_tasks.task_id = changed.task_id AND rollout_tasks.revision = changed.expected
                """;
            written += await cmd.ExecuteNonQueryAsync(ct);
        }
        return written;
    }

    /// <summary>Appends history entries, in the order given (their ids number them so).</summary>
    public static async Task AppendHistoryAsync(WriteScope scope, StoreDialect dialect, IReadOnlyList<TaskHistoryEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        var rows = new RowSet(HistoryColumns);
        foreach (var e in entries) rows.Add(e.TaskId, ClaimCodec.ToMicros(e.At), e.Who, e.Field, e.Before, e.After, e.ForAudit ? 1 : 0);
        await using var cmd = scope.Command("");
        cmd.CommandText = dialect.InsertSql(cmd, "rollout_task_history", rows, "new_history");
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A history row as the model's entry.</summary>
    public static TaskHistoryEntry ReadHistory(DbDataReader r, int first) => new(
        r.GetString(first), r.GetString(first + 2), ClaimCodec.FromMicros(r.GetInt64(first + 1)), r.GetString(first + 3),
        r.IsDBNull(first + 4) ? null : r.GetString(first + 4), r.IsDBNull(first + 5) ? null : r.GetString(first + 5), r.GetInt32(first + 6) != 0);
}

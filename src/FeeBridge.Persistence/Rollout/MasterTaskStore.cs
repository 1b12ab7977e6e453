using System.Data.Common;
using System.Globalization;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Klik;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Persistence.Rollout;

/// <summary>
/// One version of a master task as kept: its fields (with the version number the store gave it), its key within the
/// project (<see cref="MasterTaskKey"/>), the importer's fingerprint, which fields changed from the version before
/// (empty for version 1), and who imported it when.
/// </summary>
public sealed record StoredMasterTask(MasterTaskFields Fields, string MasterKey, string Fingerprint, IReadOnlyList<string> ChangedFields,
    DateTimeOffset ImportedAt, string ImportedBy);

/// <summary>What an import did.</summary>
public enum MasterTaskImportKind
{
    /// <summary>The task was new: version 1, and a copy in every municipality.</summary>
    Created,
    /// <summary>The text changed: version n+1, and every copy followed it.</summary>
    NewVersion,
    /// <summary>The same task again (same fingerprint, or the same fields): nothing written.</summary>
    Unchanged,
}

/// <summary>
/// The answer of <see cref="MasterTaskStore.ImportAsync(string, MasterTaskFields, string, TaskActor, CancellationToken)"/>:
/// what it did, the newest version now, the fields that changed (CONTRACTS.md §6 names; empty unless a new version),
/// and how many municipal copies were written (created or followed).
/// </summary>
public sealed record MasterTaskImport(MasterTaskImportKind Kind, StoredMasterTask Master, IReadOnlyList<string> ChangedFields, int CopiesWritten);

/// <summary>
/// The project's master tasks, versioned (CONTRACTS.md §6 import: "Importing the same text again changes nothing; a
/// changed text for the same id makes a new version, and every municipality's copy follows it without losing its own
/// status and notes"). A version is never rewritten: (project, key, version) is the primary key. A new task and its
/// copies in every municipality of the register, or a new version and every copy following it, are one transaction.
/// </summary>
public sealed class MasterTaskStore(StoreDialect dialect, MunicipalityRegister register)
{
    /// <summary>Imports the importer's draft (its fields and its fingerprint).</summary>
    public Task<Outcome<MasterTaskImport>> ImportAsync(string project, MasterTaskDraft draft, TaskActor importedBy, CancellationToken ct) =>
        ImportAsync(project, MasterTaskDraftFields.Of(draft), draft.Fingerprint(), importedBy, ct);

    /// <summary>
    /// Imports one master task. <paramref name="fields"/>' version is ignored: the store numbers versions. Refused
    /// (nothing written) when the task has no title or belongs to another project, or when a copy changed while the
    /// import ran (import again).
    /// </summary>
    public async Task<Outcome<MasterTaskImport>> ImportAsync(string project, MasterTaskFields fields, string fingerprint, TaskActor importedBy, CancellationToken ct)
    {
        if (!string.Equals(fields.Project, project, StringComparison.Ordinal))
            return Outcome<MasterTaskImport>.Refuse("project", $"Opgaven hører til projektet '{fields.Project}', ikke '{project}'.");
        if (string.IsNullOrWhiteSpace(fields.Title))
            return Outcome<MasterTaskImport>.Refuse("title", "Masteropgaven har ingen titel.");

        var key = MasterTaskKey.Of(fields);
        var copyIds = register.All.ToDictionary(m => m.Code, m => MunicipalTaskIds.Copy(m.Code, project, key));
        // The master, and every copy: a task's own writers (ApplyAsync) take its lock, so none writes between the read
        // of the copies below and their update.
        await using var scope = await dialect.BeginWriteAsync(
            [MasterLock(project, key), .. copyIds.Values.Select(MunicipalTaskStore.TaskLock)], ct);

        var newest = await NewestAsync(scope.Connection, scope.Transaction, project, key, ct);
        if (newest is not null && (string.Equals(newest.Fingerprint, fingerprint, StringComparison.Ordinal)
            || MasterTaskFieldsComparison.SameContent(newest.Fields, fields)))
            return Outcome<MasterTaskImport>.Accept(new MasterTaskImport(MasterTaskImportKind.Unchanged, newest, [], 0));

        var version = (newest?.Fields.Version ?? 0) + 1;
        var changed = newest is null ? [] : MasterTaskFieldsComparison.ChangedFields(newest.Fields, fields);
        var stored = new StoredMasterTask(fields with { Version = version }, key, fingerprint, changed, importedBy.At, importedBy.Who);

        await using (var insert = scope.Command("""
            INSERT INTO rollout_master_tasks (project, master_key, version, master_task_id, fingerprint, fields, changed_fields, imported_at, imported_by)
            VALUES (@p, @k, @v, @id, @f, @fields, @changed, @at, @by)
            """))
        {
            insert.With("@p", project).With("@k", key).With("@v", version).With("@id", stored.Fields.MasterTaskId).With("@f", fingerprint)
                .With("@fields", RolloutJson.Write(stored.Fields)).With("@changed", RolloutJson.Write(changed))
                .With("@at", ClaimCodec.ToMicros(importedBy.At)).With("@by", importedBy.Who);
            await insert.ExecuteNonQueryAsync(ct);
        }

        // Every copy there is follows; a municipality without one (new in the register) gets one of this version.
        var existing = await CopiesAsync(scope, project, key, ct);
        var followed = new List<(MunicipalTask Task, int ExpectedRevision)>();
        var created = new List<(MunicipalTask Task, string? MasterKey)>();
        var entries = new List<TaskHistoryEntry>();
        foreach (var copy in existing)
        {
            var outcome = TaskCommands.FollowNewVersion(copy, stored.Fields, importedBy);
            if (!outcome.IsAccepted) return Outcome<MasterTaskImport>.Refuse(outcome.Refusals);
            if (!outcome.Value.Changed) continue;
            followed.Add((outcome.Value.Task, copy.Revision));
            entries.AddRange(outcome.Value.Entries);
        }
        var present = existing.Select(t => t.Municipality).ToHashSet();
        foreach (var (code, taskId) in copyIds.Where(c => !present.Contains(c.Key)))
        {
            var outcome = TaskCommands.CopyOf(taskId, code, stored.Fields, importedBy);
            if (!outcome.IsAccepted) return Outcome<MasterTaskImport>.Refuse(outcome.Refusals);
            created.Add((outcome.Value.Task, key));
            entries.AddRange(outcome.Value.Entries);
        }

        if (await TaskRows.InsertAsync(scope, dialect, created, ct) != created.Count
            || await TaskRows.UpdateAsync(scope, dialect, followed, ct) != followed.Count)
            return Outcome<MasterTaskImport>.Refuse("version", "En kommunes kopi af opgaven blev ændret under importen; importér igen.");
        await TaskRows.AppendHistoryAsync(scope, dialect, entries, ct);
        await scope.CommitAsync(ct);
        return Outcome<MasterTaskImport>.Accept(new MasterTaskImport(
            newest is null ? MasterTaskImportKind.Created : MasterTaskImportKind.NewVersion, stored, changed, followed.Count + created.Count));
    }

    /// <summary>The project's master tasks, the newest version of each, by master task id (numerically), then title.</summary>
    public async Task<IReadOnlyList<StoredMasterTask>> NewestAsync(string project, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT {Columns} FROM rollout_master_tasks m
            WHERE m.project = @p AND m.version = (SELECT MAX(x.version) FROM rollout_master_tasks x WHERE x.project = m.project AND x.master_key = m.master_key)
            """;
        cmd.With("@p", project);
        var list = await ReadAllAsync(cmd, ct);
        return [.. list.OrderBy(m => int.TryParse(m.Fields.MasterTaskId, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue)
            .ThenBy(m => m.Fields.MasterTaskId, StringComparer.Ordinal).ThenBy(m => m.Fields.Title, StringComparer.Ordinal)];
    }

    /// <summary>One version of one master task, or null.</summary>
    public async Task<StoredMasterTask?> VersionAsync(string project, string masterKey, int version, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM rollout_master_tasks m WHERE m.project = @p AND m.master_key = @k AND m.version = @v";
        cmd.With("@p", project).With("@k", masterKey).With("@v", version);
        return (await ReadAllAsync(cmd, ct)).SingleOrDefault();
    }

    /// <summary>Every version of one master task, oldest first.</summary>
    public async Task<IReadOnlyList<StoredMasterTask>> VersionsAsync(string project, string masterKey, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM rollout_master_tasks m WHERE m.project = @p AND m.master_key = @k ORDER BY m.version";
        cmd.With("@p", project).With("@k", masterKey);
        return await ReadAllAsync(cmd, ct);
    }

    internal static string MasterLock(string project, string key) => "rollout-master:" + project + "\n" + key;

    private const string Columns = "m.master_key, m.fingerprint, m.fields, m.changed_fields, m.imported_at, m.imported_by";

    private static async Task<StoredMasterTask?> NewestAsync(DbConnection c, DbTransaction tx, string project, string key, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT {Columns} FROM rollout_master_tasks m WHERE m.project = @p AND m.master_key = @k ORDER BY m.version DESC LIMIT 1";
        cmd.With("@p", project).With("@k", key);
        return (await ReadAllAsync(cmd, ct)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<MunicipalTask>> CopiesAsync(WriteScope scope, string project, string key, CancellationToken ct)
    {
        await using var cmd = scope.Command("SELECT task FROM rollout_tasks WHERE project = @p AND master_key = @k").With("@p", project).With("@k", key);
        var list = new List<MunicipalTask>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(TaskRows.Read(r.GetString(0)));
        return list;
    }

    private static async Task<IReadOnlyList<StoredMasterTask>> ReadAllAsync(DbCommand cmd, CancellationToken ct)
    {
        var list = new List<StoredMasterTask>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new StoredMasterTask(RolloutJson.Read<MasterTaskFields>(r.GetString(2)), r.GetString(0), r.GetString(1),
                RolloutJson.Read<List<string>>(r.GetString(3)), ClaimCodec.FromMicros(r.GetInt64(4)), r.GetString(5)));
        }
        return list;
    }
}

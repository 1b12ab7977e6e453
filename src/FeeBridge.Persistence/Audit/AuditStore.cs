using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Audit;

/// <summary>
/// One entry of the audit log: who did what to which record, when, and why (CONTRACTS.md §5 and §8). Never a full
/// CPR number: a record names a claim or a task, and a reason is the person's own words.
/// </summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Record, string? Reason, string? Detail);

/// <summary>
/// The append-only audit log: every change a member of staff makes and every view of a full CPR number. The store has
/// no update or delete, and the database refuses both (a trigger on each store), so not even a bug or a hand-written
/// statement through FeeBridge's own connection can rewrite what happened. Its own migration sequence: the log serves
/// the ledger's staff console and the rollout alike.
/// </summary>
public sealed class AuditStore(StoreDialect dialect)
{
    public static readonly MigrationSequence Sequence = new("the audit log", "audit_schema_migrations",
    [
        (1, """
            CREATE TABLE audit_log (
                id        {identity},
                at        {int64} NOT NULL,
                actor     TEXT NOT NULL,
                action    TEXT NOT NULL,
                record    TEXT NOT NULL,
                reason    TEXT,
                detail    TEXT
            );
            CREATE INDEX audit_log_at ON audit_log (at);
            CREATE INDEX audit_log_actor ON audit_log (actor, at);
            CREATE INDEX audit_log_record ON audit_log (record, at);
            """, null),
        (2, """
            CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
            CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
            """, "postgresql"),
        (3, """
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            """, "sqlite"),
    ]);

    public const int MaxReason = 1000;

    /// <summary>Appends one entry; returns its id.</summary>
    public async Task<long> AppendAsync(DateTimeOffset at, string actor, string action, string record, string? reason, string? detail, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("""
            INSERT INTO audit_log (at, actor, action, record, reason, detail) VALUES (@at, @actor, @action, @record, @reason, @detail) RETURNING id
            """).With("@at", ClaimCodec.ToMicros(at)).With("@actor", actor).With("@action", action).With("@record", record)
            .With("@reason", reason is { Length: > MaxReason } ? reason[..MaxReason] : reason).With("@detail", detail);
        var id = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        await scope.CommitAsync(ct);
        return id;
    }

    /// <summary>Newest first, optionally from a time, by one actor, or about one record (exact, or a prefix ending in '/').</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(DateTimeOffset? since, string? actor, string? record, long? beforeId, int limit, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        var where = new List<string>();
        if (since is { } s) { where.Add("at >= @since"); cmd.With("@since", ClaimCodec.ToMicros(s)); }
        if (actor is not null) { where.Add("actor = @actor"); cmd.With("@actor", actor); }
        if (record is not null) { where.Add("record = @record"); cmd.With("@record", record); }
        if (beforeId is { } b) { where.Add("id < @before"); cmd.With("@before", b); }
        cmd.CommandText = $"SELECT id, at, actor, action, record, reason, detail FROM audit_log {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))} ORDER BY id DESC LIMIT @n";
        cmd.With("@n", limit);
        var list = new List<AuditEntry>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new AuditEntry(r.GetInt64(0), ClaimCodec.FromMicros(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)));
        return list;
    }
}

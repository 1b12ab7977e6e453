using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Rollout.Communication.Plan;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Persistence.Rollout;

/// <summary>A plan row as kept: the row, its revision (1 when written, one more each edit), and who last wrote it when.</summary>
public sealed record StoredPlanRow(PlanRow Row, int Revision, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>One change of a plan: added, changed, deleted or generated, with the row before and after as the draft's JSON.</summary>
public sealed record PlanHistoryEntry(long Id, string RowId, DateTimeOffset At, string Who, string Action, string? Before, string? After);

/// <summary>How a write of a row went: written, not found, or refused because someone else wrote it since.</summary>
public enum PlanWriteOutcome { Written, NotFound, Conflict }

public sealed record PlanRowWrite(PlanWriteOutcome Outcome, StoredPlanRow? Row, string? Problem = null);

/// <summary>
/// The municipalities' communication plans (issue 16 part 1). A municipality's plan is generated once, on its first
/// read (<see cref="EnsureAsync"/>: the row in <c>rollout_comm_plans</c> is the "generated" mark, so two first reads
/// at once generate one plan), then edited row by row. Each row is kept as its draft's JSON and read back through
/// <see cref="PlanRowValidation"/>; every change is appended to the plan's history in the same transaction.
/// </summary>
public sealed class CommunicationPlanStore(StoreDialect dialect)
{
    private static string Lock(Kommunekode m) => "rollout-comm-plan:" + m.Value;

    /// <summary>The plan's rows in order, generating <paramref name="defaults"/> first when the plan has never been read.</summary>
    public async Task<IReadOnlyList<StoredPlanRow>> EnsureAsync(Kommunekode municipality, Func<IReadOnlyList<PlanRow>> defaults, TaskActor by, CancellationToken ct)
    {
        if (await IsGeneratedAsync(municipality, ct)) return await RowsAsync(municipality, ct);
        await using (var scope = await dialect.BeginWriteAsync(Lock(municipality), ct))
        {
            await using var mark = scope.Command("""
                INSERT INTO rollout_comm_plans (municipality, generated_at, generated_by) VALUES (@m, @t, @by) ON CONFLICT (municipality) DO NOTHING
                """).With("@m", municipality.Value).With("@t", ClaimCodec.ToMicros(by.At)).With("@by", by.Who);
            if (await mark.ExecuteNonQueryAsync(ct) == 1)
            {
                var position = 0;
                foreach (var row in defaults())
                {
                    await InsertAsync(scope, municipality, row, ++position, by, ct);
                    await HistoryAsync(scope, municipality, row.RowId, by, "generated", null, Json(row), ct);
                }
            }
            await scope.CommitAsync(ct);
        }
        return await RowsAsync(municipality, ct);
    }

    public async Task<bool> IsGeneratedAsync(Kommunekode municipality, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM rollout_comm_plans WHERE municipality = @m";
        cmd.With("@m", municipality.Value);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The plan's rows in their order (added rows last).</summary>
    public async Task<IReadOnlyList<StoredPlanRow>> RowsAsync(Kommunekode municipality, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT row_id, row_json, revision, updated_at, updated_by FROM rollout_comm_plan_rows WHERE municipality = @m ORDER BY position, row_id";
        cmd.With("@m", municipality.Value);
        var rows = new List<StoredPlanRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add(Read(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt64(3), r.GetString(4)));
        return rows;
    }

    public async Task<StoredPlanRow?> FindAsync(Kommunekode municipality, string rowId, CancellationToken ct) =>
        (await RowsAsync(municipality, ct)).FirstOrDefault(r => r.Row.RowId == rowId);

    /// <summary>Adds a row at the end of the plan.</summary>
    public async Task<StoredPlanRow> AddAsync(Kommunekode municipality, PlanRow row, TaskActor by, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync(Lock(municipality), ct);
        await using var max = scope.Command("SELECT COALESCE(MAX(position), 0) FROM rollout_comm_plan_rows WHERE municipality = @m").With("@m", municipality.Value);
        var position = Convert.ToInt32(await max.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) + 1;
        await InsertAsync(scope, municipality, row, position, by, ct);
        await HistoryAsync(scope, municipality, row.RowId, by, "added", null, Json(row), ct);
        await scope.CommitAsync(ct);
        return new StoredPlanRow(row, 1, by.At, by.Who);
    }

    /// <summary>Replaces a row; with <paramref name="expectedRevision"/> refused when it was written by someone else since.</summary>
    public async Task<PlanRowWrite> UpdateAsync(Kommunekode municipality, PlanRow row, int? expectedRevision, TaskActor by, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync(Lock(municipality), ct);
        var current = await ReadAsync(scope, municipality, row.RowId, ct);
        if (current is null) return new PlanRowWrite(PlanWriteOutcome.NotFound, null);
        if (expectedRevision is { } expected && expected != current.Revision)
            return new PlanRowWrite(PlanWriteOutcome.Conflict, current,
                $"Rækken er ændret af {current.UpdatedBy}, siden den blev hentet (revision {expected}, nu {current.Revision}). Hent den igen.");
        var (before, after) = (Json(current.Row), Json(row));
        if (before == after) return new PlanRowWrite(PlanWriteOutcome.Written, current);
        await using var cmd = scope.Command("""
            UPDATE rollout_comm_plan_rows SET row_json = @j, revision = revision + 1, updated_at = @t, updated_by = @by
            WHERE municipality = @m AND row_id = @r
            """).With("@m", municipality.Value).With("@r", row.RowId).With("@j", after).With("@t", ClaimCodec.ToMicros(by.At)).With("@by", by.Who);
        await cmd.ExecuteNonQueryAsync(ct);
        await HistoryAsync(scope, municipality, row.RowId, by, "changed", before, after, ct);
        await scope.CommitAsync(ct);
        return new PlanRowWrite(PlanWriteOutcome.Written, new StoredPlanRow(row, current.Revision + 1, by.At, by.Who));
    }

    /// <summary>Removes a row; its history stays. False when there was none.</summary>
    public async Task<bool> DeleteAsync(Kommunekode municipality, string rowId, TaskActor by, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync(Lock(municipality), ct);
        var current = await ReadAsync(scope, municipality, rowId, ct);
        if (current is null) return false;
        await using var cmd = scope.Command("DELETE FROM rollout_comm_plan_rows WHERE municipality = @m AND row_id = @r")
            .With("@m", municipality.Value).With("@r", rowId);
        await cmd.ExecuteNonQueryAsync(ct);
        await HistoryAsync(scope, municipality, rowId, by, "deleted", Json(current.Row), null, ct);
        await scope.CommitAsync(ct);
        return true;
    }

    /// <summary>Every change of the plan, oldest first.</summary>
    public async Task<IReadOnlyList<PlanHistoryEntry>> HistoryAsync(Kommunekode municipality, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, row_id, at, who, action, before_value, after_value FROM rollout_comm_plan_history WHERE municipality = @m ORDER BY id";
        cmd.With("@m", municipality.Value);
        var list = new List<PlanHistoryEntry>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new PlanHistoryEntry(r.GetInt64(0), r.GetString(1), ClaimCodec.FromMicros(r.GetInt64(2)), r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)));
        return list;
    }

    private static string Json(PlanRow row) => RolloutJson.Write(PlanRowDraft.Of(row));

    private static StoredPlanRow Read(string rowId, string json, int revision, long updatedAt, string updatedBy)
    {
        var outcome = PlanRowValidation.Validate(RolloutJson.Read<PlanRowDraft>(json), rowId, gallery: null);
        // Only validated rows are saved; a stored one that fails now was changed outside FeeBridge.
        if (!outcome.IsAccepted) throw new InvalidDataException($"The stored plan row {rowId} no longer passes validation: {outcome}");
        return new StoredPlanRow(outcome.Value, revision, ClaimCodec.FromMicros(updatedAt), updatedBy);
    }

    private static async Task<StoredPlanRow?> ReadAsync(WriteScope scope, Kommunekode municipality, string rowId, CancellationToken ct)
    {
        await using var cmd = scope.Command("SELECT row_json, revision, updated_at, updated_by FROM rollout_comm_plan_rows WHERE municipality = @m AND row_id = @r")
            .With("@m", municipality.Value).With("@r", rowId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(rowId, r.GetString(0), r.GetInt32(1), r.GetInt64(2), r.GetString(3)) : null;
    }

    private static async Task InsertAsync(WriteScope scope, Kommunekode municipality, PlanRow row, int position, TaskActor by, CancellationToken ct)
    {
        await using var cmd = scope.Command("""
            INSERT INTO rollout_comm_plan_rows (municipality, row_id, position, row_json, revision, updated_at, updated_by) VALUES (@m, @r, @p, @j, 1, @t, @by)
            """).With("@m", municipality.Value).With("@r", row.RowId).With("@p", position).With("@j", Json(row))
            .With("@t", ClaimCodec.ToMicros(by.At)).With("@by", by.Who);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task HistoryAsync(WriteScope scope, Kommunekode municipality, string rowId, TaskActor by, string action, string? before, string? after, CancellationToken ct)
    {
        await using var cmd = scope.Command("""
            INSERT INTO rollout_comm_plan_history (municipality, row_id, at, who, action, before_value, after_value) VALUES (@m, @r, @t, @by, @a, @b, @af)
            """).With("@m", municipality.Value).With("@r", rowId).With("@t", ClaimCodec.ToMicros(by.At)).With("@by", by.Who)
            .With("@a", action).With("@b", before).With("@af", after);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

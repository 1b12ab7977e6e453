using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.Persistence.Rollout;

/// <summary>A working group as kept: the definition and who created it when.</summary>
public sealed record StoredWorkingGroup(WorkingGroup Group, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>
/// A group's lottery as kept: the canonical published list and its hash, the selection's figures (JSON the server
/// owns), who prepared it when; after the draw, the public random value, the draw (JSON) and who drew when.
/// </summary>
public sealed record StoredLottery(
    string GroupId,
    string Lottery,
    string LotteryHash,
    string Summary,
    DateTimeOffset PreparedAt,
    string PreparedBy,
    string? RandomValue,
    string? Draw,
    DateTimeOffset? DrawnAt,
    string? DrawnBy);

/// <summary>
/// Working groups (CONTRACTS.md §7): definitions, applications and the lottery. A sign-up is decided under the
/// group's write lock with every application so far in hand, so two project leaders of one municipality clicking at
/// once get one seat and one 409 (the unique index holds it too). A lottery is written once and a draw once.
/// </summary>
public sealed class WorkingGroupStore(StoreDialect dialect)
{
    private static string Lock(string groupId) => "rollout-working-group:" + groupId;

    /// <summary>Stores a new group; false (nothing written) when the id is taken.</summary>
    public async Task<bool> CreateAsync(WorkingGroup group, DateTimeOffset at, string by, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync(Lock(group.Id), ct);
        await using var cmd = scope.Command("""
            INSERT INTO rollout_working_groups (group_id, definition, created_at, created_by) VALUES (@g, @d, @t, @by)
            ON CONFLICT (group_id) DO NOTHING
            """).With("@g", group.Id).With("@d", RolloutJson.Write(group)).With("@t", ClaimCodec.ToMicros(at)).With("@by", by);
        var created = await cmd.ExecuteNonQueryAsync(ct) == 1;
        await scope.CommitAsync(ct);
        return created;
    }

    /// <summary>The group, or null.</summary>
    public async Task<StoredWorkingGroup?> FindAsync(string groupId, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT definition, created_at, created_by FROM rollout_working_groups WHERE group_id = @g";
        cmd.With("@g", groupId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new StoredWorkingGroup(RolloutJson.Read<WorkingGroup>(r.GetString(0)), ClaimCodec.FromMicros(r.GetInt64(1)), r.GetString(2)) : null;
    }

    /// <summary>Every group, by id.</summary>
    public async Task<IReadOnlyList<StoredWorkingGroup>> AllAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT definition, created_at, created_by FROM rollout_working_groups ORDER BY group_id";
        var list = new List<StoredWorkingGroup>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(new StoredWorkingGroup(RolloutJson.Read<WorkingGroup>(r.GetString(0)), ClaimCodec.FromMicros(r.GetInt64(1)), r.GetString(2)));
        return list;
    }

    /// <summary>
    /// Decides an application with <paramref name="decide"/> (given every application of the group so far) under the
    /// group's lock, and stores it when accepted. Returns the decision.
    /// </summary>
    public async Task<SignUpDecision> ApplyAsync(string groupId, Func<IReadOnlyList<GroupApplication>, SignUpDecision> decide, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync(Lock(groupId), ct);
        var existing = new List<GroupApplication>();
        await using (var read = scope.Command("SELECT application FROM rollout_group_applications WHERE group_id = @g ORDER BY submitted_at, application_id").With("@g", groupId))
        await using (var r = await read.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) existing.Add(RolloutJson.Read<GroupApplication>(r.GetString(0)));
        var decision = decide(existing);
        if (decision.Application is { } a)
        {
            await using var cmd = scope.Command("""
                INSERT INTO rollout_group_applications (application_id, group_id, track, municipality, email_key, application, submitted_at)
                VALUES (@id, @g, @t, @m, @e, @a, @at)
                """).With("@id", a.Id).With("@g", groupId).With("@t", a.Track).With("@m", a.Municipality.Value)
                .With("@e", a.Email.Value.ToLowerInvariant()).With("@a", RolloutJson.Write(a)).With("@at", ClaimCodec.ToMicros(a.SubmittedAt));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await scope.CommitAsync(ct);
        return decision;
    }

    /// <summary>The group's applications, oldest first.</summary>
    public async Task<IReadOnlyList<GroupApplication>> ApplicationsAsync(string groupId, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT application FROM rollout_group_applications WHERE group_id = @g ORDER BY submitted_at, application_id";
        cmd.With("@g", groupId);
        var list = new List<GroupApplication>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(RolloutJson.Read<GroupApplication>(r.GetString(0)));
        return list;
    }

    /// <summary>One application of the group, or null.</summary>
    public async Task<GroupApplication?> FindApplicationAsync(string groupId, string applicationId, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT application FROM rollout_group_applications WHERE group_id = @g AND application_id = @id";
        cmd.With("@g", groupId).With("@id", applicationId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? RolloutJson.Read<GroupApplication>(r.GetString(0)) : null;
    }

    /// <summary>Stores the prepared lottery unless one is stored already; either way returns the one that stands.</summary>
    public async Task<StoredLottery> SaveLotteryAsync(string groupId, string lottery, string hash, string summary, DateTimeOffset at, string by, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync(Lock(groupId), ct);
        await using (var cmd = scope.Command("""
            INSERT INTO rollout_group_lotteries (group_id, lottery, lottery_hash, summary, prepared_at, prepared_by) VALUES (@g, @l, @h, @s, @t, @by)
            ON CONFLICT (group_id) DO NOTHING
            """).With("@g", groupId).With("@l", lottery).With("@h", hash).With("@s", summary).With("@t", ClaimCodec.ToMicros(at)).With("@by", by))
            await cmd.ExecuteNonQueryAsync(ct);
        var stored = (await ReadLotteryAsync(scope, groupId, ct))!;
        await scope.CommitAsync(ct);
        return stored;
    }

    /// <summary>Records the draw unless one is recorded; returns the lottery as it stands (with whichever draw came first).</summary>
    public async Task<StoredLottery?> SaveDrawAsync(string groupId, string randomValue, string draw, DateTimeOffset at, string by, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync(Lock(groupId), ct);
        await using (var cmd = scope.Command("""
            UPDATE rollout_group_lotteries SET random_value = @r, draw = @d, drawn_at = @t, drawn_by = @by WHERE group_id = @g AND random_value IS NULL
            """).With("@g", groupId).With("@r", randomValue).With("@d", draw).With("@t", ClaimCodec.ToMicros(at)).With("@by", by))
            await cmd.ExecuteNonQueryAsync(ct);
        var stored = await ReadLotteryAsync(scope, groupId, ct);
        await scope.CommitAsync(ct);
        return stored;
    }

    /// <summary>The group's lottery, or null before it is prepared.</summary>
    public async Task<StoredLottery?> LotteryAsync(string groupId, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = LotterySql;
        cmd.With("@g", groupId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? ReadLottery(r) : null;
    }

    private const string LotterySql = """
        SELECT group_id, lottery, lottery_hash, summary, prepared_at, prepared_by, random_value, draw, drawn_at, drawn_by
        FROM rollout_group_lotteries WHERE group_id = @g
        """;

    private static async Task<StoredLottery?> ReadLotteryAsync(WriteScope scope, string groupId, CancellationToken ct)
    {
        await using var cmd = scope.Command(LotterySql).With("@g", groupId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? ReadLottery(r) : null;
    }

    private static StoredLottery ReadLottery(System.Data.Common.DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), ClaimCodec.FromMicros(r.GetInt64(4)), r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7),
        r.IsDBNull(8) ? null : ClaimCodec.FromMicros(r.GetInt64(8)), r.IsDBNull(9) ? null : r.GetString(9));
}

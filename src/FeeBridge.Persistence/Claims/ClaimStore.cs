using System.Data.Common;
using System.Globalization;
using System.Text;
using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Claims;

/// <summary>
/// The claim ledger on disk: claims (immutable headers), their append-only events, and the derived summaries.
/// All writes for one patron take turns (see <see cref="StoreDialect.BeginWriteAsync"/>), because the minimum rule
/// decides over the patron's claims together.
/// </summary>
public sealed class ClaimStore(StoreDialect dialect, ClaimCodec codec)
{
    private const string SummaryColumns =
        "agency_id, claim_id, municipality, patron_id, kind, status, route, hold_reason, amount_ore, written_down_ore, " +
        "paid_ore, written_off_ore, outstanding_ore, debtor_system_claim_id, created_at, updated_at";

    public StoreDialect Dialect => dialect;

    /// <summary>
    /// Stores a new claim and routes it, or recognises a replay. <paramref name="route"/> gets what the patron's
    /// claims waiting below the minimum still owe; <paramref name="release"/> queues one of those when the new claim
    /// lifts them over the minimum.
    /// </summary>
    public async Task<IntakeResult> IntakeAsync(
        ClaimHeader header,
        Func<Money, RoutingDecision> route,
        Func<ClaimHeader, ClaimQueued?> release,
        DateTimeOffset now,
        CancellationToken ct)
    {
        var headerJson = codec.HeaderJson(header);
        var hash = codec.ContentHash(header, headerJson);
        var agency = header.AgencyId.Value;

        await using (var scope = await dialect.BeginWriteAsync(PatronLock(agency, header.PatronId), ct))
        {
            var waiting = await WaitingBelowMinimumAsync(scope, agency, header.PatronId, ct);
            var decision = route(waiting.Aggregate(Money.Zero, (s, w) => s + w.Outstanding));

            await using var insert = scope.Command("""
                INSERT INTO claims (agency_id, claim_id, municipality, patron_id, content_hash, header_json, debtor_cpr, guardian_cpr, received_at)
                VALUES (@a, @c, @m, @p, @h, @j, @dc, @gc, @t) ON CONFLICT DO NOTHING
                """)
                .With("@a", agency).With("@c", header.ClaimId).With("@m", header.Municipality.Value)
                .With("@p", header.PatronId).With("@h", hash).With("@j", headerJson)
                .With("@dc", header.Debtor.Cpr is { } d ? codec.Protector.Encrypt(d) : null)
                .With("@gc", header.Guardian is { } g ? codec.Protector.Encrypt(g) : null)
                .With("@t", ClaimCodec.ToMicros(now));
            if (await insert.ExecuteNonQueryAsync(ct) == 1)
            {
                ClaimEvent second = decision switch
                {
                    RoutingDecision.Hold h => new ClaimHeld(h.Reason),
                    RoutingDecision.Queue q => q.Event,
                    _ => throw new InvalidOperationException(),
                };
                var events = new ClaimEvent[]
                {
                    new ClaimReceived(header.Amount) { Seq = 1, At = now },
                    second with { Seq = 2, At = now },
                };
                var state = ClaimState.Fold(header, events);
                await AppendAsync(scope, state, events, ct);

                if (decision is RoutingDecision.Queue { ReleaseWaiting: true })
                {
                    foreach (var w in waiting)
                    {
                        var held = await LoadAsync(scope.Connection, scope.Transaction, agency, w.ClaimId, ct);
                        if (held is null || release(held.Header) is not { } queued) continue;
                        var more = new ClaimEvent[] { queued with { Seq = held.NextSeq, At = now } };
                        await AppendAsync(scope, held.With(more), more, ct);
                    }
                }
                await scope.CommitAsync(ct);
                return new IntakeResult(IntakeOutcome.Created, state);
            }
        }

        // The id exists: the same content is a replay, anything else a conflict. Nothing was written.
        var existing = await GetAsync(agency, header.ClaimId, ct)
            ?? throw new InvalidOperationException("A claim reported as existing could not be read.");
        var storedHash = await ContentHashAsync(agency, header.ClaimId, ct);
        return new IntakeResult(storedHash.AsSpan().SequenceEqual(hash) ? IntakeOutcome.Replayed : IntakeOutcome.Conflict, existing);
    }

    /// <summary>
    /// Runs a library command on one claim under the patron's lock and appends what it decides.
    /// Returns null when the claim does not exist.
    /// </summary>
    public async Task<(CommandOutcome Outcome, ClaimState Claim)?> ExecuteAsync(
        string agencyId, string claimId, Func<ClaimState, CommandOutcome> command, CancellationToken ct)
    {
        var patron = await PatronOfAsync(agencyId, claimId, ct);
        if (patron is null) return null;

        await using var scope = await dialect.BeginWriteAsync(PatronLock(agencyId, patron), ct);
        var state = await LoadAsync(scope.Connection, scope.Transaction, agencyId, claimId, ct);
        if (state is null) return null;
        var outcome = command(state);
        if (outcome is CommandOutcome.Accepted accepted)
        {
            state = state.With(accepted.Events);
            await AppendAsync(scope, state, accepted.Events, ct);
            await scope.CommitAsync(ct);
        }
        return (outcome, state);
    }

    /// <summary>Runs a command on every claim of a patron (e.g. a new debtor); returns how many claims changed.</summary>
    public async Task<int> ExecuteForPatronAsync(string agencyId, string patronId, Func<ClaimState, CommandOutcome> command, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync(PatronLock(agencyId, patronId), ct);
        var ids = new List<string>();
        await using (var cmd = scope.Command("SELECT claim_id FROM claims WHERE agency_id = @a AND patron_id = @p ORDER BY claim_id")
            .With("@a", agencyId).With("@p", patronId))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct)) ids.Add(r.GetString(0));
        }

        var changed = 0;
        foreach (var id in ids)
        {
            var state = (await LoadAsync(scope.Connection, scope.Transaction, agencyId, id, ct))!;
            if (command(state) is not CommandOutcome.Accepted accepted) continue;
            await AppendAsync(scope, state.With(accepted.Events), accepted.Events, ct);
            changed++;
        }
        await scope.CommitAsync(ct);
        return changed;
    }

    public async Task<ClaimState?> GetAsync(string agencyId, string claimId, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        return await LoadAsync(c, null, agencyId, claimId, ct);
    }

    public async Task<ClaimPage> ListAsync(ClaimQuery q, CancellationToken ct)
    {
        var sql = new StringBuilder($"SELECT {SummaryColumns} FROM claim_summaries WHERE agency_id = @a");
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.With("@a", q.AgencyId);
        if (q.Status is { } s) { sql.Append(" AND status = @s"); cmd.With("@s", ClaimNames.Of(s)); }
        if (q.PatronId is { } p) { sql.Append(" AND patron_id = @p"); cmd.With("@p", p); }
        if (q.ChangedSince is { } since) { sql.Append(" AND updated_at >= @since"); cmd.With("@since", ClaimCodec.ToMicros(since)); }
        if (Cursor.TryDecode(q.Cursor) is { } after)
        {
            sql.Append(" AND (updated_at < @cu OR (updated_at = @cu AND claim_id < @cc))");
            cmd.With("@cu", after.UpdatedAt).With("@cc", after.ClaimId);
        }
        sql.Append(" ORDER BY updated_at DESC, claim_id DESC LIMIT @n");
        cmd.With("@n", q.Limit + 1);
        cmd.CommandText = sql.ToString();

        var items = await ReadSummariesAsync(cmd, ct);
        string? next = null;
        if (items.Count > q.Limit)
        {
            items.RemoveAt(items.Count - 1);
            var last = items[^1];
            next = Cursor.Encode(ClaimCodec.ToMicros(last.UpdatedAt), last.ClaimId);
        }
        return new ClaimPage(items, next);
    }

    /// <summary>Every claim of one patron at one agency, for the balance.</summary>
    public async Task<IReadOnlyList<ClaimSummary>> PatronClaimsAsync(string agencyId, string patronId, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {SummaryColumns} FROM claim_summaries WHERE agency_id = @a AND patron_id = @p ORDER BY created_at, claim_id";
        cmd.With("@a", agencyId).With("@p", patronId);
        return await ReadSummariesAsync(cmd, ct);
    }

    private async Task<List<ClaimSummary>> WaitingBelowMinimumAsync(WriteScope scope, string agencyId, string patronId, CancellationToken ct)
    {
        await using var cmd = scope.Command($"""
            SELECT {SummaryColumns} FROM claim_summaries
            WHERE agency_id = @a AND patron_id = @p AND status = 'held' AND hold_reason = 'below-minimum'
            ORDER BY claim_id
            """).With("@a", agencyId).With("@p", patronId);
        return await ReadSummariesAsync(cmd, ct);
    }

    private async Task<ClaimState?> LoadAsync(DbConnection c, DbTransaction? tx, string agencyId, string claimId, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            SELECT header_json, debtor_cpr, guardian_cpr FROM claims WHERE agency_id = @a AND claim_id = @c;
            SELECT seq, at, type, amount_ore, data FROM claim_events WHERE agency_id = @a AND claim_id = @c ORDER BY seq;
            """;
        cmd.With("@a", agencyId).With("@c", claimId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var header = codec.ReadHeader(agencyId, claimId, r.GetString(0),
            r.IsDBNull(1) ? null : (byte[])r.GetValue(1),
            r.IsDBNull(2) ? null : (byte[])r.GetValue(2));
        await r.NextResultAsync(ct);
        var events = new List<ClaimEvent>();
        while (await r.ReadAsync(ct))
        {
            events.Add(codec.ReadEvent(r.GetInt32(0), r.GetInt64(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetInt64(3), r.GetString(4)));
        }
        return ClaimState.Fold(header, events);
    }

    /// <summary>Appends events and rewrites the summary from the folded state, in one round trip.</summary>
    private async Task AppendAsync(WriteScope scope, ClaimState state, IReadOnlyList<ClaimEvent> events, CancellationToken ct)
    {
        var h = state.Header;
        await using var cmd = scope.Command("");
        var sql = new StringBuilder();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            sql.Append(CultureInfo.InvariantCulture, $"""
                INSERT INTO claim_events (agency_id, claim_id, seq, at, type, amount_ore, data, idempotency_key)
                VALUES (@a, @c, @s{i}, @t{i}, @ty{i}, @am{i}, @d{i}, @k{i});

                """);
            cmd.With($"@s{i}", e.Seq).With($"@t{i}", ClaimCodec.ToMicros(e.At)).With($"@ty{i}", e.Type)
               .With($"@am{i}", e.Amount?.Ore).With($"@d{i}", codec.EventData(e)).With($"@k{i}", e.IdempotencyKey);
        }
        sql.Append("""
            INSERT INTO claim_summaries (agency_id, claim_id, municipality, patron_id, liable_hash, kind, status, route, hold_reason,
                amount_ore, written_down_ore, paid_ore, written_off_ore, outstanding_ore, debtor_system_claim_id, created_at, updated_at, last_seq)
            VALUES (@a, @c, @m, @p, @lh, @kind, @st, @ro, @hr, @amt, @wd, @pd, @wo, @out, @dsid, @ca, @ua, @ls)
            ON CONFLICT (agency_id, claim_id) DO UPDATE SET
                liable_hash = excluded.liable_hash, status = excluded.status, route = excluded.route, hold_reason = excluded.hold_reason,
                written_down_ore = excluded.written_down_ore, paid_ore = excluded.paid_ore, written_off_ore = excluded.written_off_ore,
                outstanding_ore = excluded.outstanding_ore, debtor_system_claim_id = excluded.debtor_system_claim_id,
                updated_at = excluded.updated_at, last_seq = excluded.last_seq;
            """);
        cmd.CommandText = sql.ToString();
        cmd.With("@a", h.AgencyId.Value).With("@c", h.ClaimId).With("@m", h.Municipality.Value).With("@p", h.PatronId)
           .With("@lh", codec.LiableHash(state.LiableParty)).With("@kind", ClaimNames.Of(h.Kind))
           .With("@st", ClaimNames.Of(state.Status)).With("@ro", ClaimNames.Of(state.Route))
           .With("@hr", state.HoldReason is { } r ? ClaimNames.Of(r) : null)
           .With("@amt", state.Amount.Ore).With("@wd", state.WrittenDown.Ore).With("@pd", state.Paid.Ore)
           .With("@wo", state.WrittenOff.Ore).With("@out", state.Outstanding.Ore).With("@dsid", state.DebtorSystemClaimId)
           .With("@ca", h.CreatedAt.ToString("O", CultureInfo.InvariantCulture))
           .With("@ua", ClaimCodec.ToMicros(state.UpdatedAt)).With("@ls", state.Events.Count);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<string?> PatronOfAsync(string agencyId, string claimId, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT patron_id FROM claims WHERE agency_id = @a AND claim_id = @c";
        cmd.With("@a", agencyId).With("@c", claimId);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    private async Task<byte[]> ContentHashAsync(string agencyId, string claimId, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT content_hash FROM claims WHERE agency_id = @a AND claim_id = @c";
        cmd.With("@a", agencyId).With("@c", claimId);
        return (byte[])(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task<List<ClaimSummary>> ReadSummariesAsync(DbCommand cmd, CancellationToken ct)
    {
        var list = new List<ClaimSummary>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            ClaimNames.TryParseStatus(r.GetString(5), out var status);
            list.Add(new ClaimSummary(
                r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), status, r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7),
                Money.FromOre(r.GetInt64(8)), Money.FromOre(r.GetInt64(9)), Money.FromOre(r.GetInt64(10)),
                Money.FromOre(r.GetInt64(11)), Money.FromOre(r.GetInt64(12)),
                r.IsDBNull(13) ? null : r.GetString(13),
                DateTimeOffset.Parse(r.GetString(14), CultureInfo.InvariantCulture),
                ClaimCodec.FromMicros(r.GetInt64(15))));
        }
        return list;
    }

    private static string PatronLock(string agencyId, string patronId) => $"patron:{agencyId}:{patronId}";
}

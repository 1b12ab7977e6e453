using System.Data.Common;
using System.Globalization;
using System.Text;
using FeeBridge.Domain.Claims;
using FeeBridge.Persistence.Queues;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Claims;

/// <summary>
/// The claim ledger's write side: claims are rebuilt from their append-only events, commands run under the patron's
/// lock, and every append writes, in the same round trip, the events, the summaries, the handlings the debtor system
/// must get (outbox) and what the library side must hear (notices). The other faces — intake
/// (<see cref="ClaimIntakeStore"/>), queries (<see cref="ClaimQueries"/>), the debtor system's receipts
/// (<see cref="Outbox.OutboxStore.ApplyReceiptsAsync"/>) and reports (<see cref="Inbox.InboxStore.ReceiveAsync"/>) —
/// append through this one. All writes for one patron take turns (<see cref="StoreDialect.BeginWriteAsync"/>),
/// because the minimum rule decides over the patron's claims together.
/// </summary>
public sealed partial class ClaimLedger(StoreDialect dialect, ClaimCodec codec)
{
    internal const string SummaryColumns =
        "agency_id, claim_id, municipality, patron_id, kind, status, route, hold_reason, amount_ore, written_down_ore, " +
        "paid_ore, written_off_ore, outstanding_ore, debtor_system_claim_id, created_at, updated_at, credit_ore, needs_reconciliation";

    internal StoreDialect Dialect => dialect;
    internal ClaimCodec Codec => codec;

    /// <summary>
    /// Runs a library command on one claim under the patron's lock and appends what it decides.
    /// Returns null when the claim does not exist.
    /// </summary>
    public async Task<(CommandOutcome Outcome, ClaimState Claim)?> ExecuteAsync(
        ClaimKey claim, Func<ClaimState, CommandOutcome> command, CancellationToken ct)
    {
        var patron = await PatronOfAsync(claim, ct);
        if (patron is null) return null;

        await using var scope = await dialect.BeginWriteAsync(PatronLock(claim.AgencyId, patron), ct);
        var state = await LoadAsync(scope.Connection, scope.Transaction, claim, ct);
        if (state is null) return null;
        var outcome = command(state);
        if (outcome is CommandOutcome.Accepted accepted)
        {
            var before = state;
            state = state.With(accepted.Events);
            await AppendAsync(scope, [new Append(before, state, accepted.Events)], ct);
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
            var state = (await LoadAsync(scope.Connection, scope.Transaction, new ClaimKey(agencyId, id), ct))!;
            if (command(state) is not CommandOutcome.Accepted accepted) continue;
            await AppendAsync(scope, [new Append(state, state.With(accepted.Events), accepted.Events)], ct);
            changed++;
        }
        await scope.CommitAsync(ct);
        return changed;
    }

    private long _eventsRead;

    /// <summary>
    /// How many stored events this store has read to rebuild claims since it was opened: a measure of work for
    /// tests and diagnostics (applying n reports to one claim must read about n, not n per batch).
    /// </summary>
    public long EventsRead => Interlocked.Read(ref _eventsRead);

    /// <summary>
    /// Takes the patrons' locks and reads how many events each claim has, in one round trip: the summary's
    /// <c>last_seq</c> is written with every append, so under the lock it tells whether a claim read earlier is current.
    /// </summary>
    internal async Task<Dictionary<ClaimKey, int>> LockAndReadLastSeqsAsync(
        WriteScope scope, IReadOnlyCollection<string> patronLocks, IReadOnlyList<ClaimKey> claims, CancellationToken ct)
    {
        await using var cmd = scope.Command("");
        var locks = dialect.LockSql(cmd, patronLocks);
        var seqs = new Dictionary<ClaimKey, int>();
        await using var r = await ReadAfterLocksAsync(cmd, locks,
            $"SELECT agency_id, claim_id, last_seq FROM claim_summaries WHERE {AnyOf(cmd, claims)}", ct);
        while (await r.ReadAsync(ct)) seqs[new ClaimKey(r.GetString(0), r.GetString(1))] = r.GetInt32(2);
        return seqs;
    }

    /// <summary>
    /// Runs <paramref name="locks"/> (<see cref="StoreDialect.LockSql"/>) and then <paramref name="sql"/> in one round
    /// trip; the reader is positioned on the first result of <paramref name="sql"/>.
    /// </summary>
    internal static async Task<DbDataReader> ReadAfterLocksAsync(DbCommand cmd, string locks, string sql, CancellationToken ct)
    {
        cmd.CommandText = locks.Length > 0 ? locks + ";\n" + sql : sql;
        var r = await cmd.ExecuteReaderAsync(ct);
        if (locks.Length > 0) await r.NextResultAsync(ct);
        return r;
    }

    /// <summary>Events decided for several claims in one transaction: each claim's state moves on as events are added; appended together.</summary>
    internal sealed class Changes(Dictionary<ClaimKey, ClaimState> states, string missing)
    {
        private readonly Dictionary<ClaimKey, (ClaimState Before, List<ClaimEvent> Events)> _appended = new();

        public ClaimState this[ClaimKey key] => states.GetValueOrDefault(key) ?? throw new InvalidOperationException(missing);

        public void Add(ClaimKey key, IReadOnlyList<ClaimEvent> events)
        {
            var before = this[key];
            states[key] = before.With(events);
            if (!_appended.TryGetValue(key, out var added)) _appended[key] = added = (before, []);
            added.Events.AddRange(events);
        }

        public Task AppendAsync(ClaimLedger ledger, WriteScope scope, CancellationToken ct, Func<DbCommand, string>? also = null,
            Func<DbDataReader, Task>? readAlso = null) =>
            _appended.Count == 0 && also is null ? Task.CompletedTask
                : ledger.AppendAsync(scope, _appended.Select(a => new Append(a.Value.Before, states[a.Key], a.Value.Events)).ToList(), ct, also, readAlso);
    }

    /// <summary>Events added to a claim in one transaction: the claim before them and after.</summary>
    internal sealed record Append(ClaimState Before, ClaimState After, IReadOnlyList<ClaimEvent> Events);

    internal async Task<Dictionary<ClaimKey, string>> PatronsOfAsync(IReadOnlyList<ClaimKey> claims, CancellationToken ct)
    {
        if (claims.Count == 0) return [];
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        return await PatronsOfAsync(cmd, claims, ct);
    }

    private async Task<Dictionary<ClaimKey, string>> PatronsOfAsync(DbCommand cmd, IReadOnlyList<ClaimKey> claims, CancellationToken ct)
    {
        cmd.CommandText = $"SELECT agency_id, claim_id, patron_id FROM claims WHERE {AnyOf(cmd, claims)}";
        var map = new Dictionary<ClaimKey, string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) map[new ClaimKey(r.GetString(0), r.GetString(1))] = r.GetString(2);
        return map;
    }

    internal Task<Dictionary<ClaimKey, ClaimState>> LoadManyAsync(
        DbConnection c, DbTransaction? tx, IReadOnlyCollection<ClaimKey> keys, CancellationToken ct) =>
        keys.Count == 0 ? Task.FromResult(new Dictionary<ClaimKey, ClaimState>())
            : LoadManyAsync(c, tx, cmd => AnyOf(cmd, keys), ct);

    /// <param name="where">Adds its parameters to the command and gives the condition on (agency_id, claim_id).</param>
    internal async Task<Dictionary<ClaimKey, ClaimState>> LoadManyAsync(
        DbConnection c, DbTransaction? tx, Func<DbCommand, string> where, CancellationToken ct)
    {
        var states = new Dictionary<ClaimKey, ClaimState>();
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        var which = where(cmd);
        cmd.CommandText = $"""
            SELECT agency_id, claim_id, header_json, debtor_cpr, guardian_cpr FROM claims WHERE {which};
            SELECT agency_id, claim_id, seq, at, type, amount_ore, data FROM claim_events WHERE {which} ORDER BY agency_id, claim_id, seq;
            """;
        var headers = new Dictionary<ClaimKey, ClaimHeader>();
        var events = new Dictionary<ClaimKey, List<ClaimEvent>>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var key = new ClaimKey(r.GetString(0), r.GetString(1));
            headers[key] = codec.ReadHeader(key.AgencyId, key.ClaimId, r.GetString(2),
                r.IsDBNull(3) ? null : (byte[])r.GetValue(3), r.IsDBNull(4) ? null : (byte[])r.GetValue(4));
            events[key] = [];
        }
        await r.NextResultAsync(ct);
        var read = 0;
        while (await r.ReadAsync(ct))
        {
            events[new ClaimKey(r.GetString(0), r.GetString(1))].Add(codec.ReadEvent(r.GetInt32(2), r.GetInt64(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetInt64(5), r.GetString(6)));
            read++;
        }
        Interlocked.Add(ref _eventsRead, read);
        foreach (var (key, header) in headers) states[key] = ClaimState.Fold(header, events[key]);
        return states;
    }

    internal async Task<ClaimState?> LoadAsync(DbConnection c, DbTransaction? tx, ClaimKey claim, CancellationToken ct) =>
        (await LoadManyAsync(c, tx, [claim], ct)).GetValueOrDefault(claim);

    private static readonly Column[] EventColumns =
    [
        new("agency_id", ColumnType.Text), new("claim_id", ColumnType.Text), new("seq", ColumnType.Int32), new("at", ColumnType.Int64),
        new("type", ColumnType.Text), new("amount_ore", ColumnType.Int64), new("data", ColumnType.Text), new("idempotency_key", ColumnType.Text),
    ];

    private static readonly Column[] OutboxColumns =
    [
        new("municipality", ColumnType.Text), new("agency_id", ColumnType.Text), new("claim_id", ColumnType.Text), new("seq", ColumnType.Int32),
        new("handling_id", ColumnType.Text), new("kind", ColumnType.Text), new("state", ColumnType.Text), new("attempts", ColumnType.Int32),
        new("not_before", ColumnType.Int64), new("lease_until", ColumnType.Int64), new("created_at", ColumnType.Int64),
    ];

    private static readonly Column[] NoticeColumns =
    [
        new("agency_id", ColumnType.Text), new("claim_id", ColumnType.Text), new("seq", ColumnType.Int32), new("event_id", ColumnType.Text),
        new("event_type", ColumnType.Text), new("target", ColumnType.Text), new("state", ColumnType.Text), new("attempts", ColumnType.Int32),
        new("not_before", ColumnType.Int64), new("lease_until", ColumnType.Int64), new("result", ColumnType.Text), new("created_at", ColumnType.Int64),
    ];

    private static readonly Column[] SummaryRowColumns =
    [
        new("agency_id", ColumnType.Text), new("claim_id", ColumnType.Text), new("municipality", ColumnType.Text), new("patron_id", ColumnType.Text),
        new("liable_hash", ColumnType.Blob), new("kind", ColumnType.Text), new("status", ColumnType.Text), new("route", ColumnType.Text),
        new("hold_reason", ColumnType.Text), new("amount_ore", ColumnType.Int64), new("written_down_ore", ColumnType.Int64),
        new("paid_ore", ColumnType.Int64), new("written_off_ore", ColumnType.Int64), new("outstanding_ore", ColumnType.Int64),
        new("debtor_system_claim_id", ColumnType.Text), new("created_at", ColumnType.Text), new("updated_at", ColumnType.Int64),
        new("last_seq", ColumnType.Int32), new("credit_ore", ColumnType.Int64), new("needs_reconciliation", ColumnType.Int32),
        new("debtor_hash", ColumnType.Blob), new("status_since", ColumnType.Int64),
    ];

    /// <summary>
    /// Appends events and rewrites the summaries from the folded states, in one round trip: with each event the
    /// handling it requires of the debtor system (the outbox) and what the library side must hear (notices).
    /// </summary>
    /// <param name="also">More statements for the same round trip, run first (it adds its parameters and gives its SQL), e.g. the inbox rows' new state.</param>
    /// <param name="readAlso">Reads what <paramref name="also"/> returns (e.g. <c>RETURNING</c>); the other statements return no rows.</param>
    internal async Task AppendAsync(WriteScope scope, IReadOnlyList<Append> appends, CancellationToken ct, Func<DbCommand, string>? also = null,
        Func<DbDataReader, Task>? readAlso = null)
    {
        var events = new RowSet(EventColumns);
        var outbox = new RowSet(OutboxColumns);
        var webhookNotices = new RowSet(NoticeColumns);
        var directNotices = new RowSet(NoticeColumns);
        var newSummaries = new RowSet(SummaryRowColumns);
        var changedSummaries = new RowSet(SummaryRowColumns);
        foreach (var (first, state, newEvents) in appends)
        {
            var h = state.Header;
            var (agency, claim) = (h.AgencyId.Value, h.ClaimId);
            // Moved on one event at a time from the state before them (each step costs the event, not the history).
            var before = first;
            foreach (var e in newEvents)
            {
                var at = ClaimCodec.ToMicros(e.At);
                events.Add(agency, claim, e.Seq, at, e.Type, e.Amount?.Ore, codec.EventData(e), e.IdempotencyKey);

                // The handling this event requires of the debtor system, decided in this same transaction.
                if (DebtorSystemHandlings.For(before, e) is { } kind)
                    outbox.Add(h.Municipality.Value, agency, claim, e.Seq, Guid.CreateVersion7(e.At).ToString(), kind.ToString(), QueueStates.Name(OutboxState.Pending), 0, at, 0, at);

                var after = before.With([e]);
                foreach (var notice in LibraryNotices.For(before, after, AgencyUsesFbs(agency)))
                {
                    // Staff notices are for staff to see, not to deliver.
                    (notice.Target == NoticeTarget.Webhook ? webhookNotices : directNotices).Add(
                        agency, claim, e.Seq, Guid.CreateVersion7().ToString(), notice.EventType, Notices.NoticeTargets.TargetName(notice.Target),
                        QueueStates.Name(notice.Target == NoticeTarget.Staff ? NoticeState.Attention : NoticeState.Pending), 0, at, 0, notice.Note, at);
                }
                before = after;
            }
            var summaries = state.Events.Count == newEvents.Count ? newSummaries : changedSummaries;
            summaries.Add(agency, claim, h.Municipality.Value, h.PatronId, codec.LiableHash(state.LiableParty), ClaimNames.Of(h.Kind),
                ClaimNames.Of(state.Status), ClaimNames.Of(state.Route), state.HoldReason is { } r ? ClaimNames.Of(r) : null,
                state.Amount.Ore, state.WrittenDown.Ore, state.Paid.Ore, state.WrittenOff.Ore, state.Outstanding.Ore, state.DebtorSystemClaimId,
                h.CreatedAt.ToString("O", CultureInfo.InvariantCulture), ClaimCodec.ToMicros(state.UpdatedAt), state.Events.Count,
                state.Credit.Ore, state.NeedsReconciliation ? 1 : 0, DebtorHash(state), ClaimCodec.ToMicros(state.StatusSince));
        }

        await using var cmd = scope.Command("");
        var sql = new StringBuilder();
        if (also is not null) sql.Append(also(cmd)).Append(";\n");
        if (events.Count > 0) sql.Append(dialect.InsertSql(cmd, "claim_events", events, "e")).Append(";\n");
        if (outbox.Count > 0) sql.Append(dialect.InsertSql(cmd, "outbox", outbox, "o")).Append(";\n");
        // Webhook notices only for agencies that registered a webhook.
        if (webhookNotices.Count > 0)
            sql.Append(dialect.InsertSql(cmd, "notices", webhookNotices, "w", where: "EXISTS (SELECT 1 FROM webhooks x WHERE x.agency_id = w.agency_id)")).Append(";\n");
        if (directNotices.Count > 0) sql.Append(dialect.InsertSql(cmd, "notices", directNotices, "d")).Append(";\n");
        // A new claim's summary is a plain insert (no key probe first, no speculative insertion). The others are
        // rewritten through the key's conflict, which always finds its row by the primary key: an UPDATE … FROM the
        // rows was planned as a hash join over the whole table while its statistics still said it was small.
        if (newSummaries.Count > 0) sql.Append(dialect.InsertSql(cmd, "claim_summaries", newSummaries, "n")).Append(";\n");
        if (changedSummaries.Count > 0) sql.Append(dialect.InsertSql(cmd, "claim_summaries", changedSummaries, "s", tail: """
            ON CONFLICT (agency_id, claim_id) DO UPDATE SET
                liable_hash = excluded.liable_hash, status = excluded.status, route = excluded.route, hold_reason = excluded.hold_reason,
                written_down_ore = excluded.written_down_ore, paid_ore = excluded.paid_ore, written_off_ore = excluded.written_off_ore,
                outstanding_ore = excluded.outstanding_ore, debtor_system_claim_id = excluded.debtor_system_claim_id,
                updated_at = excluded.updated_at, last_seq = excluded.last_seq,
                credit_ore = excluded.credit_ore, needs_reconciliation = excluded.needs_reconciliation, debtor_hash = excluded.debtor_hash,
                status_since = excluded.status_since
            """)).Append(";\n");
        if (sql.Length == 0) return;
        cmd.CommandText = sql.ToString();
        if (readAlso is null)
        {
            await cmd.ExecuteNonQueryAsync(ct);
            return;
        }
        await using var results = await cmd.ExecuteReaderAsync(ct);
        await readAlso(results);
        while (await results.NextResultAsync(ct)) { }
    }

    /// <summary>
    /// The keyed hash of the claim's own debtor where someone else (a minor's guardian) is liable, so the desk finds
    /// the child's claims by the child's number as well; null where the debtor is the liable party.
    /// </summary>
    private byte[]? DebtorHash(ClaimState state) => state.Header.Guardian is null ? null : codec.LiableHash(state.Debtor);

    /// <summary>Whether an agency's library system is FBS, which hears of full payment through its payment call.</summary>
    public Func<string, bool> AgencyUsesFbs { get; set; } = _ => false;

    private async Task<string?> PatronOfAsync(ClaimKey claim, CancellationToken ct) =>
        (await PatronsOfAsync([claim], ct)).GetValueOrDefault(claim);

    internal static async Task<List<ClaimSummary>> ReadSummariesAsync(DbCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await ReadSummariesAsync(r, ct);
    }

    /// <summary>The summaries in the reader's current result (columns as in <see cref="SummaryColumns"/>).</summary>
    internal static async Task<List<ClaimSummary>> ReadSummariesAsync(DbDataReader r, CancellationToken ct)
    {
        var list = new List<ClaimSummary>();
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
                ClaimCodec.FromMicros(r.GetInt64(15)),
                Money.FromOre(r.GetInt64(16)),
                r.GetInt64(17) != 0));
        }
        return list;
    }

    /// <summary>A condition on (agency_id, claim_id) matching any of <paramref name="claims"/>.</summary>
    internal string AnyOf(DbCommand cmd, IEnumerable<ClaimKey> claims) => dialect.AnyOf(cmd, claims.Select(k => (k.AgencyId, k.ClaimId)), "claim_id");

    /// <summary>A condition on (agency_id, <paramref name="otherColumn"/>) matching any of the pairs.</summary>
    internal string AnyOf(DbCommand cmd, IEnumerable<(string AgencyId, string Other)> pairs, string otherColumn) =>
        dialect.AnyOf(cmd, pairs, otherColumn);

    internal static string PatronLock(string agencyId, string patronId) => $"patron:{agencyId}:{patronId}";
}

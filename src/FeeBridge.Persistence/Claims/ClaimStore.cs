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
public sealed class ClaimStore : IAsyncDisposable
{
    private readonly StoreDialect dialect;
    private readonly ClaimCodec codec;
    private readonly IntakeBatcher _batcher;

    public ClaimStore(StoreDialect dialect, ClaimCodec codec)
    {
        this.dialect = dialect;
        this.codec = codec;
        _batcher = new IntakeBatcher(dialect.IntakeWriters, WriteIntakeBatchAsync);
    }

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();

    private const string SummaryColumns =
        "agency_id, claim_id, municipality, patron_id, kind, status, route, hold_reason, amount_ore, written_down_ore, " +
        "paid_ore, written_off_ore, outstanding_ore, debtor_system_claim_id, created_at, updated_at, credit_ore, needs_reconciliation";

    public StoreDialect Dialect => dialect;

    /// <summary>
    /// Stores a new claim and routes it, or recognises a replay. <paramref name="route"/> gets what the patron's
    /// claims waiting below the minimum still owe; <paramref name="release"/> queues one of those when the new claim
    /// lifts them over the minimum. Claims arriving together are written together (<see cref="IntakeBatcher"/>).
    /// </summary>
    public async Task<IntakeResult> IntakeAsync(
        ClaimHeader header,
        Func<Money, RoutingDecision> route,
        Func<ClaimHeader, ClaimQueued?> release,
        DateTimeOffset now,
        CancellationToken ct)
    {
        var created = await _batcher.SubmitAsync(new IntakeRequest(header, route, release, now), ct);
        if (created is not null) return new IntakeResult(IntakeOutcome.Created, created);

        // The id exists: the same content is a replay, anything else a conflict. Nothing was written.
        var agency = header.AgencyId.Value;
        var existing = await GetAsync(agency, header.ClaimId, ct)
            ?? throw new InvalidOperationException("A claim reported as existing could not be read.");
        var storedHash = await ContentHashAsync(agency, header.ClaimId, ct);
        var hash = codec.ContentHash(header, codec.HeaderJson(header));
        return new IntakeResult(storedHash.AsSpan().SequenceEqual(hash) ? IntakeOutcome.Replayed : IntakeOutcome.Conflict, existing);
    }

    /// <summary>
    /// Writes one batch of new claims in one transaction and three round trips: lock the patrons, insert what is new
    /// and read what the patrons have waiting below the minimum; route and append; commit.
    /// </summary>
    private async Task WriteIntakeBatchAsync(IReadOnlyList<IntakeRequest> batch)
    {
        var ct = CancellationToken.None;
        var created = new Dictionary<IntakeRequest, ClaimState>();
        await using (var scope = await dialect.BeginWriteAsync([], ct))
        {
            var (inserted, waiting) = await InsertHeadersAsync(scope, batch, ct);

            var appends = new List<Append>();
            foreach (var r in batch.Where(r => inserted.Contains(r.ClaimKey)))
            {
                var mine = waiting.GetValueOrDefault(r.PatronKey) ?? [];
                var decision = r.Route(mine.Aggregate(Money.Zero, (sum, w) => sum + w.Outstanding));
                ClaimEvent second = decision switch
                {
                    RoutingDecision.Hold h => new ClaimHeld(h.Reason),
                    RoutingDecision.Queue q => q.Event,
                    _ => throw new InvalidOperationException(),
                };
                var events = new ClaimEvent[] { new ClaimReceived(r.Header.Amount) { Seq = 1, At = r.Now }, second with { Seq = 2, At = r.Now } };
                var empty = ClaimState.Fold(r.Header, []);
                var state = empty.With(events);
                created[r] = state;
                appends.Add(new Append(empty, state, events));

                if (decision is not RoutingDecision.Queue { ReleaseWaiting: true }) continue;
                foreach (var w in mine)
                {
                    var held = await LoadAsync(scope.Connection, scope.Transaction, w.AgencyId, w.ClaimId, ct);
                    if (held is null || r.Release(held.Header) is not { } queued) continue;
                    var more = new ClaimEvent[] { queued with { Seq = held.NextSeq, At = r.Now } };
                    appends.Add(new Append(held, held.With(more), more));
                }
            }
            if (appends.Count > 0) await AppendAsync(scope, appends, ct);
            await scope.CommitAsync(ct);
        }
        foreach (var r in batch) r.Done.TrySetResult(created.GetValueOrDefault(r));
    }

    private static readonly Column[] HeaderColumns =
    [
        new("agency_id", ColumnType.Text), new("claim_id", ColumnType.Text), new("municipality", ColumnType.Text), new("patron_id", ColumnType.Text),
        new("content_hash", ColumnType.Blob), new("header_json", ColumnType.Text), new("debtor_cpr", ColumnType.Blob),
        new("guardian_cpr", ColumnType.Blob), new("received_at", ColumnType.Int64),
    ];

    /// <summary>
    /// Locks the batch's patrons, inserts the headers that are new and reads the claims the patrons have waiting below
    /// the minimum, in one round trip. Returns the keys (agency/claim) actually inserted, and the waiting claims by
    /// patron lock key.
    /// </summary>
    private async Task<(HashSet<string> Inserted, Dictionary<string, List<ClaimSummary>> Waiting)> InsertHeadersAsync(
        WriteScope scope, IReadOnlyList<IntakeRequest> batch, CancellationToken ct)
    {
        var headers = new RowSet(HeaderColumns);
        foreach (var request in batch)
        {
            var h = request.Header;
            var json = codec.HeaderJson(h);
            headers.Add(h.AgencyId.Value, h.ClaimId, h.Municipality.Value, h.PatronId, codec.ContentHash(h, json), json,
                h.Debtor.Cpr is { } d ? codec.Protector.Encrypt(d) : null, h.Guardian is { } g ? codec.Protector.Encrypt(g) : null,
                ClaimCodec.ToMicros(request.Now));
        }
        await using var cmd = scope.Command("");
        // The locks come first: a patron's waiting claims are read only once no other writer can change them.
        var locks = dialect.LockSql(cmd, batch.Select(r => r.PatronKey).ToList());
        var insert = dialect.InsertSql(cmd, "claims", headers, "h", tail: "ON CONFLICT DO NOTHING RETURNING agency_id, claim_id");
        var who = AnyOf(cmd, batch.Select(r => (r.Header.AgencyId.Value, r.Header.PatronId)), "patron_id");
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using var r = await ReadAfterLocksAsync(cmd, locks, $"""
            {insert};
            SELECT {SummaryColumns} FROM claim_summaries
            WHERE status = 'held' AND hold_reason = 'below-minimum' AND ({who})
            ORDER BY claim_id
            """, ct);
        while (await r.ReadAsync(ct)) inserted.Add(r.GetString(0) + "/" + r.GetString(1));
        await r.NextResultAsync(ct);
        var waiting = (await ReadSummariesAsync(r, ct))
            .GroupBy(w => PatronLock(w.AgencyId, w.PatronId))
            .ToDictionary(g => g.Key, g => g.ToList());
        return (inserted, waiting);
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
            var state = (await LoadAsync(scope.Connection, scope.Transaction, agencyId, id, ct))!;
            if (command(state) is not CommandOutcome.Accepted accepted) continue;
            await AppendAsync(scope, [new Append(state, state.With(accepted.Events), accepted.Events)], ct);
            changed++;
        }
        await scope.CommitAsync(ct);
        return changed;
    }

    /// <summary>
    /// Applies the debtor system's receipts for leased outbox rows, in one transaction: each row is closed (done or
    /// rejected, with the code and text) if this owner still holds its lease, and a registration's receipt becomes a
    /// <c>registered</c> or <c>rejected</c> event on its claim. A row whose lease was lost is left to its new owner,
    /// who gets the same receipt again (the debtor system answers a HandlingId once). <paramref name="shipped"/> holds
    /// the claims as they were read for the shipment; only those that changed since are read again.
    /// </summary>
    public async Task ApplyReceiptsAsync(
        IReadOnlyList<Outbox.HandlingOutcome> outcomes, IReadOnlyDictionary<(string AgencyId, string ClaimId), ClaimState> shipped,
        string owner, DateTimeOffset now, CancellationToken ct)
    {
        if (outcomes.Count == 0) return;
        var keys = outcomes.Select(o => (o.Item.AgencyId, o.Item.ClaimId)).Distinct().ToList();
        var states = keys.ToDictionary(k => k, k => shipped.GetValueOrDefault(k) ?? throw new InvalidOperationException("A receipt for a claim that was not shipped."));
        await using var scope = await dialect.BeginWriteAsync([], ct);
        var lastSeqs = await LockAndReadLastSeqsAsync(scope, states.Values.Select(s => PatronLock(s.Header.AgencyId.Value, s.Header.PatronId)).ToList(), keys, ct);
        // A claim whose history moved on while it was out (a write-down, say) is read again, now under its patron's lock.
        var moved = keys.Where(k => lastSeqs.GetValueOrDefault(k) != states[k].Events.Count).ToList();
        foreach (var (key, state) in await LoadManyAsync(scope.Connection, scope.Transaction, moved, ct)) states[key] = state;
        var changes = new Changes(states, "An outbox row names a claim that does not exist.");
        // One statement per kind of receipt (nearly always one: all accepted), not one per row: a shipment of 100
        // handlings used to cost 100 round trips here.
        var closed = new HashSet<long>();
        foreach (var group in outcomes.GroupBy(o => (State: o.Accepted ? "done" : "rejected", o.Code, o.Text)))
        {
            await using var close = scope.Command("");
            close.CommandText = $"""
                UPDATE outbox SET state = @st, receipt_code = @code, receipt_text = @text, lease_owner = NULL, lease_until = 0
                WHERE {dialect.OneOf(close, "id", "ids", group.Select(o => o.Item.Id).ToList())} AND lease_owner = @owner AND state = 'pending'
                RETURNING id
                """;
            close.With("@st", group.Key.State).With("@code", group.Key.Code).With("@text", group.Key.Text).With("@owner", owner);
            await using var r = await close.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) closed.Add(r.GetInt64(0));
        }
        // A row whose lease ran out and was taken over is no longer ours to close; its claim is left to the new owner.
        foreach (var o in outcomes.Where(o => closed.Contains(o.Item.Id) && o.Item.Kind == HandlingKind.OpretDebitorkonto))
        {
            var key = (o.Item.AgencyId, o.Item.ClaimId);
            ClaimEvent e = o.Accepted
                ? new ClaimRegistered(o.DebtorSystemClaimId ?? "")
                : new ClaimRejected(o.Code ?? "UKENDT", o.Text ?? "");
            changes.Add(key, [e with { Seq = changes[key].NextSeq, At = now }]);
        }
        await changes.AppendAsync(this, scope, ct);
        await scope.CommitAsync(ct);
    }

    /// <summary>
    /// Applies leased inbox reports to their claims in one transaction and marks them applied. A report already in
    /// the ledger (same <c>HaendelseId</c>) is not applied twice, so a report applied by a process whose lease ran
    /// out changes nothing when its successor applies it again.
    /// </summary>
    /// <remarks>
    /// Costs the reports, not the claims' histories: each report moves its claim's state on by itself
    /// (<see cref="ClaimState.With"/>), and a claim this process applied to before is taken from memory when its
    /// <c>last_seq</c>, read under the patron's lock, says nothing was added since; only other claims are read. So
    /// 2,000 reports on one claim read its history once, not once per batch (issue 14).
    /// </remarks>
    public async Task ApplyDebtorReportsAsync(IReadOnlyList<Inbox.InboxItem> items, DateTimeOffset now, CancellationToken ct)
    {
        if (items.Count == 0) return;
        var keys = items.Select(i => (i.AgencyId, i.ClaimId)).Distinct().ToList();
        var remembered = new Dictionary<(string AgencyId, string ClaimId), ClaimState>();
        foreach (var k in keys) if (_applied.TryGetValue(k, out var s)) remembered[k] = s;
        var patrons = await PatronsOfAsync(keys.Where(k => !remembered.ContainsKey(k)).ToList(), ct);
        foreach (var (k, s) in remembered) patrons[k] = s.Header.PatronId;

        await using var scope = await dialect.BeginWriteAsync([], ct);
        var lastSeqs = await LockAndReadLastSeqsAsync(scope, patrons.Select(p => PatronLock(p.Key.AgencyId, p.Value)).Distinct().ToList(), keys, ct);
        var states = remembered.Where(r => lastSeqs.TryGetValue(r.Key, out var seq) && seq == r.Value.Events.Count).ToDictionary();
        var unknown = keys.Where(k => !states.ContainsKey(k)).ToList();
        foreach (var (key, state) in await LoadManyAsync(scope.Connection, scope.Transaction, unknown, ct)) states[key] = state;
        var changes = new Changes(states, "An inbox row names a claim that does not exist.");
        foreach (var item in items)
        {
            var key = (item.AgencyId, item.ClaimId);
            var e = item.Entry;
            var report = new DebtorSystemReported(e.HaendelseId, e.Kind, e.Beloeb, e.ValueDate, e.PaymentMethod, e.Restsaldo);
            if (DebtorEvents.Record(changes[key], report, now) is CommandOutcome.Accepted accepted) changes.Add(key, accepted.Events);
        }
        await changes.AppendAsync(this, scope, ct);
        await using var done = scope.Command("");
        done.CommandText = $"UPDATE inbox SET state = 'applied', applied_at = @now, lease_owner = NULL WHERE state = 'pending' AND {dialect.OneOf(done, "id", "ids", items.Select(i => i.Id).ToList())}";
        done.With("@now", ClaimCodec.ToMicros(now));
        await done.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);

        // Remembered only once committed: what is in memory is what the ledger holds (checked again by last_seq).
        if (_applied.Count + keys.Count > MaxRememberedClaims) _applied.Clear();
        foreach (var k in keys) _applied[k] = changes[k];
    }

    // Claims the applier worked on lately, as they were committed. Bounded: when full it starts again.
    private const int MaxRememberedClaims = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string AgencyId, string ClaimId), ClaimState> _applied = new();

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
    private async Task<Dictionary<(string AgencyId, string ClaimId), int>> LockAndReadLastSeqsAsync(
        WriteScope scope, IReadOnlyCollection<string> patronLocks, IReadOnlyList<(string AgencyId, string ClaimId)> claims, CancellationToken ct)
    {
        await using var cmd = scope.Command("");
        var locks = dialect.LockSql(cmd, patronLocks);
        var seqs = new Dictionary<(string, string), int>();
        await using var r = await ReadAfterLocksAsync(cmd, locks,
            $"SELECT agency_id, claim_id, last_seq FROM claim_summaries WHERE {AnyOf(cmd, claims, "claim_id")}", ct);
        while (await r.ReadAsync(ct)) seqs[(r.GetString(0), r.GetString(1))] = r.GetInt32(2);
        return seqs;
    }

    /// <summary>
    /// Runs <paramref name="locks"/> (<see cref="StoreDialect.LockSql"/>) and then <paramref name="sql"/> in one round
    /// trip; the reader is positioned on the first result of <paramref name="sql"/>.
    /// </summary>
    private static async Task<DbDataReader> ReadAfterLocksAsync(DbCommand cmd, string locks, string sql, CancellationToken ct)
    {
        cmd.CommandText = locks.Length > 0 ? locks + ";\n" + sql : sql;
        var r = await cmd.ExecuteReaderAsync(ct);
        if (locks.Length > 0) await r.NextResultAsync(ct);
        return r;
    }

    /// <summary>Events decided for several claims in one transaction: each claim's state moves on as events are added; appended together.</summary>
    private sealed class Changes(Dictionary<(string AgencyId, string ClaimId), ClaimState> states, string missing)
    {
        private readonly Dictionary<(string, string), (ClaimState Before, List<ClaimEvent> Events)> _appended = new();

        public ClaimState this[(string AgencyId, string ClaimId) key] => states.GetValueOrDefault(key) ?? throw new InvalidOperationException(missing);

        public void Add((string AgencyId, string ClaimId) key, IReadOnlyList<ClaimEvent> events)
        {
            var before = this[key];
            states[key] = before.With(events);
            if (!_appended.TryGetValue(key, out var added)) _appended[key] = added = (before, []);
            added.Events.AddRange(events);
        }

        public Task AppendAsync(ClaimStore store, WriteScope scope, CancellationToken ct) =>
            _appended.Count == 0 ? Task.CompletedTask
                : store.AppendAsync(scope, _appended.Select(a => new Append(a.Value.Before, states[a.Key], a.Value.Events)).ToList(), ct);
    }

    /// <summary>Events added to a claim in one transaction: the claim before them and after.</summary>
    private sealed record Append(ClaimState Before, ClaimState After, IReadOnlyList<ClaimEvent> Events);

    private async Task<Dictionary<(string AgencyId, string ClaimId), string>> PatronsOfAsync(IReadOnlyList<(string AgencyId, string ClaimId)> claims, CancellationToken ct)
    {
        if (claims.Count == 0) return [];
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT agency_id, claim_id, patron_id FROM claims WHERE {AnyOf(cmd, claims, "claim_id")}";
        var map = new Dictionary<(string, string), string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) map[(r.GetString(0), r.GetString(1))] = r.GetString(2);
        return map;
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

    /// <summary>Several claims at once (two queries, whatever their number), by (agency, claim id).</summary>
    public async Task<Dictionary<(string AgencyId, string ClaimId), ClaimState>> GetManyAsync(IReadOnlyCollection<(string AgencyId, string ClaimId)> keys, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        return await LoadManyAsync(c, null, keys, ct);
    }

    /// <summary>
    /// Every claim one person or organisation is liable for, at every agency (the citizen's overview): one round
    /// trip, found through the keyed hash of the liable party.
    /// </summary>
    public async Task<IReadOnlyList<ClaimState>> LiableClaimsAsync(DebtorId party, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        var states = await LoadManyAsync(c, null, cmd =>
        {
            cmd.With("@liable", codec.LiableHash(party));
            return "(agency_id, claim_id) IN (SELECT agency_id, claim_id FROM claim_summaries WHERE liable_hash = @liable)";
        }, ct);
        return [.. states.Values.OrderBy(s => s.Header.CreatedAt).ThenBy(s => s.Header.ClaimId, StringComparer.Ordinal)];
    }

    private Task<Dictionary<(string AgencyId, string ClaimId), ClaimState>> LoadManyAsync(
        DbConnection c, DbTransaction? tx, IReadOnlyCollection<(string AgencyId, string ClaimId)> keys, CancellationToken ct) =>
        keys.Count == 0 ? Task.FromResult(new Dictionary<(string AgencyId, string ClaimId), ClaimState>())
            : LoadManyAsync(c, tx, cmd => AnyOf(cmd, keys, "claim_id"), ct);

    /// <param name="where">Adds its parameters to the command and gives the condition on (agency_id, claim_id).</param>
    private async Task<Dictionary<(string AgencyId, string ClaimId), ClaimState>> LoadManyAsync(
        DbConnection c, DbTransaction? tx, Func<DbCommand, string> where, CancellationToken ct)
    {
        var states = new Dictionary<(string, string), ClaimState>();
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        var which = where(cmd);
        cmd.CommandText = $"""
            SELECT agency_id, claim_id, header_json, debtor_cpr, guardian_cpr FROM claims WHERE {which};
            SELECT agency_id, claim_id, seq, at, type, amount_ore, data FROM claim_events WHERE {which} ORDER BY agency_id, claim_id, seq;
            """;
        var headers = new Dictionary<(string, string), ClaimHeader>();
        var events = new Dictionary<(string, string), List<ClaimEvent>>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var key = (r.GetString(0), r.GetString(1));
            headers[key] = codec.ReadHeader(key.Item1, key.Item2, r.GetString(2),
                r.IsDBNull(3) ? null : (byte[])r.GetValue(3), r.IsDBNull(4) ? null : (byte[])r.GetValue(4));
            events[key] = [];
        }
        await r.NextResultAsync(ct);
        var read = 0;
        while (await r.ReadAsync(ct))
        {
            events[(r.GetString(0), r.GetString(1))].Add(codec.ReadEvent(r.GetInt32(2), r.GetInt64(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetInt64(5), r.GetString(6)));
            read++;
        }
        Interlocked.Add(ref _eventsRead, read);
        foreach (var (key, header) in headers) states[key] = ClaimState.Fold(header, events[key]);
        return states;
    }

    private async Task<ClaimState?> LoadAsync(DbConnection c, DbTransaction? tx, string agencyId, string claimId, CancellationToken ct) =>
        (await LoadManyAsync(c, tx, [(agencyId, claimId)], ct)).GetValueOrDefault((agencyId, claimId));

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
    ];

    /// <summary>
    /// Appends events and rewrites the summaries from the folded states, in one round trip: with each event the
    /// handling it requires of the debtor system (the outbox) and what the library side must hear (notices).
    /// </summary>
    private async Task AppendAsync(WriteScope scope, IReadOnlyList<Append> appends, CancellationToken ct)
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
                    outbox.Add(h.Municipality.Value, agency, claim, e.Seq, Guid.CreateVersion7(e.At).ToString(), kind.ToString(), "pending", 0, at, 0, at);

                var after = before.With([e]);
                foreach (var notice in LibraryNotices.For(before, after, AgencyUsesFbs(agency)))
                {
                    // Staff notices are for staff to see, not to deliver.
                    (notice.Target == NoticeTarget.Webhook ? webhookNotices : directNotices).Add(
                        agency, claim, e.Seq, Guid.CreateVersion7().ToString(), notice.EventType, Notices.NoticeTargets.TargetName(notice.Target),
                        notice.Target == NoticeTarget.Staff ? "attention" : "pending", 0, at, 0, notice.Note, at);
                }
                before = after;
            }
            var summaries = state.Events.Count == newEvents.Count ? newSummaries : changedSummaries;
            summaries.Add(agency, claim, h.Municipality.Value, h.PatronId, codec.LiableHash(state.LiableParty), ClaimNames.Of(h.Kind),
                ClaimNames.Of(state.Status), ClaimNames.Of(state.Route), state.HoldReason is { } r ? ClaimNames.Of(r) : null,
                state.Amount.Ore, state.WrittenDown.Ore, state.Paid.Ore, state.WrittenOff.Ore, state.Outstanding.Ore, state.DebtorSystemClaimId,
                h.CreatedAt.ToString("O", CultureInfo.InvariantCulture), ClaimCodec.ToMicros(state.UpdatedAt), state.Events.Count,
                state.Credit.Ore, state.NeedsReconciliation ? 1 : 0);
        }

        await using var cmd = scope.Command("");
        var sql = new StringBuilder();
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
                credit_ore = excluded.credit_ore, needs_reconciliation = excluded.needs_reconciliation
            """)).Append(";\n");
        cmd.CommandText = sql.ToString();
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Whether an agency's library system is FBS, which hears of full payment through its payment call.</summary>
    public Func<string, bool> AgencyUsesFbs { get; set; } = _ => false;

    private async Task<string?> PatronOfAsync(string agencyId, string claimId, CancellationToken ct) =>
        (await PatronsOfAsync([(agencyId, claimId)], ct)).GetValueOrDefault((agencyId, claimId));

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
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await ReadSummariesAsync(r, ct);
    }

    /// <summary>The summaries in the reader's current result (columns as in <see cref="SummaryColumns"/>).</summary>
    private static async Task<List<ClaimSummary>> ReadSummariesAsync(DbDataReader r, CancellationToken ct)
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

    internal string AnyOf(DbCommand cmd, IEnumerable<(string AgencyId, string Other)> pairs, string otherColumn) =>
        dialect.AnyOf(cmd, pairs, otherColumn);

    internal static string PatronLock(string agencyId, string patronId) => $"patron:{agencyId}:{patronId}";
}

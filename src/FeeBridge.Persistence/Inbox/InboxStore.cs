using System.Data.Common;
using System.Globalization;
using System.Text;
using FeeBridge.Domain.Claims;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Queues;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Inbox;

/// <summary>One report from a debtor system, as received (<c>Haendelse</c>).</summary>
public sealed record InboxEntry(Guid HaendelseId, string FagsystemFordringId, string? DelfordringId, DebtorEventKind Kind, Money Beloeb,
    DateOnly ValueDate, string? PaymentMethod, Money Restsaldo);

/// <summary>A stored report leased for applying to its claim.</summary>
public sealed record InboxItem(long Id, string AgencyId, string ClaimId, InboxEntry Entry)
{
    public ClaimKey Claim => new(AgencyId, ClaimId);
}

/// <summary>What the receiver answers for one report: taken (<c>Modtaget</c>) or refused with the reason (<c>Afvist</c>).</summary>
public sealed record InboxAnswer(Guid HaendelseId, bool Accepted, string? Reason)
{
    /// <summary>Taken but stored pending, for the applier (a receive-only process, or reports waiting behind others).</summary>
    public bool LeftPending { get; init; }
}

/// <summary>A stored report as staff see it.</summary>
public sealed record InboxView(long Id, Guid HaendelseId, string Municipality, string FagsystemFordringId, string Type, Money Beloeb,
    DateOnly ValueDate, Money Restsaldo, string State, string? Reason, DateTimeOffset ReceivedAt);

/// <summary>
/// The inbox: every report the debtor systems send is stored, deduplicated on <c>HaendelseId</c>, and applied to its
/// claim in the same transaction, before it is acknowledged (<see cref="ReceiveAsync"/>); so a crash at any instant
/// loses nothing and applies nothing twice. What a receive-only process leaves pending, <see cref="ApplyNextAsync"/>
/// applies. A report that cannot be true (unknown claim, impossible amount) is stored refused, with its reason, for
/// staff.
/// </summary>
public sealed class InboxStore(StoreDialect dialect, ClaimLedger ledger)
{
    /// <summary>
    /// Takes up to <paramref name="max"/> pending reports, oldest first, applies them to their claims and marks them
    /// applied, all in one transaction; returns how many it took. On PostgreSQL the rows are locked
    /// (<c>FOR UPDATE SKIP LOCKED</c>), so several processes share the work without a lease: a process that dies
    /// mid-batch rolls back, and the rows are simply pending again. A report already in the ledger (same
    /// <c>HaendelseId</c>) is not applied twice.
    /// </summary>
    /// <remarks>
    /// Costs the reports, not the claims' histories: each report moves its claim's state on by itself
    /// (<see cref="ClaimState.With"/>), and claims come from memory where they can (<see cref="LockAndLoadAsync"/>).
    /// </remarks>
    public async Task<int> ApplyNextAsync(int max, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        var taken = await TakePendingAsync(scope, max, ct);
        if (taken.Count == 0) return 0;
        var items = await InOrderAsync(scope, taken, ct);
        if (items.Count == 0) return 0;
        var keys = items.Select(i => i.Claim).Distinct().ToList();
        var states = await LockAndLoadAsync(scope, keys, ct);
        var changes = new ClaimLedger.Changes(states, "An inbox row names a claim that does not exist.");
        foreach (var item in items) Apply(changes, item.Claim, item.Entry, now);
        // The events and the inbox rows' new state in one round trip.
        await changes.AppendAsync(ledger, scope, ct, also: cmd =>
        {
            cmd.With("@applied_at", ClaimCodec.ToMicros(now));
            return $"UPDATE inbox SET state = '{QueueStates.Name(InboxState.Applied)}', applied_at = @applied_at WHERE {dialect.OneOf(cmd, "id", "applied", items.Select(i => i.Id).ToList())}";
        });
        await scope.CommitAsync(ct);
        Remember(states);
        return items.Count;
    }

    private static void Apply(ClaimLedger.Changes changes, ClaimKey claim, InboxEntry e, DateTimeOffset now)
    {
        var report = new DebtorSystemReported(e.HaendelseId, e.Kind, e.Beloeb, e.ValueDate, e.PaymentMethod, e.Restsaldo);
        if (DebtorEvents.Record(changes[claim], report, now) is CommandOutcome.Accepted accepted) changes.Add(claim, accepted.Events);
    }

    /// <summary>
    /// More to read in the same round trip as the patrons' locks: <c>Sql</c> adds its parameters and gives its
    /// statements (given the condition on the claims, already on the command), <c>Read</c> reads their results.
    /// </summary>
    private sealed record AlsoRead(Func<DbCommand, string, string> Sql, Func<DbDataReader, Task> Read);

    /// <summary>
    /// Takes the locks of the claims' patrons and gives each existing claim as committed, in as few round trips as it
    /// can. A claim this process applied to before is taken from memory; the others are read before the lock (which
    /// needs their patron, and a claim's patron never changes). Under the lock each claim's <c>last_seq</c> tells
    /// whether what is in hand is current — another loop or delivery may have committed to it meanwhile, and if that
    /// was one of this process's, memory has it by now — and only those that are neither are read again. So 2,000
    /// reports on one claim read its history once, not once per batch (issue 14), and deliveries at once on one claim
    /// read it once, not once each; a delivery costs two round trips before it writes. Claims that do not exist are
    /// left out.
    /// </summary>
    private async Task<Dictionary<ClaimKey, ClaimState>> LockAndLoadAsync(WriteScope scope, IReadOnlyList<ClaimKey> keys, CancellationToken ct, AlsoRead? also = null)
    {
        var states = new Dictionary<ClaimKey, ClaimState>();
        foreach (var k in keys)
            if (_applied.TryGetValue(k, out var s)) states[k] = s;
        var unread = keys.Where(k => !states.ContainsKey(k)).ToList();
        foreach (var (key, state) in await ledger.LoadManyAsync(scope.Connection, scope.Transaction, unread, ct)) states[key] = state;

        var lastSeqs = new Dictionary<ClaimKey, int>();
        await using (var cmd = scope.Command(""))
        {
            var claims = ledger.AnyOf(cmd, keys);
            var sql = new StringBuilder($"SELECT agency_id, claim_id, last_seq FROM claim_summaries WHERE {claims}");
            if (also is not null) sql.Append(";\n").Append(also.Sql(cmd, claims));
            var locks = dialect.LockSql(cmd, states.Values.Select(s => ClaimLedger.PatronLock(s.Header.AgencyId.Value, s.Header.PatronId)).Distinct().ToList());
            await using var r = await ClaimLedger.ReadAfterLocksAsync(cmd, locks, sql.ToString(), ct);
            while (await r.ReadAsync(ct)) lastSeqs[new ClaimKey(r.GetString(0), r.GetString(1))] = r.GetInt32(2);
            if (also is not null && await r.NextResultAsync(ct)) await also.Read(r);
        }
        bool Current(ClaimKey k, ClaimState s) => lastSeqs.TryGetValue(k, out var seq) && seq == s.Events.Count;
        var stale = new List<ClaimKey>();
        foreach (var (k, s) in states.ToList())
        {
            if (Current(k, s)) continue;
            // Most often what moved it on meanwhile is a delivery of this process, which has remembered it by now.
            if (_applied.TryGetValue(k, out var remembered) && Current(k, remembered)) states[k] = remembered;
            else
            {
                states.Remove(k);
                stale.Add(k);
            }
        }
        foreach (var (key, state) in await ledger.LoadManyAsync(scope.Connection, scope.Transaction, stale, ct)) states[key] = state;
        return states;
    }

    /// <summary>Remembered only once committed: what is in memory is what the ledger holds (checked again by <c>last_seq</c>).</summary>
    /// <param name="states">The claims as the committed transaction left them.</param>
    private void Remember(Dictionary<ClaimKey, ClaimState> states)
    {
        if (_applied.Count + states.Count > MaxRememberedClaims) _applied.Clear();
        foreach (var (k, s) in states) _applied[k] = s;
    }

    /// <summary>
    /// The taken reports whose claim has no earlier report still pending outside this batch — one another loop or
    /// process holds — so a claim's reports are applied in the order they arrived, however many apply them (a
    /// <c>Restsaldo</c> is only right after the reports before it). The others stay pending for the next round.
    /// </summary>
    private async Task<IReadOnlyList<InboxItem>> InOrderAsync(WriteScope scope, IReadOnlyList<InboxItem> taken, CancellationToken ct)
    {
        var first = taken.GroupBy(i => i.Claim).ToDictionary(g => g.Key, g => g.Min(i => i.Id));
        await using var cmd = scope.Command("");
        cmd.CommandText = $"SELECT agency_id, claim_id, MIN(id) FROM inbox WHERE state = 'pending' AND ({ledger.AnyOf(cmd, first.Keys)}) GROUP BY agency_id, claim_id";
        var behind = new HashSet<ClaimKey>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var k = new ClaimKey(r.GetString(0), r.GetString(1));
                if (r.GetInt64(2) < first[k]) behind.Add(k);
            }
        }
        return behind.Count == 0 ? taken : taken.Where(i => !behind.Contains(i.Claim)).ToList();
    }

    /// <summary>Pending reports, oldest first, locked for this transaction (other processes skip them).</summary>
    private async Task<IReadOnlyList<InboxItem>> TakePendingAsync(WriteScope scope, int max, CancellationToken ct)
    {
        await using var cmd = scope.Command($"""
            SELECT id, agency_id, claim_id, haendelse_id, fagsystem_fordring_id, delfordring_id, type, beloeb_ore, value_date, payment_method, restsaldo_ore
            FROM inbox WHERE state = 'pending' ORDER BY id LIMIT @n{dialect.SkipLocked}
            """).With("@n", max);
        var items = new List<InboxItem>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            DebtorEvents.TryParseWireName(r.GetString(6), out var kind);
            items.Add(new InboxItem(r.GetInt64(0), r.GetString(1), r.GetString(2), new InboxEntry(
                Guid.Parse(r.GetString(3)), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), kind, Money.FromOre(r.GetInt64(7)),
                DateOnly.ParseExact(r.GetString(8), "yyyy-MM-dd", CultureInfo.InvariantCulture), r.IsDBNull(9) ? null : r.GetString(9),
                Money.FromOre(r.GetInt64(10)))));
        }
        return items;
    }

    // Claims the applier worked on lately, as they were committed. Bounded: when full it starts again. 40,000 rather
    // than 10,000: with 20,000 claims in play (bench feedback) the smaller bound emptied it over and over, and applied/s
    // against the same run's baseline rose from 15 % to 23 % for about 100 MiB more (docs/performance.md, 2026-12-03).
    private const int MaxRememberedClaims = 40_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ClaimKey, ClaimState> _applied = new();


    private static readonly Column[] InboxColumns =
    [
        new("haendelse_id", ColumnType.Text), new("municipality", ColumnType.Text), new("fagsystem_fordring_id", ColumnType.Text),
        new("agency_id", ColumnType.Text), new("claim_id", ColumnType.Text), new("delfordring_id", ColumnType.Text), new("type", ColumnType.Text),
        new("beloeb_ore", ColumnType.Int64), new("value_date", ColumnType.Text), new("payment_method", ColumnType.Text),
        new("restsaldo_ore", ColumnType.Int64), new("state", ColumnType.Text), new("reason", ColumnType.Text),
        new("received_at", ColumnType.Int64), new("lease_until", ColumnType.Int64), new("applied_at", ColumnType.Int64),
    ];

    /// <summary>
    /// Stores one delivery and applies it to the claims, in one transaction, and answers per report: what is
    /// answered <c>Modtaget</c> is on its claim when the answer leaves (issue 14: nothing waits for a second step, and
    /// a crash before the commit leaves nothing, so the debtor system sends the delivery again). A report seen before
    /// gets its first answer again; the same <c>HaendelseId</c> with different content is refused (<c>Afvist</c>) and
    /// changes nothing, as the debtor system sends an event once and only repeats it. Each new report is weighed
    /// against its claim as it stands after the delivery's earlier reports
    /// (<see cref="DebtorEvents.Impossibility(Money, ReportedSoFar, DebtorEventKind, Money, Money)"/>).
    /// </summary>
    /// <param name="apply">
    /// False stores the reports pending for <see cref="ApplyNextAsync"/> (a receive-only process). A claim that still
    /// has reports pending gets its new ones pending too, behind them, so a claim's reports are applied in the order
    /// they arrived.
    /// </param>
    public async Task<IReadOnlyList<InboxAnswer>> ReceiveAsync(string municipality, IReadOnlyList<InboxEntry> delivery, DateTimeOffset now, bool apply,
        CancellationToken ct)
    {
        var entries = delivery.DistinctBy(e => e.HaendelseId).ToList();
        var keys = entries.Select(e => ClaimKey.FromFagsystemFordringId(e.FagsystemFordringId)).OfType<ClaimKey>().Distinct().ToList();
        await using var scope = await dialect.BeginWriteAsync([], ct);
        // Read under the patrons' locks: a delivery racing this one with the same reports waits here, then sees them stored.
        var stored = new Dictionary<Guid, StoredReport>();
        var waiting = new Dictionary<ClaimKey, ReportedSoFar>();
        var states = await LockAndLoadAsync(scope, keys, ct, new AlsoRead(
            (cmd, claims) => StoredAndWaitingSql(cmd, entries, claims), r => ReadStoredAndWaitingAsync(r, stored, waiting, ct)));
        var changes = new ClaimLedger.Changes(states, "A report's claim was not read.");

        // Reports on a claim this delivery holds the lock of cannot be stored by another delivery meanwhile (it would
        // wait for the lock and then find them): a plain insert. Only the others can race, and only they need the
        // conflict clause and its answer (one index probe and one returned id less per report).
        var locked = new RowSet(InboxColumns);
        var unlocked = new RowSet(InboxColumns);
        bool Held(InboxEntry e) => ClaimKey.FromFagsystemFordringId(e.FagsystemFordringId) is { } k && states.ContainsKey(k);
        var decided = new Dictionary<Guid, (InboxAnswer Answer, InboxState State)>();
        var fresh = new List<InboxEntry>();
        var at = ClaimCodec.ToMicros(now);
        foreach (var e in entries.Where(e => !stored.ContainsKey(e.HaendelseId)))
        {
            var key = ClaimKey.FromFagsystemFordringId(e.FagsystemFordringId);
            string? reason;
            var state = InboxState.Refused;
            if (key is { } k && states.TryGetValue(k, out var found) && found.Header.Municipality.Value == municipality && found.Route == ClaimRoute.DebtorSystem)
            {
                var claim = changes[k];
                var behind = waiting.TryGetValue(k, out var pending);
                var soFar = new ReportedSoFar(claim.WrittenDown + pending.Reductions, claim.Paid + claim.Credit + pending.NetPayments);
                reason = DebtorEvents.Impossibility(claim.Amount, soFar, e.Kind, e.Beloeb, e.Restsaldo);
                if (reason is null && apply && !behind)
                {
                    Apply(changes, k, e, now);
                    state = InboxState.Applied;
                }
                else if (reason is null)
                {
                    waiting[k] = pending.After(e.Kind, e.Beloeb);
                    state = InboxState.Pending;
                }
            }
            else reason = $"No claim {e.FagsystemFordringId} was registered by FeeBridge in municipality {municipality}.";
            decided[e.HaendelseId] = (new InboxAnswer(e.HaendelseId, reason is null, reason) { LeftPending = state == InboxState.Pending }, state);
            fresh.Add(e);
            (Held(e) ? locked : unlocked).Add(e.HaendelseId.ToString("D"), municipality, e.FagsystemFordringId, key?.AgencyId, key?.ClaimId, e.DelfordringId,
                DebtorEvents.WireName(e.Kind), e.Beloeb.Ore, Date(e.ValueDate), e.PaymentMethod, e.Restsaldo.Ore,
                QueueStates.Name(state), reason, at, 0, state == InboxState.Applied ? at : null);
        }
        // The inbox rows, the events and what follows from them, in one round trip.
        var inserted = new HashSet<Guid>();
        await changes.AppendAsync(ledger, scope, ct,
            also: locked.Count + unlocked.Count == 0 ? null : cmd => string.Join(";\n", new[]
            {
                unlocked.Count == 0 ? null : dialect.InsertSql(cmd, "inbox", unlocked, "u", tail: "ON CONFLICT (haendelse_id) DO NOTHING RETURNING haendelse_id"),
                locked.Count == 0 ? null : dialect.InsertSql(cmd, "inbox", locked, "r"),
            }.OfType<string>()),
            readAlso: unlocked.Count == 0 ? null : async r =>
            {
                // One result per statement: a large delivery is several on SQLite (StoreDialect.InsertSql).
                do
                {
                    while (await r.ReadAsync(ct)) inserted.Add(Guid.Parse(r.GetString(0)));
                } while (r.FieldCount > 0 && await r.NextResultAsync(ct));
            });
        // Stored by another delivery in the meantime: answered as that one was. Only a report without a claim (so
        // without a lock) can race; one that was applied here must not, or it would be applied twice. (The same
        // HaendelseId on another claim, in flight at the same instant, fails the plain insert: the delivery is
        // answered with an error and its repeat finds the first.)
        var raced = fresh.Where(e => !Held(e) && !inserted.Contains(e.HaendelseId)).ToList();
        if (raced.Any(e => decided[e.HaendelseId].State != InboxState.Refused))
            throw new InvalidOperationException("A report applied in this delivery was stored by another at the same time; nothing is kept, and the delivery is answered with an error.");
        if (raced.Count > 0)
        {
            foreach (var (id, row) in await StoredAsync(scope, raced, ct)) stored[id] = row;
        }
        await scope.CommitAsync(ct);
        Remember(states);

        // Seen before: answer as the first time (its stored state), not as this copy would be judged now — unless
        // this copy says something else, which an event the debtor system only repeats cannot do.
        var first = new Dictionary<Guid, InboxEntry>();
        var answers = new List<InboxAnswer>(delivery.Count);
        foreach (var e in delivery)
        {
            var original = first.TryAdd(e.HaendelseId, e) ? null : first[e.HaendelseId];
            if (stored.TryGetValue(e.HaendelseId, out var row))
            {
                answers.Add(!row.SameAs(municipality, e) ? Conflicting(e.HaendelseId)
                    : new InboxAnswer(e.HaendelseId, row.State != InboxState.Refused, row.Reason));
            }
            else answers.Add(original is not null && original != e ? Conflicting(e.HaendelseId) : decided[e.HaendelseId].Answer);
        }
        return answers;
    }

    private static InboxAnswer Conflicting(Guid id) => new(id, false,
        $"HaendelseId {id:D} was received before with different content; the first report stands.");

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A report as stored: its content (to tell a repeat from a conflict) and the answer it got.</summary>
    private sealed record StoredReport(string Municipality, string FagsystemFordringId, string? DelfordringId, string Type, long BeloebOre,
        string ValueDate, string? PaymentMethod, long RestsaldoOre, InboxState State, string? Reason)
    {
        public bool SameAs(string municipality, InboxEntry e) =>
            Municipality == municipality && FagsystemFordringId == e.FagsystemFordringId && DelfordringId == e.DelfordringId &&
            Type == DebtorEvents.WireName(e.Kind) && BeloebOre == e.Beloeb.Ore && ValueDate == Date(e.ValueDate) &&
            PaymentMethod == e.PaymentMethod && RestsaldoOre == e.Restsaldo.Ore;
    }

    private const string StoredColumns =
        "haendelse_id, municipality, fagsystem_fordring_id, delfordring_id, type, beloeb_ore, value_date, payment_method, restsaldo_ore, state, reason";

    private static InboxState StateOf(string stored) =>
        QueueStates.TryParse(stored, out InboxState s) ? s : throw new InvalidOperationException($"Unknown inbox state '{stored}'.");

    private static StoredReport ReadStored(System.Data.Common.DbDataReader r) => new(
        r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetString(6),
        r.IsDBNull(7) ? null : r.GetString(7), r.GetInt64(8), StateOf(r.GetString(9)), r.IsDBNull(10) ? null : r.GetString(10));

    private async Task<Dictionary<Guid, StoredReport>> StoredAsync(WriteScope scope, IReadOnlyList<InboxEntry> entries, CancellationToken ct)
    {
        await using var cmd = scope.Command("");
        cmd.CommandText = $"SELECT {StoredColumns} FROM inbox WHERE {dialect.OneOf(cmd, "haendelse_id", "x", entries.Select(e => e.HaendelseId.ToString("D")).ToList())}";
        var found = new Dictionary<Guid, StoredReport>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) found[Guid.Parse(r.GetString(0))] = ReadStored(r);
        return found;
    }

    /// <summary>
    /// The delivery's reports stored before, and what waits in the inbox (pending) for its claims: the reductions and
    /// the net payments, which a new report is weighed against together with the claim.
    /// </summary>
    private string StoredAndWaitingSql(DbCommand cmd, IReadOnlyList<InboxEntry> entries, string claims)
    {
        var sql = $"SELECT {StoredColumns} FROM inbox WHERE {dialect.OneOf(cmd, "haendelse_id", "x", entries.Select(e => e.HaendelseId.ToString("D")).ToList())}";
        return sql + $"""
            ;
            SELECT agency_id, claim_id,
                SUM(CASE type WHEN 'adjusted-down' THEN beloeb_ore ELSE 0 END),
                SUM(CASE type WHEN 'covered' THEN beloeb_ore WHEN 'payment-reversed' THEN -beloeb_ore ELSE 0 END)
            FROM inbox WHERE state = 'pending' AND ({claims}) GROUP BY agency_id, claim_id
            """;
    }

    private static async Task ReadStoredAndWaitingAsync(DbDataReader r, Dictionary<Guid, StoredReport> stored, Dictionary<ClaimKey, ReportedSoFar> waiting,
        CancellationToken ct)
    {
        while (await r.ReadAsync(ct)) stored[Guid.Parse(r.GetString(0))] = ReadStored(r);
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
            waiting[new ClaimKey(r.GetString(0), r.GetString(1))] = new ReportedSoFar(Money.FromOre(r.GetInt64(2)), Money.FromOre(r.GetInt64(3)));
    }

    /// <summary>
    /// One agency's reports, newest first; optionally one state (<c>refused</c> for staff). Only those its own
    /// municipality's debtor system sent about the agency's claims (<c>FagsystemFordringId</c> = agency-claim): an
    /// agency never sees another agency's payments, even in the same municipality.
    /// </summary>
    public async Task<IReadOnlyList<InboxView>> ListAsync(string agencyId, string municipality, InboxState? state, long? beforeId, int limit, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT id, haendelse_id, municipality, fagsystem_fordring_id, type, beloeb_ore, value_date, restsaldo_ore, state, reason, received_at
            FROM inbox WHERE municipality = @m AND agency_id = @a{(state is null ? "" : " AND state = @st")}{(beforeId is null ? "" : " AND id < @b")}
            ORDER BY id DESC LIMIT @n
            """;
        cmd.With("@m", municipality).With("@a", agencyId).With("@n", limit);
        if (state is { } st) cmd.With("@st", QueueStates.Name(st));
        if (beforeId is not null) cmd.With("@b", beforeId);
        var list = new List<InboxView>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new InboxView(r.GetInt64(0), Guid.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), Money.FromOre(r.GetInt64(5)),
                DateOnly.ParseExact(r.GetString(6), "yyyy-MM-dd", CultureInfo.InvariantCulture), Money.FromOre(r.GetInt64(7)), r.GetString(8),
                r.IsDBNull(9) ? null : r.GetString(9), ClaimCodec.FromMicros(r.GetInt64(10))));
        }
        return list;
    }

    /// <summary>
    /// How long payments reported since <paramref name="since"/> took from arriving to being on the claim (applied), in
    /// milliseconds, newest first and at most <paramref name="max"/>: what the citizen page states about its own speed.
    /// Read municipality by municipality along the staff console's day index (<c>staff_inbox_day</c>), so the inbox
    /// needs no index of its own for it (one entry less per payment; docs/architecture.md, "A report's index entries").
    /// </summary>
    public async Task<IReadOnlyList<long>> PaymentApplyMillisecondsAsync(IEnumerable<string> municipalities, DateTimeOffset since, int max,
        CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        var found = new List<(long ReceivedAt, long Milliseconds)>();
        foreach (var municipality in municipalities)
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = $"""
                SELECT received_at, applied_at - received_at FROM inbox
                WHERE municipality = @m AND received_at >= @since AND type = 'covered' AND state = 'applied'
                ORDER BY received_at DESC LIMIT {max}
                """;
            cmd.With("@m", municipality).With("@since", ClaimCodec.ToMicros(since));
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) found.Add((r.GetInt64(0), r.GetInt64(1) / 1000));
        }
        return [.. found.OrderByDescending(f => f.ReceivedAt).Take(max).Select(f => f.Milliseconds)];
    }

    /// <summary>Counts per state, for tests and health.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountsAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT state, COUNT(*) FROM inbox GROUP BY state";
        var counts = new Dictionary<string, long>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) counts[r.GetString(0)] = r.GetInt64(1);
        return counts;
    }
}

using System.Globalization;
using System.Text;
using FeeBridge.Domain.Claims;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Inbox;

/// <summary>One report from a debtor system, as received (<c>Haendelse</c>).</summary>
public sealed record InboxEntry(Guid HaendelseId, string FagsystemFordringId, string? DelfordringId, DebtorEventKind Kind, Money Beloeb,
    DateOnly ValueDate, string? PaymentMethod, Money Restsaldo);

/// <summary>A stored report leased for applying to its claim.</summary>
public sealed record InboxItem(long Id, string AgencyId, string ClaimId, InboxEntry Entry);

/// <summary>What the receiver answers for one report: taken (<c>Modtaget</c>) or refused with the reason (<c>Afvist</c>).</summary>
public sealed record InboxAnswer(Guid HaendelseId, bool Accepted, string? Reason);

/// <summary>A stored report as staff see it.</summary>
public sealed record InboxView(long Id, Guid HaendelseId, string Municipality, string FagsystemFordringId, string Type, Money Beloeb,
    DateOnly ValueDate, Money Restsaldo, string State, string? Reason, DateTimeOffset ReceivedAt);

/// <summary>
/// The inbox: every report the debtor systems send is stored, deduplicated on <c>HaendelseId</c>, before it is
/// acknowledged; applying it to the ledger is a separate step (<see cref="ClaimStore.ApplyDebtorReportsAsync"/>), so a
/// crash between the two loses nothing. A report that cannot be true (unknown claim, impossible amount) is stored
/// refused, with its reason, for staff.
/// </summary>
public sealed class InboxStore(StoreDialect dialect)
{
    private static readonly Column[] InboxColumns =
    [
        new("haendelse_id", ColumnType.Text), new("municipality", ColumnType.Text), new("fagsystem_fordring_id", ColumnType.Text),
        new("agency_id", ColumnType.Text), new("claim_id", ColumnType.Text), new("delfordring_id", ColumnType.Text), new("type", ColumnType.Text),
        new("beloeb_ore", ColumnType.Int64), new("value_date", ColumnType.Text), new("payment_method", ColumnType.Text),
        new("restsaldo_ore", ColumnType.Int64), new("state", ColumnType.Text), new("reason", ColumnType.Text),
        new("received_at", ColumnType.Int64), new("lease_until", ColumnType.Int64),
    ];

    /// <summary>Stores one delivery in one transaction and answers per report; a report seen before gets its first answer again.</summary>
    public async Task<IReadOnlyList<InboxAnswer>> ReceiveAsync(string municipality, IReadOnlyList<InboxEntry> delivery, DateTimeOffset now, CancellationToken ct)
    {
        var entries = delivery.DistinctBy(e => e.HaendelseId).ToList();
        await using var scope = await dialect.BeginWriteAsync([], ct);
        var claims = await ClaimsAsync(scope, entries, ct);

        var rows = new RowSet(InboxColumns);
        var decided = new Dictionary<Guid, InboxAnswer>();
        var at = ClaimCodec.ToMicros(now);
        foreach (var e in entries)
        {
            var key = Split(e.FagsystemFordringId);
            var reason = key is { } k && claims.TryGetValue(k, out var claim) && claim.Municipality == municipality
                ? DebtorEvents.Impossibility(claim.Amount, e.Kind, e.Beloeb, e.Restsaldo)
                : $"No claim {e.FagsystemFordringId} was registered by FeeBridge in municipality {municipality}.";
            decided[e.HaendelseId] = new InboxAnswer(e.HaendelseId, reason is null, reason);
            rows.Add(e.HaendelseId.ToString("D"), municipality, e.FagsystemFordringId, key?.AgencyId, key?.ClaimId, e.DelfordringId,
                DebtorEvents.WireName(e.Kind), e.Beloeb.Ore, e.ValueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                e.PaymentMethod, e.Restsaldo.Ore, reason is null ? "pending" : "refused", reason, at, 0);
        }
        await using var insert = scope.Command("");
        insert.CommandText = dialect.InsertSql(insert, "inbox", rows, "r", tail: "ON CONFLICT (haendelse_id) DO NOTHING RETURNING haendelse_id");
        var inserted = new HashSet<Guid>();
        await using (var r = await insert.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct)) inserted.Add(Guid.Parse(r.GetString(0)));
        }

        // Seen before: answer as the first time (its stored state), not as this copy would be judged now.
        var repeats = entries.Where(e => !inserted.Contains(e.HaendelseId)).ToList();
        if (repeats.Count > 0)
        {
            await using var earlier = scope.Command("");
            earlier.CommandText = $"SELECT haendelse_id, state, reason FROM inbox WHERE {dialect.OneOf(earlier, "haendelse_id", "x", repeats.Select(e => e.HaendelseId.ToString("D")).ToList())}";
            await using var r = await earlier.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var id = Guid.Parse(r.GetString(0));
                decided[id] = new InboxAnswer(id, r.GetString(1) != "refused", r.IsDBNull(2) ? null : r.GetString(2));
            }
        }
        await scope.CommitAsync(ct);
        return delivery.Select(e => decided[e.HaendelseId]).ToList();
    }

    /// <summary>Pending reports, oldest first, leased so other processes skip them until the lease ends.</summary>
    public async Task<IReadOnlyList<InboxItem>> LeaseAsync(string owner, int max, DateTimeOffset now, TimeSpan leaseFor, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command($"""
            UPDATE inbox SET lease_owner = @owner, lease_until = @until
            WHERE id IN (SELECT id FROM inbox WHERE state = 'pending' AND lease_until < @now ORDER BY id LIMIT @n{dialect.SkipLocked})
            RETURNING id, agency_id, claim_id, haendelse_id, fagsystem_fordring_id, delfordring_id, type, beloeb_ore, value_date, payment_method, restsaldo_ore
            """).With("@owner", owner).With("@until", ClaimCodec.ToMicros(now + leaseFor)).With("@now", ClaimCodec.ToMicros(now)).With("@n", max);
        var items = new List<InboxItem>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                DebtorEvents.TryParseWireName(r.GetString(6), out var kind);
                items.Add(new InboxItem(r.GetInt64(0), r.GetString(1), r.GetString(2), new InboxEntry(
                    Guid.Parse(r.GetString(3)), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), kind, Money.FromOre(r.GetInt64(7)),
                    DateOnly.ParseExact(r.GetString(8), "yyyy-MM-dd", CultureInfo.InvariantCulture), r.IsDBNull(9) ? null : r.GetString(9),
                    Money.FromOre(r.GetInt64(10)))));
            }
        }
        await scope.CommitAsync(ct);
        return items.OrderBy(i => i.Id).ToList();
    }

    /// <summary>One municipality's reports, newest first; optionally one state (<c>refused</c> for staff).</summary>
    public async Task<IReadOnlyList<InboxView>> ListAsync(string municipality, string? state, long? beforeId, int limit, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT id, haendelse_id, municipality, fagsystem_fordring_id, type, beloeb_ore, value_date, restsaldo_ore, state, reason, received_at
            FROM inbox WHERE municipality = @m{(state is null ? "" : " AND state = @st")}{(beforeId is null ? "" : " AND id < @b")}
            ORDER BY id DESC LIMIT @n
            """;
        cmd.With("@m", municipality).With("@n", limit);
        if (state is not null) cmd.With("@st", state);
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
    /// </summary>
    public async Task<IReadOnlyList<long>> PaymentApplyMillisecondsAsync(DateTimeOffset since, int max, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT applied_at - received_at FROM inbox
            WHERE type = 'covered' AND state = 'applied' AND received_at >= @since
            ORDER BY received_at DESC LIMIT {max}
            """;
        cmd.With("@since", ClaimCodec.ToMicros(since));
        var list = new List<long>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(r.GetInt64(0) / 1000);
        return list;
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

    /// <summary><c>FagsystemFordringId</c> is <c>agencyId-claimId</c> (CONTRACTS.md §3.1); the agency id is 6 digits.</summary>
    public static (string AgencyId, string ClaimId)? Split(string fagsystemFordringId) =>
        fagsystemFordringId.Length > 7 && fagsystemFordringId[6] == '-' && AgencyId.TryParse(fagsystemFordringId[..6], out _, out _)
            ? (fagsystemFordringId[..6], fagsystemFordringId[7..])
            : null;

    private async Task<Dictionary<(string, string), (string Municipality, Money Amount)>> ClaimsAsync(WriteScope scope, IReadOnlyList<InboxEntry> entries, CancellationToken ct)
    {
        var keys = entries.Select(e => Split(e.FagsystemFordringId)).OfType<(string, string)>().Distinct().ToList();
        var found = new Dictionary<(string, string), (string, Money)>();
        if (keys.Count == 0) return found;
        await using var cmd = scope.Command("");
        cmd.CommandText = $"SELECT agency_id, claim_id, municipality, amount_ore FROM claim_summaries WHERE route = 'debtor-system' AND ({dialect.AnyOf(cmd, keys, "claim_id")})";
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) found[(r.GetString(0), r.GetString(1))] = (r.GetString(2), Money.FromOre(r.GetInt64(3)));
        return found;
    }
}

using FeeBridge.Domain.Claims;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Staff;

/// <summary>One patron found at one agency: how many claims, how many open, what is left on them.</summary>
public sealed record PatronHit(string AgencyId, string PatronId, string? Name, int Claims, int Open, Money Outstanding);

public sealed partial class StaffConsoleStore
{
    // The name in the claim's header JSON; the query must spell it exactly as the index does. Properties, not fields:
    // the migration sequence (another part of this class) reads them while the type is initialised.
    private const string NamePostgres = "CAST(header_json AS json) ->> 'debtorName'";
    private const string NameSqlite = "json_extract(header_json, '$.debtorName')";
    internal static string NameKeyPostgres => "(" + NameKey.Sql(NamePostgres) + ")";
    internal static string NameKeySqlite => NameKey.Sql(NameSqlite);
    // The surname first: the name's last word, a space, then the whole name ("hansen mette lund hansen"), so "hansen"
    // and "hansen mette" are each one key range. Folding changes no spaces, so the word may be cut out before folding.
    // PostgreSQL cuts it with split_part from the end; SQLite, which has neither that nor regular expressions, keeps
    // what follows the last space (rtrim by every character but the space stops there).
    internal static string SurnameKeyPostgres => "(" + NameKey.Sql($"split_part({NamePostgres}, ' ', -1) || ' ' || ({NamePostgres})") + ")";
    internal static string SurnameKeySqlite =>
        NameKey.Sql($"substr({NameSqlite}, length(rtrim({NameSqlite}, replace({NameSqlite}, ' ', ''))) + 1) || ' ' || {NameSqlite}");

    private string NameKeySql => IsPostgres ? NameKeyPostgres : NameKeySqlite;
    private string SurnameKeySql => IsPostgres ? SurnameKeyPostgres : SurnameKeySqlite;

    /// <summary>The patron with exactly this id at the agency, if it has claims there.</summary>
    public async Task<IReadOnlyList<PatronHit>> PatronByIdAsync(string agencyId, string patronId, CancellationToken ct) =>
        await HitsAsync([(agencyId, patronId)], ct);

    /// <summary>
    /// Patrons at the agency found by name (as the library system wrote it, folded by <see cref="NameKey"/>): those whose
    /// name starts with what was typed ("mette h"), and those whose surname starts with its last word ("hansen",
    /// "øster") or, with first names before it, is that word and the name starts with them ("mette hansen" finds
    /// Mette Lund Hansen). At most <paramref name="limit"/>, by name.
    /// </summary>
    public async Task<IReadOnlyList<PatronHit>> PatronsByNameAsync(string agencyId, string typed, int limit, CancellationToken ct)
    {
        var folded = NameKey.Fold(typed);
        if (folded.Length == 0) return [];
        var lastSpace = folded.LastIndexOf(' ');
        var surnameFirst = lastSpace < 0 ? folded : folded[(lastSpace + 1)..] + " " + folded[..lastSpace];
        var patrons = new List<(string, string)>();
        await using (var c = await dialect.OpenAsync(ct))
        await using (var cmd = c.CreateCommand())
        {
            // Two key ranges, each read in its index's own order, so each stops after a few claims more than patrons
            // wanted (a patron has several). PostgreSQL's text_pattern_ops index orders byte-wise: its operators must
            // be named, in the order too, or the planner sorts every match (all the agency's Hansens) first.
            var (ge, lt, order) = IsPostgres ? ("~>=~", "~<~", "USING ~<~") : (">=", "<", "");
            string Range(string key, string from, string alias)
            {
                cmd.With($"@{alias}_lo", from).With($"@{alias}_hi", from + "\uFFFF");
                return $"""
                    SELECT * FROM (SELECT patron_id, {key} AS k FROM claims
                        WHERE agency_id = @a AND {key} {ge} @{alias}_lo AND {key} {lt} @{alias}_hi
                        ORDER BY {key} {order} LIMIT @scan) {alias}
                    """;
            }
            cmd.CommandText = $"""
                SELECT patron_id, MIN(k) AS k FROM (
                    {Range(NameKeySql, folded, "byname")}
                    UNION ALL
                    {Range(SurnameKeySql, surnameFirst, "bysurname")}) x
                GROUP BY patron_id ORDER BY k, patron_id LIMIT @n
                """;
            cmd.With("@a", agencyId).With("@scan", limit * 20).With("@n", limit);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) patrons.Add((agencyId, r.GetString(0)));
        }
        var hits = await HitsAsync(patrons, ct);
        return [.. hits.OrderBy(h => NameKey.Fold(h.Name ?? ""), StringComparer.Ordinal).ThenBy(h => h.PatronId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Patrons at the agencies whose claims <paramref name="party"/> is liable for (their own, or as a guardian), or
    /// whose claims are <paramref name="party"/>'s own while a guardian is liable (a child's number finds the child):
    /// found through the keyed hashes, so the number itself is never compared, stored or logged in plain.
    /// </summary>
    public async Task<IReadOnlyList<PatronHit>> PatronsByLiableAsync(IReadOnlyCollection<string> agencyIds, DebtorId party, CancellationToken ct)
    {
        if (agencyIds.Count == 0) return [];
        var patrons = new HashSet<(string, string)>();
        await using (var c = await dialect.OpenAsync(ct))
        await using (var cmd = c.CreateCommand())
        {
            cmd.With("@h", ledger.Codec.LiableHash(party));
            cmd.CommandText = $"SELECT agency_id, patron_id FROM claim_summaries WHERE (liable_hash = @h OR debtor_hash = @h) AND {dialect.OneOf(cmd, "agency_id", "agencies", agencyIds)}";
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) patrons.Add((r.GetString(0), r.GetString(1)));
        }
        return await HitsAsync([.. patrons.Take(200)], ct);
    }

    /// <summary>
    /// The figures of each (agency, patron) that has claims, with the name from the patron's newest claim. The claims
    /// are found through the summaries' patron index (the claims table has none by patron).
    /// </summary>
    private async Task<IReadOnlyList<PatronHit>> HitsAsync(IReadOnlyList<(string AgencyId, string PatronId)> patrons, CancellationToken ct)
    {
        if (patrons.Count == 0) return [];
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        var closed = string.Join(", ", ClosedStatuses.Select(s => $"'{s}'"));
        var which = dialect.AnyOf(cmd, patrons, "patron_id");
        cmd.CommandText = $"""
            SELECT agency_id, patron_id, COUNT(*), SUM(CASE WHEN status IN ({closed}) THEN 0 ELSE 1 END), SUM(outstanding_ore)
            FROM claim_summaries WHERE {which} GROUP BY agency_id, patron_id;
            SELECT agency_id, patron_id, header_json, received_at FROM claims
            WHERE (agency_id, claim_id) IN (SELECT agency_id, claim_id FROM claim_summaries WHERE {which});
            """;
        var figures = new Dictionary<(string, string), (int Claims, int Open, long Outstanding)>();
        var names = new Dictionary<(string, string), (string? Name, long At)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct)) figures[(r.GetString(0), r.GetString(1))] = (Convert.ToInt32(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt32(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture));
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var key = (r.GetString(0), r.GetString(1));
                var at = r.GetInt64(3);
                if (names.TryGetValue(key, out var known) && known.At >= at) continue;
                names[key] = (NameOf(r.GetString(2)), at);
            }
        }
        return [.. patrons.Distinct().Where(figures.ContainsKey).Select(p =>
        {
            var f = figures[p];
            return new PatronHit(p.AgencyId, p.PatronId, names.GetValueOrDefault(p).Name, f.Claims, f.Open, Money.FromOre(f.Outstanding));
        })];
    }

    private static string? NameOf(string headerJson) =>
        (string?)System.Text.Json.Nodes.JsonNode.Parse(headerJson)?["debtorName"];
}

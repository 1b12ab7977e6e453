using System.Globalization;
using System.Text;
using FeeBridge.Domain.Claims;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Claims;

/// <summary>The claim ledger read: one claim with its history, pages of summaries, a patron's or a liable party's claims.</summary>
public sealed class ClaimQueries(StoreDialect dialect, ClaimLedger ledger)
{
    public async Task<ClaimState?> GetAsync(ClaimKey claim, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        return await ledger.LoadAsync(c, null, claim, ct);
    }

    /// <summary>
    /// A page of an agency's claims, newest change first. Walked along the events (<c>claim_events_changed</c>): a
    /// claim's change is its last event (the summary's <c>last_seq</c>), so no summary index holds the time of the
    /// change and a payment's rewrite of the summary adds no index entry (docs/architecture.md, "A report's index entries").
    /// </summary>
    public async Task<ClaimPage> ListAsync(ClaimQuery q, CancellationToken ct)
    {
        var sql = new StringBuilder($"""
            SELECT {SummaryColumnsOfS} FROM claim_events e
            JOIN claim_summaries s ON s.agency_id = e.agency_id AND s.claim_id = e.claim_id AND s.last_seq = e.seq
            WHERE e.agency_id = @a
            """);
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.With("@a", q.AgencyId);
        if (q.Status is { } st) { sql.Append(" AND s.status = @s"); cmd.With("@s", ClaimNames.Of(st)); }
        if (q.PatronId is { } p) { sql.Append(" AND s.patron_id = @p"); cmd.With("@p", p); }
        if (q.ChangedSince is { } since) { sql.Append(" AND e.at >= @since"); cmd.With("@since", ClaimCodec.ToMicros(since)); }
        if (Cursor.TryDecode(q.Cursor) is { } after)
        {
            // A row comparison: an index condition, so a later page starts where the cursor is instead of walking up to it.
            sql.Append(" AND (e.at, e.claim_id) < (@cu, @cc)");
            cmd.With("@cu", after.UpdatedAt).With("@cc", after.ClaimId);
        }
        sql.Append(" ORDER BY e.at DESC, e.claim_id DESC LIMIT @n");
        cmd.With("@n", q.Limit + 1);
        cmd.CommandText = sql.ToString();

        var items = await ClaimLedger.ReadSummariesAsync(cmd, ct);
        string? next = null;
        if (items.Count > q.Limit)
        {
            items.RemoveAt(items.Count - 1);
            var last = items[^1];
            next = Cursor.Encode(ClaimCodec.ToMicros(last.UpdatedAt), last.ClaimId);
        }
        return new ClaimPage(items, next);
    }

    // The summary's columns as the list's join names them (summary alias s), made once.
    private static readonly string SummaryColumnsOfS =
        string.Join(", ", ClaimLedger.SummaryColumns.Split(", ").Select(column => "s." + column));

    /// <summary>
    /// Every claim of one patron at one agency, folded (one round trip: the claims and their events), oldest first —
    /// what the desk and the balance need together, so neither reads the patron's summaries and then the claims again.
    /// </summary>
    public async Task<IReadOnlyList<ClaimState>> PatronStatesAsync(string agencyId, string patronId, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        var states = await ledger.LoadManyAsync(c, null, cmd =>
        {
            cmd.With("@a", agencyId).With("@p", patronId);
            return "agency_id = @a AND claim_id IN (SELECT claim_id FROM claim_summaries WHERE agency_id = @a AND patron_id = @p)";
        }, ct);
        return [.. states.Values.OrderBy(s => s.Header.CreatedAt).ThenBy(s => s.Header.ClaimId, StringComparer.Ordinal)];
    }

    /// <summary>Several claims at once (two queries, whatever their number), by (agency, claim id).</summary>
    public async Task<Dictionary<ClaimKey, ClaimState>> GetManyAsync(IReadOnlyCollection<ClaimKey> keys, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        return await ledger.LoadManyAsync(c, null, keys, ct);
    }

    /// <summary>
    /// Every claim one person or organisation is liable for, at every agency (the citizen's overview): one round
    /// trip, found through the keyed hash of the liable party.
    /// </summary>
    public async Task<IReadOnlyList<ClaimState>> LiableClaimsAsync(DebtorId party, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        var states = await ledger.LoadManyAsync(c, null, cmd =>
        {
            cmd.With("@liable", ledger.Codec.LiableHash(party));
            return "(agency_id, claim_id) IN (SELECT agency_id, claim_id FROM claim_summaries WHERE liable_hash = @liable)";
        }, ct);
        return [.. states.Values.OrderBy(s => s.Header.CreatedAt).ThenBy(s => s.Header.ClaimId, StringComparer.Ordinal)];
    }

}

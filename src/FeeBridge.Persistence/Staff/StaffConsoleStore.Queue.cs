using System.Globalization;
using System.Text.Json.Nodes;
using FeeBridge.Domain.Claims;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Staff;

/// <summary>What kind of thing waits for a person in the finance department (CONTRACTS.md §8 queue).</summary>
public enum QueueKind
{
    /// <summary>A claim the debtor system refused to register, with its code and text.</summary>
    Rejected,

    /// <summary>A debtor-system report FeeBridge answered <c>Afvist</c> (unknown claim, impossible amount).</summary>
    Refused,

    /// <summary>A notice FBS cannot take (part payment, write-off, possible double payment): someone must act in FBS.</summary>
    Attention,

    /// <summary>A handling other than a registration the debtor system refused (a write-down, a cancellation, a change of debtor).</summary>
    Handling,

    /// <summary>Handlings that do not get through: retried many times or long waiting, or the debtor system's circuit is open.</summary>
    Stuck,
}

/// <summary>
/// One item of the queue. <paramref name="ItemId"/> names it for resolving (<c>claim:710100:B1</c>, <c>report:17</c>,
/// <c>notice:9</c>, <c>handling:4</c>, <c>stuck:101</c>); <paramref name="Version"/> changes when the item does, so a
/// dismissal hides only what was seen.
/// </summary>
public sealed record QueueItem(string ItemId, QueueKind Kind, long Version, DateTimeOffset Since, string? AgencyId, string? ClaimId, string? PatronId,
    string? Code, string Reason, Money? Amount, long? Count)
{
    /// <summary>What else names it: a report's <c>FagsystemFordringId</c>, a notice's target, a handling's kind.</summary>
    public string? Reference { get; init; }
}

/// <summary>The oldest items first, and how many of each kind wait in all (up to <see cref="StaffConsoleStore.CountUpTo"/>).</summary>
public sealed record QueuePage(IReadOnlyList<QueueItem> Items, IReadOnlyDictionary<QueueKind, long> Counts);

public sealed partial class StaffConsoleStore
{
    /// <summary>
    /// Each kind is counted up to this many: enough for a person to know how much waits ("1.000+"), without reading a
    /// backlog to say so (counting 10,000 took about 12 ms per kind on every queue page).
    /// </summary>
    public const int CountUpTo = 1_000;

    public static string KindName(QueueKind k) => k.ToString().ToLowerInvariant();

    public static bool TryParseKind(string? text, out QueueKind kind)
    {
        foreach (var k in Enum.GetValues<QueueKind>())
        {
            if (KindName(k) == text) { kind = k; return true; }
        }
        kind = default;
        return false;
    }

    /// <summary>
    /// What waits for a person in the municipality: oldest first, at most <paramref name="limit"/>, optionally one kind.
    /// A rejected claim with a handling already on its way again (corrected, resent) does not wait; neither does
    /// anything dismissed in the version it is in now.
    /// </summary>
    /// <param name="agencyIds">The municipality's agencies (notices are kept by agency).</param>
    /// <param name="stuckAttempts">From this many failed sends on, a waiting handling counts as stuck.</param>
    /// <param name="stuckBefore">A handling waiting since before this counts as stuck.</param>
    /// <param name="circuitOpen">The debtor system's circuit is open in this process.</param>
    public async Task<QueuePage> QueueAsync(string municipality, IReadOnlyCollection<string> agencyIds, QueueKind? kind, int limit,
        int stuckAttempts, DateTimeOffset stuckBefore, bool circuitOpen, CancellationToken ct)
    {
        var items = new List<QueueItem>();
        var counts = new Dictionary<QueueKind, long>();
        await using var c = await dialect.OpenAsync(ct);
        bool Wanted(QueueKind k) => kind is null || kind == k;
        // Every kind is counted (the tabs show them all), but only the asked kind's page is read.
        string Page(QueueKind k) => Wanted(k) ? "@n" : "0";

        await using (var cmd = c.CreateCommand())
        {
            cmd.With("@m", municipality).With("@n", limit).With("@k", stuckAttempts).With("@old", ClaimCodec.ToMicros(stuckBefore));
            var agencies = agencyIds.Count == 0 ? "1 = 0" : dialect.OneOf(cmd, "n.agency_id", "agencies", agencyIds);
            var notDismissed = (string id, string version) =>
                $"NOT EXISTS (SELECT 1 FROM staff_queue_resolutions r WHERE r.item_id = {id} AND r.item_version = {version} AND r.action = 'dismiss')";
            // Each source: the count, then the oldest page (the counts first, so one reader walks the results in order).
            var rejected = $"""
                FROM claim_summaries s WHERE s.municipality = @m AND s.status = 'rejected'
                AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.agency_id = s.agency_id AND o.claim_id = s.claim_id AND o.state = 'pending')
                AND {notDismissed("'claim:' || s.agency_id || ':' || s.claim_id", "s.status_since")}
                """;
            var refused = $"FROM inbox i WHERE i.municipality = @m AND i.state = 'refused' AND {notDismissed("'report:' || CAST(i.id AS TEXT)", "0")}";
            var attention = $"FROM notices n WHERE {agencies} AND n.state = 'attention' AND {notDismissed("'notice:' || CAST(n.id AS TEXT)", "n.attempts")}";
            var handling = $"""
                FROM outbox h WHERE h.municipality = @m AND h.state = 'rejected' AND h.kind <> '{nameof(HandlingKind.OpretDebitorkonto)}'
                AND {notDismissed("'handling:' || CAST(h.id AS TEXT)", "h.attempts")}
                """;
            cmd.CommandText = $"""
                SELECT COUNT(*) FROM (SELECT 1 {rejected} LIMIT {CountUpTo}) c;
                SELECT s.agency_id, s.claim_id, s.patron_id, s.outstanding_ore, s.status_since {rejected} ORDER BY s.status_since, s.agency_id, s.claim_id LIMIT {Page(QueueKind.Rejected)};
                SELECT COUNT(*) FROM (SELECT 1 {refused} LIMIT {CountUpTo}) c;
                SELECT i.id, i.agency_id, i.claim_id, i.fagsystem_fordring_id, i.type, i.beloeb_ore, i.reason, i.received_at {refused} ORDER BY i.id LIMIT {Page(QueueKind.Refused)};
                SELECT COUNT(*) FROM (SELECT 1 {attention} LIMIT {CountUpTo}) c;
                SELECT n.id, n.agency_id, n.claim_id, n.event_type, n.target, n.result, n.created_at, n.attempts {attention} ORDER BY n.id LIMIT {Page(QueueKind.Attention)};
                SELECT COUNT(*) FROM (SELECT 1 {handling} LIMIT {CountUpTo}) c;
                SELECT h.id, h.agency_id, h.claim_id, h.kind, h.receipt_code, h.receipt_text, h.created_at, h.attempts {handling} ORDER BY h.id LIMIT {Page(QueueKind.Handling)};
                SELECT COUNT(*), MIN(created_at), MAX(attempts) FROM (SELECT created_at, attempts FROM outbox
                WHERE municipality = @m AND state = 'pending' AND (attempts >= @k OR created_at < @old) ORDER BY id LIMIT {CountUpTo}) w;
                """;
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var rejectedClaims = new List<(ClaimKey Key, string Patron, long Outstanding, long RejectedSince)>();
            counts[QueueKind.Rejected] = await CountAsync(r, ct);
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct)) rejectedClaims.Add((new ClaimKey(r.GetString(0), r.GetString(1)), r.GetString(2), r.GetInt64(3), r.GetInt64(4)));

            await r.NextResultAsync(ct);
            counts[QueueKind.Refused] = await CountAsync(r, ct);
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                if (!Wanted(QueueKind.Refused)) continue;
                var id = r.GetInt64(0);
                items.Add(new QueueItem($"report:{id.ToString(CultureInfo.InvariantCulture)}", QueueKind.Refused, 0, ClaimCodec.FromMicros(r.GetInt64(7)),
                    r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), null, r.GetString(4),
                    r.IsDBNull(6) ? "Afvist" : r.GetString(6), Money.FromOre(r.GetInt64(5)), null) { Reference = r.GetString(3) });
            }

            await r.NextResultAsync(ct);
            counts[QueueKind.Attention] = await CountAsync(r, ct);
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                if (!Wanted(QueueKind.Attention)) continue;
                var id = r.GetInt64(0);
                items.Add(new QueueItem($"notice:{id.ToString(CultureInfo.InvariantCulture)}", QueueKind.Attention, r.GetInt32(7), ClaimCodec.FromMicros(r.GetInt64(6)),
                    r.GetString(1), r.GetString(2), null, r.GetString(3), r.IsDBNull(5) ? r.GetString(3) : r.GetString(5), null, null) { Reference = r.GetString(4) });
            }

            await r.NextResultAsync(ct);
            counts[QueueKind.Handling] = await CountAsync(r, ct);
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                if (!Wanted(QueueKind.Handling)) continue;
                var id = r.GetInt64(0);
                items.Add(new QueueItem($"handling:{id.ToString(CultureInfo.InvariantCulture)}", QueueKind.Handling, r.GetInt32(7), ClaimCodec.FromMicros(r.GetInt64(6)),
                    r.GetString(1), r.GetString(2), null, r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? "Afvist" : r.GetString(5), null, null)
                    { Reference = r.GetString(3) });
            }

            await r.NextResultAsync(ct);
            await r.ReadAsync(ct);
            var stuck = Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
            if (stuck > 0 || circuitOpen)
            {
                counts[QueueKind.Stuck] = 1;
                if (Wanted(QueueKind.Stuck))
                {
                    var since = r.IsDBNull(1) ? DateTimeOffset.UtcNow : ClaimCodec.FromMicros(Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture));
                    var attempts = r.IsDBNull(2) ? 0 : Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture);
                    var reason = (circuitOpen ? "The debtor system does not answer: its circuit is open and FeeBridge waits before trying again. " : "")
                        + $"{stuck.ToString(CultureInfo.InvariantCulture)}{(stuck >= CountUpTo ? " or more" : "")} handlings wait (tried up to {attempts.ToString(CultureInfo.InvariantCulture)} times).";
                    items.Add(new QueueItem($"stuck:{municipality}", QueueKind.Stuck, 0, since, null, null, null, circuitOpen ? "CIRCUIT_OPEN" : "STUCK",
                        reason, null, stuck));
                }
            }
            else counts[QueueKind.Stuck] = 0;

            await r.DisposeAsync();
            if (Wanted(QueueKind.Rejected) && rejectedClaims.Count > 0)
                items.AddRange(await RejectedItemsAsync(c, rejectedClaims, ct));
        }
        return new QueuePage([.. items.OrderBy(i => i.Since).ThenBy(i => i.ItemId, StringComparer.Ordinal).Take(limit)], counts);
    }

    private static async Task<long> CountAsync(System.Data.Common.DbDataReader r, CancellationToken ct)
    {
        await r.ReadAsync(ct);
        return Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
    }

    /// <summary>The debtor system's latest code and text for each rejected claim, from its <c>rejected</c> events.</summary>
    private async Task<IEnumerable<QueueItem>> RejectedItemsAsync(System.Data.Common.DbConnection c,
        List<(ClaimKey Key, string Patron, long Outstanding, long RejectedSince)> claims, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT agency_id, claim_id, at, data FROM claim_events WHERE ({dialect.AnyOf(cmd, claims.Select(x => (x.Key.AgencyId, x.Key.ClaimId)), "claim_id")}) AND type = 'rejected' ORDER BY seq";
        var latest = new Dictionary<ClaimKey, (long At, string Code, string Text)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var data = JsonNode.Parse(r.GetString(3))!;
                latest[new ClaimKey(r.GetString(0), r.GetString(1))] = (r.GetInt64(2), (string?)data["code"] ?? "", (string?)data["text"] ?? "");
            }
        }
        return claims.Select(x =>
        {
            var (at, code, text) = latest.GetValueOrDefault(x.Key, (x.RejectedSince, "", ""));
            return new QueueItem($"claim:{x.Key.AgencyId}:{x.Key.ClaimId}", QueueKind.Rejected, x.RejectedSince, ClaimCodec.FromMicros(at), x.Key.AgencyId,
                x.Key.ClaimId, x.Patron, code, text, Money.FromOre(x.Outstanding), null);
        });
    }
}

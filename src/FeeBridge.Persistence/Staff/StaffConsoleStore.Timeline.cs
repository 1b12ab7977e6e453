using System.Globalization;
using FeeBridge.Domain.Claims;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Notices;

namespace FeeBridge.Persistence.Staff;

/// <summary>A handling FeeBridge sent (or will send) the debtor system for a claim, with its receipt.</summary>
public sealed record HandlingView(long Id, ClaimKey Claim, int Seq, string HandlingId, string Kind, string State, int Attempts,
    string? ReceiptCode, string? ReceiptText, DateTimeOffset CreatedAt, DateTimeOffset NotBefore);

/// <summary>A report the debtor system sent about a claim, as stored in the inbox.</summary>
public sealed record ReportView(long Id, ClaimKey Claim, Guid HaendelseId, string Type, Money Beloeb, DateOnly ValueDate, string? PaymentMethod,
    Money Restsaldo, string State, string? Reason, DateTimeOffset ReceivedAt, DateTimeOffset? AppliedAt);

/// <summary>Every message about some claims, to and from the debtor system and the library side.</summary>
public sealed record ClaimMessages(IReadOnlyList<HandlingView> Handlings, IReadOnlyList<ReportView> Reports, IReadOnlyList<(ClaimKey Claim, NoticeView Notice)> Notices);

public sealed partial class StaffConsoleStore
{
    /// <summary>The handlings, reports and notices of the claims, in three queries whatever their number.</summary>
    public async Task<ClaimMessages> MessagesAsync(IReadOnlyCollection<ClaimKey> claims, CancellationToken ct)
    {
        if (claims.Count == 0) return new([], [], []);
        var pairs = claims.Select(k => (k.AgencyId, k.ClaimId)).ToList();
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        var which = dialect.AnyOf(cmd, pairs, "claim_id");
        cmd.CommandText = $"""
            SELECT id, agency_id, claim_id, seq, handling_id, kind, state, attempts, receipt_code, receipt_text, created_at, not_before
            FROM outbox WHERE {which} ORDER BY id;
            SELECT id, agency_id, claim_id, haendelse_id, type, beloeb_ore, value_date, payment_method, restsaldo_ore, state, reason, received_at, applied_at
            FROM inbox WHERE {which} ORDER BY id;
            SELECT id, agency_id, claim_id, event_id, event_type, target, state, attempts, result, created_at, finished_at
            FROM notices WHERE {which} ORDER BY id;
            """;
        var handlings = new List<HandlingView>();
        var reports = new List<ReportView>();
        var notices = new List<(ClaimKey, NoticeView)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                handlings.Add(new HandlingView(r.GetInt64(0), new ClaimKey(r.GetString(1), r.GetString(2)), r.GetInt32(3), r.GetString(4), r.GetString(5),
                    r.GetString(6), r.GetInt32(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9),
                    ClaimCodec.FromMicros(r.GetInt64(10)), ClaimCodec.FromMicros(r.GetInt64(11))));
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
                reports.Add(new ReportView(r.GetInt64(0), new ClaimKey(r.GetString(1), r.GetString(2)), Guid.Parse(r.GetString(3)), r.GetString(4),
                    Money.FromOre(r.GetInt64(5)), DateOnly.ParseExact(r.GetString(6), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    r.IsDBNull(7) ? null : r.GetString(7), Money.FromOre(r.GetInt64(8)), r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10),
                    ClaimCodec.FromMicros(r.GetInt64(11)), r.IsDBNull(12) ? null : ClaimCodec.FromMicros(r.GetInt64(12))));
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
                notices.Add((new ClaimKey(r.GetString(1), r.GetString(2)), new NoticeView(r.GetInt64(0), r.GetString(2), r.GetString(3), r.GetString(4),
                    r.GetString(5), r.GetString(6), r.GetInt32(7), r.IsDBNull(8) ? null : r.GetString(8), ClaimCodec.FromMicros(r.GetInt64(9)),
                    r.IsDBNull(10) ? null : ClaimCodec.FromMicros(r.GetInt64(10)), [])));
        }
        if (notices.Count == 0) return new(handlings, reports, notices);
        var attempts = await AttemptsAsync(c, notices.Select(n => n.Item2.Id).ToList(), ct);
        return new(handlings, reports, [.. notices.Select(n => (n.Item1, n.Item2 with { Log = attempts.GetValueOrDefault(n.Item2.Id) ?? [] }))]);
    }

    private async Task<Dictionary<long, List<NoticeAttempt>>> AttemptsAsync(System.Data.Common.DbConnection c, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        await using var log = c.CreateCommand();
        log.CommandText = $"SELECT notice_id, attempt, at, outcome FROM notice_attempts WHERE {dialect.OneOf(log, "notice_id", "ids", ids)} ORDER BY notice_id, attempt";
        var attempts = new Dictionary<long, List<NoticeAttempt>>();
        await using var r = await log.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var id = r.GetInt64(0);
            if (!attempts.TryGetValue(id, out var list)) attempts[id] = list = [];
            list.Add(new NoticeAttempt(r.GetInt32(1), ClaimCodec.FromMicros(r.GetInt64(2)), r.GetString(3)));
        }
        return attempts;
    }
}

using System.Data.Common;
using FeeBridge.Domain.Claims;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Queues;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Notices;

/// <summary>A notice leased for delivery.</summary>
public sealed record NoticeItem(long Id, string AgencyId, string ClaimId, int Seq, Guid EventId, string EventType, NoticeTarget Target, int Attempts, DateTimeOffset CreatedAt)
{
    public ClaimKey Claim => new(AgencyId, ClaimId);
}

/// <summary>A notice as the delivery log shows it, with its attempts.</summary>
public sealed record NoticeView(long Id, string ClaimId, string EventId, string EventType, string Target, string State, int Attempts,
    string? Result, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, IReadOnlyList<NoticeAttempt> Log);

public sealed record NoticeAttempt(int Attempt, DateTimeOffset At, string Outcome);

/// <summary>How one delivery attempt ended: the notice's new state, what happened, and when to try again if at all.</summary>
public sealed record NoticeResult(NoticeItem Item, NoticeState State, string Outcome, DateTimeOffset? RetryAt);

/// <summary>An agency's webhook: where its library system wants callbacks, and the secret they are signed with.</summary>
public sealed record Webhook(string AgencyId, Uri Url, string Secret, DateTimeOffset CreatedAt);

public static class NoticeTargets
{
    public static string TargetName(NoticeTarget t) => t switch
    {
        NoticeTarget.Fbs => "fbs",
        NoticeTarget.Webhook => "webhook",
        _ => "staff",
    };

    public static NoticeTarget ParseTarget(string s) => s switch
    {
        "fbs" => NoticeTarget.Fbs,
        "webhook" => NoticeTarget.Webhook,
        _ => NoticeTarget.Staff,
    };
}

/// <summary>
/// The library-side outbox: notices written with the claim events that cause them (<see cref="Claims.ClaimLedger"/>), leased
/// for delivery like the debtor outbox (SKIP LOCKED on PostgreSQL), every attempt logged; and the agencies' webhooks.
/// </summary>
public sealed class NoticeStore(StoreDialect dialect)
{
    public async Task<IReadOnlyList<NoticeItem>> LeaseAsync(string owner, int max, DateTimeOffset now, TimeSpan leaseFor, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command($"""
            UPDATE notices SET lease_owner = @owner, lease_until = @until
            WHERE id IN (
                SELECT id FROM notices
                WHERE state = 'pending' AND not_before <= @now AND lease_until < @now
                ORDER BY not_before, id LIMIT @n{dialect.SkipLocked})
            RETURNING id, agency_id, claim_id, seq, event_id, event_type, target, attempts, created_at
            """)
            .With("@owner", owner).With("@until", ClaimCodec.ToMicros(now + leaseFor)).With("@now", ClaimCodec.ToMicros(now)).With("@n", max);
        var items = new List<NoticeItem>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                items.Add(new NoticeItem(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt32(3), Guid.Parse(r.GetString(4)),
                    r.GetString(5), NoticeTargets.ParseTarget(r.GetString(6)), r.GetInt32(7), ClaimCodec.FromMicros(r.GetInt64(8))));
            }
        }
        await scope.CommitAsync(ct);
        return items.OrderBy(i => i.Id).ToList();
    }

    /// <summary>
    /// Records attempts and their ends, in one transaction: <c>delivered</c>, <c>withdrawn</c> or <c>attention</c>
    /// close a notice; <c>pending</c> with a retry time tries again then. Only rows this owner still holds change.
    /// </summary>
    public async Task FinishAsync(IReadOnlyList<NoticeResult> results, string owner, DateTimeOffset now, CancellationToken ct)
    {
        if (results.Count == 0) return;
        await using var scope = await dialect.BeginWriteAsync([], ct);
        foreach (var r in results)
        {
            await using var update = scope.Command("""
                UPDATE notices SET state = @st, result = @res, attempts = attempts + 1, not_before = @nb, lease_owner = NULL, lease_until = 0,
                    finished_at = @fin
                WHERE id = @id AND lease_owner = @owner AND state = 'pending'
                """).With("@st", QueueStates.Name(r.State)).With("@res", r.Outcome).With("@nb", ClaimCodec.ToMicros(r.RetryAt ?? now))
                .With("@fin", r.State == NoticeState.Pending ? null : ClaimCodec.ToMicros(now)).With("@id", r.Item.Id).With("@owner", owner);
            if (await update.ExecuteNonQueryAsync(ct) == 0) continue;
            await using var log = scope.Command("INSERT INTO notice_attempts (notice_id, attempt, at, outcome) VALUES (@id, @n, @at, @o)")
                .With("@id", r.Item.Id).With("@n", r.Item.Attempts + 1).With("@at", ClaimCodec.ToMicros(now)).With("@o", r.Outcome);
            await log.ExecuteNonQueryAsync(ct);
        }
        await scope.CommitAsync(ct);
    }

    /// <summary>The delivery log of one agency, newest first; optionally one state (e.g. <c>attention</c>) or one claim.</summary>
    public async Task<IReadOnlyList<NoticeView>> ListAsync(string agencyId, NoticeState? state, string? claimId, long? beforeId, int limit, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT id, claim_id, event_id, event_type, target, state, attempts, result, created_at, finished_at FROM notices
            WHERE agency_id = @a{(state is null ? "" : " AND state = @st")}{(claimId is null ? "" : " AND claim_id = @c")}{(beforeId is null ? "" : " AND id < @b")}
            ORDER BY id DESC LIMIT @n
            """;
        cmd.With("@a", agencyId).With("@n", limit);
        if (state is { } st) cmd.With("@st", QueueStates.Name(st));
        if (claimId is not null) cmd.With("@c", claimId);
        if (beforeId is not null) cmd.With("@b", beforeId);
        var rows = new List<NoticeView>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                rows.Add(new NoticeView(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt32(6),
                    r.IsDBNull(7) ? null : r.GetString(7), ClaimCodec.FromMicros(r.GetInt64(8)), r.IsDBNull(9) ? null : ClaimCodec.FromMicros(r.GetInt64(9)), []));
            }
        }
        if (rows.Count == 0) return rows;
        await using var log = c.CreateCommand();
        log.CommandText = $"SELECT notice_id, attempt, at, outcome FROM notice_attempts WHERE {dialect.OneOf(log, "notice_id", "ids", rows.Select(x => x.Id).ToList())} ORDER BY notice_id, attempt";
        var attempts = new Dictionary<long, List<NoticeAttempt>>();
        await using (var r = await log.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt64(0);
                if (!attempts.TryGetValue(id, out var list)) attempts[id] = list = [];
                list.Add(new NoticeAttempt(r.GetInt32(1), ClaimCodec.FromMicros(r.GetInt64(2)), r.GetString(3)));
            }
        }
        return rows.Select(x => x with { Log = attempts.GetValueOrDefault(x.Id) ?? [] }).ToList();
    }

    /// <summary>Counts per target and state, for tests and health.</summary>
    public async Task<IReadOnlyDictionary<(string Target, string State), long>> CountsAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT target, state, COUNT(*) FROM notices GROUP BY target, state";
        var counts = new Dictionary<(string, string), long>();
        await using DbDataReader r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) counts[(r.GetString(0), r.GetString(1))] = r.GetInt64(2);
        return counts;
    }

    public async Task SaveWebhookAsync(Webhook w, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("""
            INSERT INTO webhooks (agency_id, url, secret, created_at) VALUES (@a, @u, @s, @t)
            ON CONFLICT (agency_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, created_at = excluded.created_at
            """).With("@a", w.AgencyId).With("@u", w.Url.ToString()).With("@s", w.Secret).With("@t", ClaimCodec.ToMicros(w.CreatedAt));
        await cmd.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
    }

    public async Task<Webhook?> WebhookAsync(string agencyId, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT url, secret, created_at FROM webhooks WHERE agency_id = @a";
        cmd.With("@a", agencyId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new Webhook(agencyId, new Uri(r.GetString(0)), r.GetString(1), ClaimCodec.FromMicros(r.GetInt64(2))) : null;
    }

    /// <summary>Removes the webhook; notices still pending for it are withdrawn (there is nobody to tell).</summary>
    public async Task<bool> DeleteWebhookAsync(string agencyId, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("DELETE FROM webhooks WHERE agency_id = @a").With("@a", agencyId);
        var gone = await cmd.ExecuteNonQueryAsync(ct) > 0;
        await using var withdraw = scope.Command("""
            UPDATE notices SET state = 'withdrawn', result = 'The webhook was removed.', finished_at = @t
            WHERE agency_id = @a AND target = 'webhook' AND state = 'pending'
            """).With("@a", agencyId).With("@t", ClaimCodec.ToMicros(now));
        await withdraw.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
        return gone;
    }
}

using System.Globalization;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Queues;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Staff;

public sealed partial class StaffConsoleStore
{
    /// <summary>Records how a person resolved a queue item; a <c>dismiss</c> hides that version of it from the queue.</summary>
    public async Task RecordResolutionAsync(string itemId, long version, string municipality, string action, string actor, string? reason,
        DateTimeOffset at, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("""
            INSERT INTO staff_queue_resolutions (item_id, item_version, municipality, action, actor, reason, at)
            VALUES (@id, @v, @m, @a, @who, @why, @at) ON CONFLICT DO NOTHING
            """).With("@id", itemId).With("@v", version).With("@m", municipality).With("@a", action).With("@who", actor).With("@why", reason)
            .With("@at", ClaimCodec.ToMicros(at));
        await cmd.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
    }

    /// <summary>
    /// A handling the debtor system refused goes out again, under a new <c>HandlingId</c> (the debtor system answers an
    /// id once, so the old one would only get the old answer). False when the row is not a refused handling of the
    /// municipality.
    /// </summary>
    public async Task<bool> ResendHandlingAsync(long id, string municipality, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("""
            UPDATE outbox SET state = 'pending', handling_id = @h, attempts = attempts + 1, not_before = @now, lease_owner = NULL, lease_until = 0,
                receipt_code = NULL, receipt_text = NULL
            WHERE id = @id AND municipality = @m AND state = 'rejected'
            """).With("@h", Guid.CreateVersion7(now).ToString()).With("@now", ClaimCodec.ToMicros(now)).With("@id", id).With("@m", municipality);
        var changed = await cmd.ExecuteNonQueryAsync(ct) > 0;
        await scope.CommitAsync(ct);
        return changed;
    }

    /// <summary>The municipality's waiting handlings are due now rather than after their back-off; returns how many.</summary>
    public async Task<int> RetryNowAsync(string municipality, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("UPDATE outbox SET not_before = @now WHERE municipality = @m AND state = 'pending' AND not_before > @now")
            .With("@now", ClaimCodec.ToMicros(now)).With("@m", municipality);
        var changed = await cmd.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
        return changed;
    }

    /// <summary>
    /// Delivers a notice again (to FBS or the agency's webhook): pending from now, its attempts kept. A webhook
    /// receiver deduplicates on the event id and FBS on the order id, so a replay of something delivered is harmless.
    /// </summary>
    public async Task<ReplayOutcome> ReplayNoticeAsync(string agencyId, long id, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using (var read = scope.Command("SELECT target, state FROM notices WHERE id = @id AND agency_id = @a").With("@id", id).With("@a", agencyId))
        await using (var r = await read.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) return ReplayOutcome.NotFound;
            var (target, state) = (r.GetString(0), r.GetString(1));
            if (target is not ("fbs" or "webhook")) return ReplayOutcome.NotDeliverable;
            if (QueueStates.Is(state, NoticeState.Pending)) return ReplayOutcome.AlreadyPending;
        }
        if (!await WebhookExistsUnlessFbsAsync(scope, agencyId, id, ct)) return ReplayOutcome.NotDeliverable;
        await using var cmd = scope.Command("""
            UPDATE notices SET state = 'pending', not_before = @now, lease_owner = NULL, lease_until = 0, finished_at = NULL
            WHERE id = @id AND agency_id = @a AND state <> 'pending'
            """).With("@now", ClaimCodec.ToMicros(now)).With("@id", id).With("@a", agencyId);
        await cmd.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
        return ReplayOutcome.Replayed;
    }

    // A webhook notice needs the agency's webhook still there: without it there is nobody to tell.
    private static async Task<bool> WebhookExistsUnlessFbsAsync(WriteScope scope, string agencyId, long id, CancellationToken ct)
    {
        await using var cmd = scope.Command("""
            SELECT COUNT(*) FROM notices n WHERE n.id = @id AND (n.target = 'fbs' OR EXISTS (SELECT 1 FROM webhooks w WHERE w.agency_id = @a))
            """).With("@id", id).With("@a", agencyId);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>One notice of the agency, for the delivery log's detail, or null.</summary>
    public async Task<(string Target, string State, int Attempts, string ClaimId)?> NoticeAsync(string agencyId, long id, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT target, state, attempts, claim_id FROM notices WHERE id = @id AND agency_id = @a";
        cmd.With("@id", id).With("@a", agencyId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3)) : null;
    }
}

/// <summary>How a replay of a delivery ended.</summary>
public enum ReplayOutcome { Replayed, AlreadyPending, NotDeliverable, NotFound }

using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Rollout;

/// <summary>What a sender may do with a reminder it asked to send (<see cref="ReminderLog.ClaimAsync"/>).</summary>
public enum ReminderClaim
{
    /// <summary>Sent or bounced already, or another sender holds it: do nothing.</summary>
    Skip,
    /// <summary>Recorded now for the first time: send it.</summary>
    Send,
    /// <summary>Recorded before but never confirmed, and that sender's lease ran out (it died, or failed): send it again.</summary>
    Resend,
}

/// <summary>How a reminder's delivery ended.</summary>
public enum ReminderOutcome
{
    /// <summary>The mail server took the mail.</summary>
    Sent,
    /// <summary>The mail server refused the recipient for good (a 5xx): nothing will ever be sent for this key.</summary>
    Bounced,
}

public sealed partial class ReminderLog
{
    /// <summary>
    /// Record-then-send with a lease: the first caller for a key records it (<see cref="ReminderClaim.Send"/>) and
    /// holds it until <paramref name="lease"/> has passed; until the sender confirms it with
    /// <see cref="ConfirmAsync"/>, the first caller after the lease takes it over (<see cref="ReminderClaim.Resend"/>).
    /// So a crash between recording and sending loses nothing, and two senders never hold a key at once. Keys recorded
    /// by <see cref="TryRecordAsync"/> (no lease) are never handed out again.
    /// </summary>
    public async Task<(ReminderClaim Claim, int Attempt)> ClaimAsync(string reminderKey, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderKey);
        var until = ClaimCodec.ToMicros(now + lease);
        await using var scope = await dialect.BeginWriteAsync("rollout-reminder:" + reminderKey, ct);
        await using var insert = scope.Command("""
            INSERT INTO rollout_reminders_sent (reminder_key, sent_at, lease_until, attempts) VALUES (@k, @t, @u, 1)
            ON CONFLICT (reminder_key) DO NOTHING
            """).With("@k", reminderKey).With("@t", ClaimCodec.ToMicros(now)).With("@u", until);
        if (await insert.ExecuteNonQueryAsync(ct) == 1)
        {
            await scope.CommitAsync(ct);
            return (ReminderClaim.Send, 1);
        }
        // The row's own condition decides, under its row lock: of two senders past the lease, one takes it over.
        await using var takeOver = scope.Command("""
            UPDATE rollout_reminders_sent SET lease_until = @u, attempts = attempts + 1
            WHERE reminder_key = @k AND delivered_at IS NULL AND lease_until IS NOT NULL AND lease_until <= @now
            RETURNING attempts
            """).With("@k", reminderKey).With("@u", until).With("@now", ClaimCodec.ToMicros(now));
        var attempts = await takeOver.ExecuteScalarAsync(ct);
        await scope.CommitAsync(ct);
        return attempts is null or DBNull
            ? (ReminderClaim.Skip, 0)
            : (ReminderClaim.Resend, Convert.ToInt32(attempts, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Marks a claimed reminder delivered (sent, or bounced for good); it is never handed out again.</summary>
    public async Task ConfirmAsync(string reminderKey, ReminderOutcome outcome, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync("rollout-reminder:" + reminderKey, ct);
        await using var cmd = scope.Command("""
            UPDATE rollout_reminders_sent SET delivered_at = @t, outcome = @o, lease_until = NULL
            WHERE reminder_key = @k AND delivered_at IS NULL
            """).With("@k", reminderKey).With("@t", ClaimCodec.ToMicros(now))
            .With("@o", outcome == ReminderOutcome.Sent ? "sent" : "bounced");
        await cmd.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
    }

    /// <summary>Keys recorded and not yet delivered (claimed, in flight or interrupted): what a monitor or a test looks at.</summary>
    public async Task<IReadOnlyList<string>> UndeliveredAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT reminder_key FROM rollout_reminders_sent WHERE delivered_at IS NULL AND lease_until IS NOT NULL ORDER BY reminder_key";
        var keys = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) keys.Add(r.GetString(0));
        return keys;
    }
}

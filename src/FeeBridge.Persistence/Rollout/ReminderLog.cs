using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Rollout.Reminders;

namespace FeeBridge.Persistence.Rollout;

/// <summary>
/// The reminders sent, by their idempotency key (<see cref="ReminderKey"/>): a key is recorded once, ever — the
/// table's primary key decides, not a read before the write — so however many senders race and however often a
/// process restarts in between, exactly one of them is told to send.
/// </summary>
public sealed partial class ReminderLog(StoreDialect dialect)
{
    /// <summary>
    /// Records the key; true for exactly one caller per key (that caller sends), false for every other, at the same
    /// moment or later. Record before sending: a crash after the record and before the send loses one reminder,
    /// which is better than a person mailed twice.
    /// </summary>
    public async Task<bool> TryRecordAsync(string reminderKey, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderKey);
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("INSERT INTO rollout_reminders_sent (reminder_key, sent_at) VALUES (@k, @t) ON CONFLICT (reminder_key) DO NOTHING")
            .With("@k", reminderKey).With("@t", ClaimCodec.ToMicros(now));
        var recorded = await cmd.ExecuteNonQueryAsync(ct) == 1;
        await scope.CommitAsync(ct);
        return recorded;
    }

    /// <summary>The keys among <paramref name="reminderKeys"/> already recorded (a schedule can skip them without a write each).</summary>
    public async Task<IReadOnlySet<string>> RecordedAmongAsync(IReadOnlyCollection<string> reminderKeys, CancellationToken ct)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (reminderKeys.Count == 0) return found;
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT reminder_key FROM rollout_reminders_sent WHERE {dialect.OneOf(cmd, "reminder_key", "keys", reminderKeys)}";
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) found.Add(r.GetString(0));
        return found;
    }
}

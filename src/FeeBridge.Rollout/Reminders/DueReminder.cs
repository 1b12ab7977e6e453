using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Rollout.Reminders;

/// <summary>
/// A reminder to send now: to whom, for which task and deadline, of which kind, the Copenhagen date it belongs to,
/// the instant it became due, the days left (negative when overdue) and its <see cref="IdempotencyKey"/>. A sender
/// that records the key in the same transaction as the send (or before, with an outbox) sends each reminder once,
/// whatever happens to the process in between.
/// </summary>
public sealed record DueReminder(
    string TaskId,
    EmailAddress Person,
    DateOnly Deadline,
    ReminderKind Kind,
    DateOnly Date,
    DateTimeOffset DueFrom,
    int DaysLeft,
    string IdempotencyKey);

using System.Globalization;
using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Rollout.Reminders;

/// <summary>
/// The idempotency key of a reminder: task, person, deadline, kind and date, each escaped and joined by ':', e.g.
/// <c>reminder:t-17:anne%40kk.dk:2026-03-30:1-day-before:2026-03-29</c>. The deadline is part of it, so a changed
/// deadline gives new keys (and the new schedule's reminders go out); the person is lower-cased, since an address
/// is the same person in any case.
/// </summary>
public static class ReminderKey
{
    /// <summary>The key; equal inputs give equal keys, different inputs different keys (the parts are escaped).</summary>
    public static string For(string taskId, EmailAddress person, DateOnly deadline, ReminderKind kind, DateOnly date) =>
        string.Join(':', "reminder", Uri.EscapeDataString(taskId), Uri.EscapeDataString(person.Value.ToLowerInvariant()),
            Day(deadline), ReminderKinds.Id(kind), Day(date));

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Rollout.Reminders;

/// <summary>
/// Which deadline reminders are due now. A person's chosen before-deadline reminders fall on the deadline minus 1,
/// 3 or 7 calendar days (or on the day), while the day has not passed; if they chose to repeat while overdue, an
/// overdue reminder falls on the day after the deadline and every N days after, while the task stays open. Each is
/// due from <see cref="ReminderPreferences.SendFrom"/> Copenhagen time on its date. Of a task's reminders only the
/// newest whose date has come is ever due: after a pause (the process down for days) the person gets the reminder
/// that fits today, not a pile of stale ones. Done and not-relevant tasks, tasks without a deadline, and people who
/// are neither accountable nor performer get none.
/// </summary>
public static class ReminderSchedule
{
    /// <summary>The reminder due now for <paramref name="person"/> on <paramref name="task"/>, or null.</summary>
    public static DueReminder? DueNow(MunicipalTask task, EmailAddress person, ReminderPreferences preferences, DateTimeOffset now)
    {
        if (task.Deadline is not { } deadline || MunicipalTaskStatuses.IsClosed(task.Status) || !task.Involves(person)) return null;
        var today = CopenhagenTime.DateOf(now);
        var come = Slots(deadline, preferences, today).Where(s => s.Date <= today).ToList();
        if (come.Count == 0) return null;
        var newest = come.MaxBy(s => s.Date);
        var dueFrom = CopenhagenTime.At(newest.Date, preferences.SendFrom);
        if (dueFrom > now) return null;
        return new DueReminder(task.TaskId, person, deadline, newest.Kind, newest.Date, dueFrom, deadline.DayNumber - today.DayNumber,
            ReminderKey.For(task.TaskId, person, deadline, newest.Kind, newest.Date));
    }

    /// <summary>The reminders due now for <paramref name="person"/> across <paramref name="tasks"/>, one per task at most.</summary>
    public static IReadOnlyList<DueReminder> DueNow(IEnumerable<MunicipalTask> tasks, EmailAddress person, ReminderPreferences preferences, DateTimeOffset now) =>
        [.. tasks.Select(t => DueNow(t, person, preferences, now)).OfType<DueReminder>()];

    // Every reminder date the preferences give for this deadline, up to today: before-deadline ones only while the
    // deadline has not passed; overdue ones from the day after it.
    private static IEnumerable<(ReminderKind Kind, DateOnly Date)> Slots(DateOnly deadline, ReminderPreferences preferences, DateOnly today)
    {
        if (today <= deadline)
        {
            foreach (var offset in preferences.Before) yield return (ReminderKinds.Of(offset), deadline.AddDays(-(int)offset));
            yield break;
        }
        if (preferences.RepeatOverdueEveryDays is not { } every) yield break;
        var overdueDays = today.DayNumber - deadline.DayNumber - 1;
        yield return (ReminderKind.Overdue, deadline.AddDays(1 + overdueDays / every * every));
    }
}

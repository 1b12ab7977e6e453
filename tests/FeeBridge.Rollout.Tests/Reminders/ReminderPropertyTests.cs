using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Reminders;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static FeeBridge.Rollout.Tests.Workspace.Fixtures;

namespace FeeBridge.Rollout.Tests.Reminders;

/// <summary>A sender that records the keys sends each scheduled reminder exactly once; keys are unique and stable.</summary>
public sealed class ReminderPropertyTests
{
    private static readonly DateOnly SpringChange = new(2026, 3, 29);
    private static readonly DateOnly AutumnChange = new(2026, 10, 25);

    [Property(MaxTest = 40)]
    public Property WalkingTheClock_EveryScheduledReminderIsDueOnce_InOneStretch_AndNothingElse() =>
        Prop.ForAll(Schedules().ToArbitrary(), s =>
        {
            var (deadline, daysBefore, repeat, hour) = s;
            var prefs = ReminderScheduleTests.Prefs(daysBefore, repeat, hour);
            var task = Copy() with { Accountable = Anne, Deadline = deadline };
            var start = CopenhagenTime.At(deadline.AddDays(-10), TimeOnly.MinValue);
            var end = CopenhagenTime.At(deadline.AddDays(30), TimeOnly.MinValue);

            var stretches = new List<string>(); // each key once per uninterrupted stretch in which it was due
            for (var now = start; now < end; now = now.AddMinutes(30))
            {
                var due = ReminderSchedule.DueNow(task, Anne, prefs, now);
                if (due is null) continue;
                if (due.DueFrom > now || CopenhagenTime.DateOf(due.DueFrom) != due.Date) return false;
                if (stretches.Count == 0 || stretches[^1] != due.IdempotencyKey) stretches.Add(due.IdempotencyKey);
            }

            var expected = daysBefore.Distinct().Select(d => deadline.AddDays(-d)).ToList();
            if (repeat is { } every)
                for (var date = deadline.AddDays(1); date < deadline.AddDays(30); date = date.AddDays(every)) expected.Add(date);
            // Unique keys (a key never comes back after another) and exactly one per scheduled date.
            return stretches.Distinct().Count() == stretches.Count && stretches.Count == expected.Count
                && stretches.Select(k => DateOnly.Parse(k[^10..])).SequenceEqual(expected.Order());
        });

    [Property(MaxTest = 500)]
    public Property Keys_AreEqualExactlyWhenTheirPartsAre() =>
        Prop.ForAll(KeyParts().ToArbitrary(), KeyParts().ToArbitrary(), (a, b) =>
        {
            var same = a.TaskId == b.TaskId && a.Person == b.Person && a.Deadline == b.Deadline && a.Kind == b.Kind && a.Date == b.Date;
            return (Key(a) == Key(b)) == same && Key(a) == Key(a with { });
        });

    private static string Key((string TaskId, EmailAddress Person, DateOnly Deadline, ReminderKind Kind, DateOnly Date) p) =>
        ReminderKey.For(p.TaskId, p.Person, p.Deadline, p.Kind, p.Date);

    // Deadlines within ten days of either DST change, so walks cross the 23- and 25-hour days.
    private static Gen<(DateOnly Deadline, int[] DaysBefore, int? Repeat, int Hour)> Schedules() =>
        from change in Gen.Elements(SpringChange, AutumnChange)
        from shift in Gen.Choose(-10, 10)
        from daysBefore in Gen.SubListOf(0, 1, 3, 7)
        from repeat in Gen.Elements<int?>(null, 1, 3, 7, 14)
        from hour in Gen.Choose(6, 20)
        select (change.AddDays(shift), daysBefore.ToArray(), repeat, hour);

    // Small alphabets on purpose, so equal parts are generated often; task ids include the separator and '%'.
    private static Gen<(string TaskId, EmailAddress Person, DateOnly Deadline, ReminderKind Kind, DateOnly Date)> KeyParts() =>
        from taskId in Gen.Elements("t", "t:1", "t%3A1", "1", "t:1:anne%40kk.dk")
        from person in Gen.Elements("anne@kk.dk", "ANNE@kk.dk", "bo@kk.dk", "t@1.dk")
        from deadline in Gen.Choose(0, 3)
        from kind in Gen.Elements(Enum.GetValues<ReminderKind>())
        from date in Gen.Choose(0, 3)
        select (taskId, EmailAddress.Parse(person), SpringChange.AddDays(deadline), kind, SpringChange.AddDays(date));
}

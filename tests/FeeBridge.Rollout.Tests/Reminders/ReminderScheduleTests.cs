using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Reminders;
using FeeBridge.Rollout.Workspace;
using static FeeBridge.Rollout.Tests.Workspace.Fixtures;

namespace FeeBridge.Rollout.Tests.Reminders;

/// <summary>Deadline reminders: the person's offsets, repeat while overdue, idempotency keys, Copenhagen days.</summary>
public sealed class ReminderScheduleTests
{
    private static readonly DateOnly Deadline = new(2026, 3, 30); // the Monday after summer time begins
    private static readonly MunicipalTask Task = Copy() with { Accountable = Anne, Performer = Bo, Deadline = Deadline };
    private static readonly ReminderPreferences All = Prefs([0, 1, 3, 7], 7);

    [Fact]
    public void ThePreferences_AllowOnTheDay_1_3_Or7DaysBefore_AndARepeatOf1To31Days()
    {
        var refused = ReminderPreferences.Create([2, 3], 0);
        refused.Refusals.Select(r => r.Field).ShouldBe(["daysBefore", "repeatOverdueEveryDays"]);
        ReminderPreferences.Create([], 32).IsAccepted.ShouldBeFalse();
        var accepted = ReminderPreferences.Create([7, 0, 7], null).Value!;
        accepted.Before.ShouldBe(new HashSet<ReminderOffset> { ReminderOffset.SevenDaysBefore, ReminderOffset.OnTheDay }, ignoreOrder: true);
        accepted.SendFrom.ShouldBe(new TimeOnly(8, 0));
    }

    [Fact]
    public void AReminder_IsDueFromTheChosenTimeOnItsDay()
    {
        // 1 day before is Sunday 29 March, the day the clocks go forward: 08:00 there is 06:00 UTC, not 07:00.
        var prefs = Prefs([1], null);
        Due(Task, prefs, "2026-03-29T05:59:00Z").ShouldBeNull();
        var due = Due(Task, prefs, "2026-03-29T06:00:00Z").ShouldNotBeNull();
        (due.Kind, due.Date, due.DaysLeft, due.DueFrom).ShouldBe((ReminderKind.OneDayBefore, new DateOnly(2026, 3, 29), 1, DateTimeOffset.Parse("2026-03-29T06:00:00Z")));
    }

    [Fact]
    public void SevenDaysBefore_IsSevenCalendarDays_EvenAcrossTheSpringChange()
    {
        // 23 March is still winter time: 08:00 is 07:00 UTC. Counting 7×24 hours back from the deadline would be off by one hour.
        var due = Due(Task, Prefs([7], null), "2026-03-23T07:00:00Z").ShouldNotBeNull();
        due.Date.ShouldBe(new DateOnly(2026, 3, 23));
        Due(Task, Prefs([7], null), "2026-03-23T06:59:00Z").ShouldBeNull();
    }

    [Fact]
    public void OnTheDay_IsDueOnTheDeadline_InWinterTimeAfterTheAutumnChange()
    {
        var task = Task with { Deadline = new DateOnly(2026, 10, 25) };
        Due(task, Prefs([0], null), "2026-10-25T06:30:00Z").ShouldBeNull(); // 07:30 CET
        Due(task, Prefs([0], null), "2026-10-25T07:00:00Z")!.Kind.ShouldBe(ReminderKind.OnTheDay);
    }

    [Fact]
    public void OnlyTheNewestReminderWhoseDayHasCome_IsDue()
    {
        Due(Task, All, "2026-03-25T12:00:00Z")!.Kind.ShouldBe(ReminderKind.SevenDaysBefore); // 5 days before
        // On the 3-days-before day, before 08:00, the 7-day one is superseded and the 3-day one not yet due.
        Due(Task, All, "2026-03-27T06:00:00Z").ShouldBeNull();
        Due(Task, All, "2026-03-27T07:00:00Z")!.Kind.ShouldBe(ReminderKind.ThreeDaysBefore);
        Due(Task, All, "2026-03-30T21:00:00Z")!.Kind.ShouldBe(ReminderKind.OnTheDay);
    }

    [Fact]
    public void AfterTheDeadline_WithoutRepeat_NothingIsDue() =>
        Due(Task, Prefs([0, 1, 3, 7], null), "2026-03-31T10:00:00Z").ShouldBeNull();

    [Fact]
    public void WhileOverdue_AReminderRepeats_FromTheDayAfterTheDeadline_EveryNDays()
    {
        var first = Due(Task, All, "2026-03-31T06:00:00Z").ShouldNotBeNull();
        (first.Kind, first.Date, first.DaysLeft).ShouldBe((ReminderKind.Overdue, new DateOnly(2026, 3, 31), -1));
        Due(Task, All, "2026-04-06T12:00:00Z")!.IdempotencyKey.ShouldBe(first.IdempotencyKey); // same week: the same reminder
        var second = Due(Task, All, "2026-04-07T06:00:00Z").ShouldNotBeNull();
        second.Date.ShouldBe(new DateOnly(2026, 4, 7));
        second.IdempotencyKey.ShouldNotBe(first.IdempotencyKey);
    }

    [Fact]
    public void DoneOrNotRelevantTasks_TasksWithoutDeadline_AndPeopleNotOnTheTask_GetNoReminder()
    {
        const string now = "2026-03-30T12:00:00Z";
        Due(Task, All, now).ShouldNotBeNull();
        Due(Task with { Status = MunicipalTaskStatus.Done }, All, now).ShouldBeNull();
        Due(Task with { Status = MunicipalTaskStatus.NotRelevant }, All, now).ShouldBeNull();
        Due(Task with { Deadline = null }, All, now).ShouldBeNull();
        ReminderSchedule.DueNow(Task, Outsider, All, DateTimeOffset.Parse(now)).ShouldBeNull();
    }

    [Fact]
    public void TheKey_IsTaskPersonDeadlineKindAndDate()
    {
        Due(Task, All, "2026-03-29T06:00:00Z")!.IdempotencyKey.ShouldBe("reminder:t-23:anne.hansen%40kk.dk:2026-03-30:1-day-before:2026-03-29");
        ReminderKey.For("t-23", EmailAddress.Parse("Anne.Hansen@KK.dk"), Deadline, ReminderKind.OneDayBefore, new DateOnly(2026, 3, 29))
            .ShouldBe("reminder:t-23:anne.hansen%40kk.dk:2026-03-30:1-day-before:2026-03-29");
    }

    [Fact]
    public void AChangedDeadline_GivesNewKeys()
    {
        var before = Due(Task, All, "2026-03-25T12:00:00Z")!;
        var moved = Due(Task with { Deadline = Deadline.AddDays(1) }, All, "2026-03-25T12:00:00Z")!;
        moved.IdempotencyKey.ShouldNotBe(before.IdempotencyKey);
        moved.IdempotencyKey.ShouldContain("2026-03-31");
    }

    [Fact]
    public void APersonWhoIsBothAccountableAndPerformer_GetsOneReminderPerTask()
    {
        var both = Task with { Performer = Anne };
        var other = Copy(taskId: "t-26") with { Accountable = Anne, Deadline = Deadline };
        ReminderSchedule.DueNow([both, other, Task with { TaskId = "t-bo", Accountable = Bo }], Anne, All, DateTimeOffset.Parse("2026-03-30T12:00:00Z"))
            .Select(r => r.TaskId).ShouldBe(["t-23", "t-26"]);
    }

    private static DueReminder? Due(MunicipalTask task, ReminderPreferences prefs, string now) =>
        ReminderSchedule.DueNow(task, Anne, prefs, DateTimeOffset.Parse(now));

    internal static ReminderPreferences Prefs(int[] daysBefore, int? repeat, int hour = 8) =>
        ReminderPreferences.Create(daysBefore, repeat, new TimeOnly(hour, 0)).Value!;
}

using FeeBridge.Rollout.Calendar;
using FeeBridge.Rollout.Workspace;
using Ical.Net.CalendarComponents;
using static FeeBridge.Rollout.Tests.Workspace.Fixtures;
using IcalCalendar = Ical.Net.Calendar;

namespace FeeBridge.Rollout.Tests.Calendar;

/// <summary>One person's deadlines as an iCal feed (RFC 5545), read back with Ical.Net as a calendar program would.</summary>
public sealed class TaskCalendarFeedTests
{
    private static readonly Uri Base = new("https://feebridge.example/staff/rollout/101/tasks");
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 12, 0, 0, TimeSpan.Zero);

    private static readonly MunicipalTask Mine = Copy() with { Accountable = Anne, Deadline = new DateOnly(2026, 3, 30) };
    private static readonly MunicipalTask Performing = Copy(Master("26", "Forbered og kommunikér internt"), "t-26") with { Performer = Anne, Deadline = new DateOnly(2026, 4, 15) };
    private static readonly MunicipalTask NoDeadline = Copy(Master("27", "Forbered og kommunikér eksternt"), "t-27") with { Accountable = Anne };
    private static readonly MunicipalTask Others = Copy(Master("40", "Test integrationen"), "t-40") with { Accountable = Bo, Deadline = new DateOnly(2026, 5, 1) };

    [Fact]
    public void TheFeed_HoldsTheTasksWhereThePersonIsAccountableOrPerformer_WithADeadline()
    {
        var events = Read(TaskCalendarFeed.Build(Anne, [Others, NoDeadline, Performing, Mine], Base, Now));
        events.Select(e => e.Uid).ShouldBe(["task-t-23@feebridge", "task-t-26@feebridge"]);
    }

    [Fact]
    public void AnEvent_IsAllDayOnTheDeadline_WithDanishTextAndTheTaskPage()
    {
        var text = TaskCalendarFeed.Build(Anne, [Mine], Base, Now, Gallery());
        text.ShouldContain("DTSTART;VALUE=DATE:20260330");
        text.ShouldContain("DTEND;VALUE=DATE:20260331");
        var e = Read(text).ShouldHaveSingleItem();
        e.IsAllDay.ShouldBeTrue();
        e.DtStart!.Date.ShouldBe(new DateOnly(2026, 3, 30));
        e.Summary.ShouldBe("Frist: Etabler organisering");
        var description = e.Description.ShouldNotBeNull();
        description.ShouldContain("Status: Ikke startet");
        description.ShouldContain("Ansvarlig: Anne Hansen (Anne.Hansen@kk.dk)");
        description.ShouldContain("Fase: Fase 2: Forberedelse");
        e.Url.ShouldBe(new Uri("https://feebridge.example/staff/rollout/101/tasks/t-23"));
        e.Transparency.ShouldBe("TRANSPARENT");
        e.DtStamp!.AsUtc.ShouldBe(Now.UtcDateTime);
    }

    [Fact]
    public void TheUid_StaysTheSame_AndTheSequenceRises_WhenTheTaskChanges()
    {
        var before = Read(TaskCalendarFeed.Build(Anne, [Mine], Base, Now)).Single();
        var moved = Accepted(TaskCommands.SetDeadline(Mine, new DateOnly(2026, 4, 2), By(at: Now.AddDays(1))));
        var after = Read(TaskCalendarFeed.Build(Anne, [moved], Base, Now.AddDays(1))).Single();
        after.Uid.ShouldBe(before.Uid);
        after.Sequence.ShouldBeGreaterThan(before.Sequence);
        after.DtStart!.Date.ShouldBe(new DateOnly(2026, 4, 2));
    }

    [Fact]
    public void ADoneTask_IsMarkedFuldført_AndANotRelevantOne_IsCancelled()
    {
        var done = Mine with { Status = MunicipalTaskStatus.Done };
        var notRelevant = Performing with { Status = MunicipalTaskStatus.NotRelevant, NotRelevantReason = "x" };
        var events = Read(TaskCalendarFeed.Build(Anne, [done, notRelevant], Base, Now));
        events[0].Summary.ShouldBe("Fuldført: Etabler organisering");
        events[1].Status.ShouldBe("CANCELLED");
    }

    [Fact]
    public void TheTaskPage_EscapesTheTaskId_AndAddsTheMissingSlash()
    {
        TaskCalendarFeed.PageOf(new Uri("https://x.example/tasks/"), "a b/c").AbsoluteUri.ShouldBe("https://x.example/tasks/a%20b%2Fc");
        TaskCalendarFeed.PageOf(new Uri("https://x.example/tasks"), "t-1").AbsoluteUri.ShouldBe("https://x.example/tasks/t-1");
    }

    [Fact]
    public void AnEmptyFeed_IsStillACalendar() =>
        IcalCalendar.Load(TaskCalendarFeed.Build(Anne, [], Base, Now))!.Events.ShouldBeEmpty();

    private static List<CalendarEvent> Read(string text) => [.. IcalCalendar.Load(text)!.Events];
}

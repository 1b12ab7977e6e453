using FeeBridge.Application.Rollout;
using FeeBridge.Domain;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Reminders;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeeBridge.Server.Tests.Rollout;

/// <summary>
/// The reminder round driven by hand with a clock that moves only when told (the worker off), against a real SMTP
/// server: an overdue task is reminded again on the next period only (ReminderSchedule: "an overdue reminder falls on
/// the day after the deadline and every N days after, while the task stays open"), and the reminder log's lease hands
/// a recorded-but-unconfirmed reminder to exactly one later sender.
/// </summary>
public abstract class ReminderRoundTests(StoreKind kind)
{
    private static readonly DateOnly Deadline = new(2027, 3, 10);

    [Fact]
    public async Task AnOverdueTask_IsRemindedTheDayAfterTheDeadline_AndAgainOnlyOnTheNextPeriod()
    {
        // Weekly while overdue: the day after the deadline, then 7 days later, each from 08:00 Copenhagen time.
        var clock = new ManualClock(CopenhagenTime.At(Deadline.AddDays(1), new TimeOnly(9, 0)));
        var settings = ReminderMailServer.Settings(ReminderMailServer.Port, leaseSeconds: 60);
        settings["FeeBridge:Mail:Reminders:Enabled"] = "false";
        settings["FeeBridge:Mail:Reminders:SendFrom"] = "08:00";
        settings["FeeBridge:Mail:Reminders:RepeatOverdueEveryDays"] = "7";
        using var host = new FeeBridgeHost(kind, clock, settings: settings);
        var person = ReminderMailServer.NewAddress();
        await AddOverdueTaskAsync(host, "167", "opgave-forsinket", person);
        var round = host.Services.GetRequiredService<ReminderRound>();

        (await round.RunAsync(default)).Sent.ShouldBe(1);
        (await round.RunAsync(default)).Sent.ShouldBe(0);
        for (var day = 2; day <= 7; day++)
        {
            clock.Advance(TimeSpan.FromDays(1));
            (await round.RunAsync(default)).Sent.ShouldBe(0, $"day {day} after the deadline");
        }
        // Day 8: not before 08:00, then once.
        clock.Advance(TimeSpan.FromHours(22.5)); // 07:30 on day 8
        (await round.RunAsync(default)).Sent.ShouldBe(0);
        clock.Advance(TimeSpan.FromHours(1));
        (await round.RunAsync(default)).Sent.ShouldBe(1);
        (await round.RunAsync(default)).Sent.ShouldBe(0);

        var mails = await Eventually.Until(() => Task.FromResult(ReminderMailServer.MessagesTo(person)), m => m.Count == 2);
        mails.ShouldAllBe(m => m.Subject == "Overskredet frist: Forsinket opgave");
        mails.Select(m => m.MessageId).Distinct().Count().ShouldBe(2);
        mails.ShouldContain(m => (m.TextBody ?? "").Contains("1 dag over fristen", StringComparison.Ordinal));
        mails.ShouldContain(m => (m.TextBody ?? "").Contains("8 dage over fristen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARecordedReminder_IsHandedToOneSenderAtATime_AndAgainOnlyAfterTheLease_UntilConfirmed()
    {
        var clock = new ManualClock(new DateTimeOffset(2027, 3, 10, 9, 0, 0, TimeSpan.Zero));
        using var host = new FeeBridgeHost(kind, clock);
        var log = host.Store.Rollout.Reminders;
        var lease = TimeSpan.FromMinutes(10);
        const string key = "reminder:t-1:anne%40kk.dk:2027-03-13:3-days-before:2027-03-10";

        (await log.ClaimAsync(key, clock.GetUtcNow(), lease, default)).ShouldBe((ReminderClaim.Send, 1));
        (await log.ClaimAsync(key, clock.GetUtcNow().AddMinutes(9), lease, default)).Claim.ShouldBe(ReminderClaim.Skip);
        (await log.UndeliveredAsync(default)).ShouldBe([key]);

        // The lease ran out (the sender died): many ask at once, one takes it over.
        var later = clock.GetUtcNow().AddMinutes(10);
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => log.ClaimAsync(key, later, lease, default)));
        claims.Count(c => c.Claim == ReminderClaim.Resend).ShouldBe(1);
        claims.Single(c => c.Claim == ReminderClaim.Resend).Attempt.ShouldBe(2);

        await log.ConfirmAsync(key, ReminderOutcome.Sent, later, default);
        (await log.ClaimAsync(key, later.AddDays(1), lease, default)).Claim.ShouldBe(ReminderClaim.Skip);
        (await log.UndeliveredAsync(default)).ShouldBeEmpty();
        // A key recorded the old way (no lease) is never handed out.
        (await log.TryRecordAsync("reminder:other", later, default)).ShouldBeTrue();
        (await log.ClaimAsync("reminder:other", later.AddDays(1), lease, default)).Claim.ShouldBe(ReminderClaim.Skip);
    }

    // Issue 15 part 4: each person chooses "on the day, 1, 3 or 7 days before … and repeating while overdue"; whoever
    // chose nothing gets the deployment's default (here 3 days before and on the day).
    [Fact]
    public async Task EachPersonsOwnChoices_DecideTheirReminders_AndWhoeverChoseNothingGetsTheDefault()
    {
        var clock = new ManualClock(CopenhagenTime.At(Deadline.AddDays(-7), new TimeOnly(9, 0)));
        var settings = ReminderMailServer.Settings(ReminderMailServer.Port, leaseSeconds: 60);
        settings["FeeBridge:Mail:Reminders:Enabled"] = "false";
        using var host = new FeeBridgeHost(kind, clock, settings: settings);
        var (early, none) = (ReminderMailServer.NewAddress(), ReminderMailServer.NewAddress());
        await AddOverdueTaskAsync(host, "173", "opgave-valg", early, performer: none);
        var choices = host.Store.Rollout.ReminderPreferences;
        var municipality = Kommunekode.Parse("173");
        await choices.SaveAsync(municipality, EmailAddress.Parse(early), Preferences([7], null), clock.GetUtcNow(), "test", default);
        await choices.SaveAsync(municipality, EmailAddress.Parse(none), Preferences([], null), clock.GetUtcNow(), "test", default);
        var round = host.Services.GetRequiredService<ReminderRound>();

        (await round.RunAsync(default)).Sent.ShouldBe(1);       // 7 days before: only the one who asked for it
        clock.Advance(TimeSpan.FromDays(4));
        (await round.RunAsync(default)).Sent.ShouldBe(0);       // 3 days before: the default's day, chosen by neither
        clock.Advance(TimeSpan.FromDays(3));
        (await round.RunAsync(default)).Sent.ShouldBe(0);       // on the day: the same
        (await choices.ClearAsync(municipality, EmailAddress.Parse(none), default)).ShouldBeTrue();
        (await round.RunAsync(default)).Sent.ShouldBe(1);       // back to the default: on the day

        var first = await Eventually.Until(() => Task.FromResult(ReminderMailServer.MessagesTo(early)), m => m.Count == 1);
        (first.Single().TextBody ?? "").ShouldContain("7 dage", Case.Sensitive);
        var second = await Eventually.Until(() => Task.FromResult(ReminderMailServer.MessagesTo(none)), m => m.Count == 1);
        second.Single().Subject.ShouldStartWith("Frist i dag");
        ReminderMailServer.MessagesTo(early).Count.ShouldBe(1);
    }

    private static ReminderPreferences Preferences(int[] daysBefore, int? repeat)
    {
        var made = ReminderPreferences.Create(daysBefore, repeat);
        made.IsAccepted.ShouldBeTrue(made.ToString());
        return made.Value!;
    }

    private static async Task AddOverdueTaskAsync(FeeBridgeHost host, string municipality, string taskId, string person, string? performer = null)
    {
        var actor = new TaskActor("test", host.Clock!.GetUtcNow().AddDays(-30));
        var created = TaskCommands.NewLocal(taskId, Kommunekode.Parse(municipality), new LocalTaskDraft("fbs-debitorintegration", "Forsinket opgave"), actor);
        created.IsAccepted.ShouldBeTrue(created.ToString());
        var task = created.Value!.Task with { Accountable = EmailAddress.Parse(person), Performer = performer is null ? null : EmailAddress.Parse(performer), Deadline = Deadline };
        (await host.Store.Rollout.Tasks.AddLocalAsync(created.Value with { Task = task }, default)).Succeeded.ShouldBeTrue();
    }
}

[Trait("store", "sqlite")]
public sealed class SqliteReminderRoundTests() : ReminderRoundTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class PostgresReminderRoundTests() : ReminderRoundTests(StoreKind.Postgres);

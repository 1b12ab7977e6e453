using FeeBridge.Sandbox.DebtorSystem;

namespace FeeBridge.Sandbox.Tests;

/// <summary>The sandbox debtor system's rules for overdue debt (DOMAIN.md §4), day by day.</summary>
public class DebtTests
{
    private static readonly DateOnly PayBy = new(2026, 12, 21);
    private static readonly DebtRules Rules = new();

    private static Debt Overdue(string principal = "120.00", bool civil = false) => new(Money.Parse(principal), PayBy, civil);

    private static List<DebtEvent> Days(Debt d, int from, int to, DebtRules? rules = null)
    {
        var all = new List<DebtEvent>();
        for (var day = from; day <= to; day++) all.AddRange(d.AdvanceTo(PayBy.AddDays(day), rules ?? Rules));
        return all;
    }

    [Fact]
    public void NothingHappens_UntilTheLastOnTimePaymentDateHasPassed() => Days(Overdue(), -30, 0).ShouldBeEmpty();

    [Fact]
    public void ReminderFee_PublicClaim250_CivilClaim100()
    {
        Days(Overdue(), 1, 1).OfType<DebtEvent.Reminder>().Single().Fee.ShouldBe(Money.Parse("250.00"));
        Days(Overdue(civil: true), 1, 1).OfType<DebtEvent.Reminder>().Single().Fee.ShouldBe(Money.Parse("100.00"));
    }

    [Fact]
    public void Reminders_AtMostThree_AtLeastTenDaysApart()
    {
        var d = Overdue();
        var reminders = Days(d, 1, 200).OfType<DebtEvent.Reminder>().ToList();
        reminders.Count.ShouldBe(3);
        reminders.Zip(reminders.Skip(1)).ShouldAllBe(p => p.Second.On.DayNumber - p.First.On.DayNumber >= 10);
        d.Fees.ShouldBe(Money.Parse("750.00"));
    }

    [Fact]
    public void Interest_IsChargedEachStartedMonth_OnTheOverduePrincipal()
    {
        var d = Overdue("1000.00");
        var interest = Days(d, 1, 60).OfType<DebtEvent.InterestAdded>().ToList();
        interest.Count.ShouldBe(2);
        interest.ShouldAllBe(i => i.Amount == Money.Parse("7.00")); // 0.70 % of 1,000.00
        d.Interest.ShouldBe(Money.Parse("14.00"));
    }

    [Fact]
    public void Collection_AfterTheWaitingTimeAndTheReminders_WhenTheDebtReaches100()
    {
        var d = Overdue("120.00");
        Days(d, 1, Rules.CollectionAfterDays - 1).OfType<DebtEvent.ToCollection>().ShouldBeEmpty();
        Days(d, Rules.CollectionAfterDays, Rules.CollectionAfterDays).OfType<DebtEvent.ToCollection>().Single().Debt.ShouldBe(d.Total);
        d.InCollection.ShouldBeTrue();
        Days(d, Rules.CollectionAfterDays + 1, 400).ShouldBeEmpty();
    }

    [Fact]
    public void Collection_NotBelowTheThreshold()
    {
        var free = Rules with { PublicReminderFee = Money.Zero, CivilReminderFee = Money.Zero, InterestBasisPointsPerMonth = 0 };
        var cheap = Overdue("10.00");
        Days(cheap, 1, 300, free);
        cheap.InCollection.ShouldBeFalse();
    }

    [Fact]
    public void Payment_CoversFeesFirst_ThenInterest_ThenPrincipal()
    {
        var d = Overdue("1000.00");
        Days(d, 1, 10); // one reminder (250.00) and one started month's interest (7.00)
        var p = d.Pay(PayBy.AddDays(11), Money.Parse("300.00"));
        p.Fees.ShouldBe(Money.Parse("250.00"));
        p.Interest.ShouldBe(Money.Parse("7.00"));
        p.Principal.ShouldBe(Money.Parse("43.00"));
        p.Credit.ShouldBe(Money.Zero);
        d.Principal.ShouldBe(Money.Parse("957.00"));
        d.Fees.ShouldBe(Money.Zero);
        d.Interest.ShouldBe(Money.Zero);
    }

    [Fact]
    public void Payment_PartialThenFull_AndAnOverpaymentBecomesACredit()
    {
        var d = Overdue("120.00");
        d.Pay(PayBy, Money.Parse("20.00")).Principal.ShouldBe(Money.Parse("20.00"));
        var last = d.Pay(PayBy, Money.Parse("150.00"));
        last.Principal.ShouldBe(Money.Parse("100.00"));
        last.Credit.ShouldBe(Money.Parse("50.00"));
        d.Total.ShouldBe(Money.Zero);
        d.Credit.ShouldBe(Money.Parse("50.00"));
    }

    [Fact]
    public void PaidInTime_NoRemindersNoInterest()
    {
        var d = Overdue();
        d.Pay(PayBy, Money.Parse("120.00"));
        Days(d, 1, 200).ShouldBeEmpty();
    }
}

namespace FeeBridge.Sandbox.DebtorSystem;

/// <summary>
/// How the sandbox's debtor system treats overdue debt (DOMAIN.md §4). Public claims (fees, acknowledged
/// compensation) carry a reminder fee of up to 250 kr, civil claims up to 100 kr; at most three reminders, at least
/// ten days apart; interest each month on overdue principal; hand-off to collection after a number of days when the
/// debt is at least 100 kr.
/// </summary>
public sealed record DebtRules
{
    public Money PublicReminderFee { get; init; } = Money.Parse("250.00");
    public Money CivilReminderFee { get; init; } = Money.Parse("100.00");
    public int MaxReminders { get; init; } = 3;
    public int MinDaysBetweenReminders { get; init; } = 10;

    /// <summary>Interest per started month of overdue principal, in basis points (70 = 0.70 %).</summary>
    public int InterestBasisPointsPerMonth { get; init; } = 70;

    /// <summary>Days after the last on-time payment date before the debt goes to collection (PSRM).</summary>
    public int CollectionAfterDays { get; init; } = 120;

    public Money CollectionThreshold { get; init; } = Money.Parse("100.00");
}

/// <summary>What happened to a debt as time passed or money came in.</summary>
public abstract record DebtEvent(DateOnly On)
{
    public sealed record Reminder(DateOnly On, int Number, Money Fee) : DebtEvent(On);
    public sealed record InterestAdded(DateOnly On, Money Amount) : DebtEvent(On);
    public sealed record ToCollection(DateOnly On, Money Debt) : DebtEvent(On);
    /// <summary>A payment, split the way it was applied: fees first, then interest, then principal; the rest is owed back.</summary>
    public sealed record Payment(DateOnly On, Money Fees, Money Interest, Money Principal, Money Credit) : DebtEvent(On);
}

/// <summary>The money side of one claim in the debtor system: principal, interest and fees, and their history.</summary>
public sealed class Debt(Money principal, DateOnly lastOnTimePaymentDate, bool civil)
{
    public Money Principal { get; private set; } = principal;
    public Money Interest { get; private set; }
    public Money Fees { get; private set; }
    public Money Credit { get; private set; }
    public int Reminders { get; private set; }
    public bool InCollection { get; private set; }
    public DateOnly LastOnTimePaymentDate { get; } = lastOnTimePaymentDate;
    public Money Total => Principal + Interest + Fees;
    private DateOnly? _lastReminder;
    private int _monthsCharged;

    /// <summary>Lets the days up to and including <paramref name="today"/> pass; returns what they brought.</summary>
    public IReadOnlyList<DebtEvent> AdvanceTo(DateOnly today, DebtRules rules)
    {
        var events = new List<DebtEvent>();
        if (!Principal.IsPositive || InCollection) return events;
        var overdueDays = today.DayNumber - LastOnTimePaymentDate.DayNumber;
        if (overdueDays <= 0) return events;

        // Interest for every started month overdue, on the principal still owed.
        var months = (overdueDays + 29) / 30;
        for (; _monthsCharged < months; _monthsCharged++)
        {
            var interest = Money.FromOre((Principal.Ore * rules.InterestBasisPointsPerMonth + 5_000) / 10_000);
            if (!interest.IsPositive) continue;
            Interest += interest;
            events.Add(new DebtEvent.InterestAdded(LastOnTimePaymentDate.AddDays(30 * _monthsCharged + 1), interest));
        }

        // One reminder now if the cap and the spacing allow it.
        if (Reminders < rules.MaxReminders && (_lastReminder is not { } last || today.DayNumber - last.DayNumber >= rules.MinDaysBetweenReminders))
        {
            var fee = civil ? rules.CivilReminderFee : rules.PublicReminderFee;
            Reminders++;
            _lastReminder = today;
            Fees += fee;
            events.Add(new DebtEvent.Reminder(today, Reminders, fee));
        }

        // Collection only after the reminders went out, the waiting time passed, and the debt is worth it.
        if (Reminders >= rules.MaxReminders && overdueDays >= rules.CollectionAfterDays && Total >= rules.CollectionThreshold)
        {
            InCollection = true;
            events.Add(new DebtEvent.ToCollection(today, Total));
        }
        return events;
    }

    /// <summary>A payment covers fees first, then interest, then principal; anything more is a credit owed back.</summary>
    public DebtEvent.Payment Pay(DateOnly on, Money amount)
    {
        if (!amount.IsPositive) throw new ArgumentOutOfRangeException(nameof(amount), "A payment is more than zero.");
        var fees = Money.Min(amount, Fees);
        var interest = Money.Min(amount - fees, Interest);
        var principal = Money.Min(amount - fees - interest, Principal);
        var credit = amount - fees - interest - principal;
        Fees -= fees;
        Interest -= interest;
        Principal -= principal;
        Credit += credit;
        return new DebtEvent.Payment(on, fees, interest, principal, credit);
    }

    /// <summary>The debtor system writes off what is left (fees and interest first go too); returns the amount written off.</summary>
    public Money WriteOff()
    {
        var total = Total;
        Principal = Interest = Fees = Money.Zero;
        return total;
    }

    /// <summary>The library wrote the claim down: less principal, nothing else changes.</summary>
    public void WriteDown(Money amount) => Principal -= Money.Min(amount, Principal);

    /// <summary>A copy to read while the original keeps changing.</summary>
    public Debt Copy() => (Debt)MemberwiseClone();
}

namespace FeeBridge.Rollout.Reminders;

/// <summary>
/// A person's reminder choices: which before-deadline reminders (<see cref="Before"/>), whether to repeat while the
/// task is overdue and how often (<see cref="RepeatOverdueEveryDays"/>, null for never), and the Copenhagen clock
/// time from which a day's reminder may go out (<see cref="SendFrom"/>, so nobody is mailed at midnight).
/// </summary>
public sealed record ReminderPreferences
{
    private ReminderPreferences(IReadOnlySet<ReminderOffset> before, int? repeatOverdueEveryDays, TimeOnly sendFrom)
    {
        Before = before;
        RepeatOverdueEveryDays = repeatOverdueEveryDays;
        SendFrom = sendFrom;
    }

    /// <summary>The before-deadline reminders chosen.</summary>
    public IReadOnlySet<ReminderOffset> Before { get; }
    /// <summary>Days between overdue reminders (the first on the day after the deadline); null for none.</summary>
    public int? RepeatOverdueEveryDays { get; }
    /// <summary>Copenhagen time from which a day's reminder is due.</summary>
    public TimeOnly SendFrom { get; }

    /// <summary>3 days before and on the day, weekly while overdue, from 08:00.</summary>
    public static ReminderPreferences Default { get; } =
        new(new HashSet<ReminderOffset> { ReminderOffset.ThreeDaysBefore, ReminderOffset.OnTheDay }, 7, new TimeOnly(8, 0));

    /// <summary>
    /// Checks a person's choices: days before each 0, 1, 3 or 7; repeating every 1 to 31 days or not at all.
    /// <paramref name="sendFrom"/> defaults to 08:00.
    /// </summary>
    public static Outcome<ReminderPreferences> Create(IEnumerable<int> daysBefore, int? repeatOverdueEveryDays, TimeOnly? sendFrom = null)
    {
        var refusals = new List<Refusal>();
        var before = new HashSet<ReminderOffset>();
        foreach (var days in daysBefore)
        {
            if (Enum.IsDefined((ReminderOffset)days)) before.Add((ReminderOffset)days);
            else refusals.Add(new("daysBefore", $"Påmindelser kan komme på dagen eller 1, 3 eller 7 dage før, ikke {days} dage før."));
        }
        if (repeatOverdueEveryDays is < 1 or > 31)
            refusals.Add(new("repeatOverdueEveryDays", "Gentag påmindelsen hver 1. til 31. dag, eller slet ikke."));
        return refusals.Count > 0
            ? Outcome<ReminderPreferences>.Refuse(refusals)
            : Outcome<ReminderPreferences>.Accept(new ReminderPreferences(before, repeatOverdueEveryDays, sendFrom ?? new TimeOnly(8, 0)));
    }
}

namespace FeeBridge.Rollout.Reminders;

/// <summary>Before-deadline reminders a person can choose: on the day, 1, 3 or 7 days before; the value is the days.</summary>
public enum ReminderOffset
{
    /// <summary>On the deadline day.</summary>
    OnTheDay = 0,
    /// <summary>1 day before.</summary>
    OneDayBefore = 1,
    /// <summary>3 days before.</summary>
    ThreeDaysBefore = 3,
    /// <summary>7 days before.</summary>
    SevenDaysBefore = 7,
}

/// <summary>What a reminder is for.</summary>
public enum ReminderKind
{
    /// <summary><c>on-the-day</c>.</summary>
    OnTheDay,
    /// <summary><c>1-day-before</c>.</summary>
    OneDayBefore,
    /// <summary><c>3-days-before</c>.</summary>
    ThreeDaysBefore,
    /// <summary><c>7-days-before</c>.</summary>
    SevenDaysBefore,
    /// <summary><c>overdue</c>: repeated while the task is overdue.</summary>
    Overdue,
}

/// <summary>Wire ids of the kinds, and the kind of an offset.</summary>
public static class ReminderKinds
{
    /// <summary>The wire id, e.g. <c>3-days-before</c>.</summary>
    public static string Id(ReminderKind kind) => kind switch
    {
        ReminderKind.OnTheDay => "on-the-day",
        ReminderKind.OneDayBefore => "1-day-before",
        ReminderKind.ThreeDaysBefore => "3-days-before",
        ReminderKind.SevenDaysBefore => "7-days-before",
        _ => "overdue",
    };

    /// <summary>The kind of a before-deadline offset.</summary>
    public static ReminderKind Of(ReminderOffset offset) => offset switch
    {
        ReminderOffset.OnTheDay => ReminderKind.OnTheDay,
        ReminderOffset.OneDayBefore => ReminderKind.OneDayBefore,
        ReminderOffset.ThreeDaysBefore => ReminderKind.ThreeDaysBefore,
        _ => ReminderKind.SevenDaysBefore,
    };
}

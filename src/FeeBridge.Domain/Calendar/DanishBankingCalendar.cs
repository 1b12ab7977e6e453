namespace FeeBridge.Domain;

/// <summary>
/// Danish banking days: not Saturday or Sunday, not a bank holiday. Great Prayer Day is a working day since 2024.
/// </summary>
public static class DanishBankingCalendar
{
    /// <summary>Easter Sunday in the Gregorian calendar (anonymous Gregorian computus).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>True on Monday–Friday unless it is a Danish bank holiday.</summary>
    public static bool IsBankingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsBankHoliday(date);

    /// <summary>The date itself if it is a banking day, else the next one.</summary>
    public static DateOnly OnOrAfter(DateOnly date)
    {
        while (!IsBankingDay(date)) date = date.AddDays(1);
        return date;
    }

    // Great Prayer Day (Easter+26) is deliberately absent: the holiday was abolished from 2024, and FeeBridge
    // computes due dates from now on, not for the past.
    private static bool IsBankHoliday(DateOnly date)
    {
        // New Year's Day, Constitution Day, Christmas Eve, Christmas, Boxing Day, New Year's Eve.
        if (date is { Month: 1, Day: 1 } or { Month: 6, Day: 5 } or { Month: 12, Day: 24 or 25 or 26 or 31 }) return true;
        var offset = date.DayNumber - EasterSunday(date.Year).DayNumber;
        // Maundy Thursday, Good Friday, Easter Monday, Ascension Day, the Friday after it, Whit Monday.
        return offset is -3 or -2 or 1 or 39 or 40 or 50;
    }
}

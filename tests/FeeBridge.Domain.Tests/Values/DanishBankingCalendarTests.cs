namespace FeeBridge.Domain.Tests.Values;

public class DanishBankingCalendarTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void EasterSunday_2026_Is5April() => DanishBankingCalendar.EasterSunday(2026).ShouldBe(D(2026, 4, 5));

    [Fact]
    public void EasterSunday_2027_Is28March() => DanishBankingCalendar.EasterSunday(2027).ShouldBe(D(2027, 3, 28));

    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2028, 4, 16)]
    [InlineData(2029, 4, 1)]
    [InlineData(2030, 4, 21)]
    [InlineData(2000, 4, 23)]
    [InlineData(1943, 4, 25)] // the latest possible date…
    [InlineData(2038, 4, 25)]
    [InlineData(2285, 3, 22)] // …and the earliest
    public void EasterSunday_GregorianComputus_MatchesPublishedDates(int year, int month, int day) =>
        DanishBankingCalendar.EasterSunday(year).ShouldBe(D(year, month, day));

    [Fact]
    public void EasterSunday_IsAlwaysASundayBetween22MarchAnd25April()
    {
        for (var year = 1900; year <= 2200; year++)
        {
            var easter = DanishBankingCalendar.EasterSunday(year);
            easter.DayOfWeek.ShouldBe(DayOfWeek.Sunday, $"{year}");
            easter.ShouldBeInRange(D(year, 3, 22), D(year, 4, 25), $"{year}");
        }
    }

    [Fact]
    public void BankingDay_NewYearsDay_IsNot() => DanishBankingCalendar.IsBankingDay(D(2026, 1, 1)).ShouldBeFalse(); // Thursday

    [Fact]
    public void BankingDay_MaundyThursday_IsNot() => DanishBankingCalendar.IsBankingDay(D(2026, 4, 2)).ShouldBeFalse();

    [Fact]
    public void BankingDay_GoodFriday_IsNot() => DanishBankingCalendar.IsBankingDay(D(2026, 4, 3)).ShouldBeFalse();

    [Fact]
    public void BankingDay_EasterMonday_IsNot() => DanishBankingCalendar.IsBankingDay(D(2026, 4, 6)).ShouldBeFalse();

    [Fact]
    public void BankingDay_AscensionDay_2026_14May_IsNot() => DanishBankingCalendar.IsBankingDay(D(2026, 5, 14)).ShouldBeFalse();

    [Fact]
    public void BankingDay_FridayAfterAscension_2026_15May_IsNot() => DanishBankingCalendar.IsBankingDay(D(2026, 5, 15)).ShouldBeFalse();

    [Fact]
    public void BankingDay_WhitMonday_IsNot() => DanishBankingCalendar.IsBankingDay(D(2026, 5, 25)).ShouldBeFalse();

    [Fact]
    public void BankingDay_ConstitutionDay_2026_5June_IsNot() => DanishBankingCalendar.IsBankingDay(D(2026, 6, 5)).ShouldBeFalse(); // Friday

    [Theory]
    [InlineData(2026, 12, 24)] // Thursday
    [InlineData(2026, 12, 25)] // Friday
    [InlineData(2025, 12, 26)] // Friday
    [InlineData(2026, 12, 31)] // Thursday
    public void BankingDay_24_25_26And31December_AreNot(int y, int m, int d)
    {
        D(y, m, d).DayOfWeek.ShouldNotBeOneOf([DayOfWeek.Saturday, DayOfWeek.Sunday], "test premise: a weekday");
        DanishBankingCalendar.IsBankingDay(D(y, m, d)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(2027, 3, 25)] // Maundy Thursday
    [InlineData(2027, 3, 26)] // Good Friday
    [InlineData(2027, 3, 29)] // Easter Monday
    [InlineData(2027, 5, 6)]  // Ascension Day
    [InlineData(2027, 5, 7)]  // the Friday after it
    [InlineData(2027, 5, 17)] // Whit Monday
    public void BankingDay_EasterHolidays_MoveWithEaster_2027(int y, int m, int d) =>
        DanishBankingCalendar.IsBankingDay(D(y, m, d)).ShouldBeFalse();

    [Theory]
    [InlineData(2026, 11, 21)] // Saturday
    [InlineData(2026, 11, 22)] // Sunday
    public void BankingDay_SaturdayAndSunday_AreNot(int y, int m, int d) =>
        DanishBankingCalendar.IsBankingDay(D(y, m, d)).ShouldBeFalse();

    [Fact]
    public void BankingDay_OrdinaryWednesday_Is() => DanishBankingCalendar.IsBankingDay(D(2026, 11, 25)).ShouldBeTrue();

    [Fact]
    public void BankingDay_GreatPrayerDay_AbolishedFrom2024_Is()
    {
        // Store bededag: the fourth Friday after Easter (Easter + 26).
        (DanishBankingCalendar.EasterSunday(2025).AddDays(26)).ShouldBe(D(2025, 5, 16), "test premise");
        DanishBankingCalendar.IsBankingDay(D(2025, 5, 16)).ShouldBeTrue();
        DanishBankingCalendar.IsBankingDay(D(2024, 4, 26)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(2026, 4, 1)]   // Wednesday before Maundy Thursday
    [InlineData(2026, 4, 7)]   // Tuesday after Easter Monday
    [InlineData(2026, 5, 13)]  // Wednesday before Ascension
    [InlineData(2026, 5, 26)]  // Tuesday after Whit Monday
    [InlineData(2026, 6, 4)]   // Thursday before Constitution Day
    [InlineData(2026, 12, 23)] // Wednesday before Christmas Eve
    [InlineData(2026, 12, 30)] // Wednesday before New Year's Eve
    [InlineData(2027, 1, 4)]   // first Monday of the year
    public void BankingDay_WeekdaysNextToHolidays_Are(int y, int m, int d) =>
        DanishBankingCalendar.IsBankingDay(D(y, m, d)).ShouldBeTrue();

    [Fact]
    public void BankingDay_2026_Has250()
    {
        // 261 weekdays, less 11 holidays on weekdays: 1 Jan, 2, 3 and 6 April, 14, 15 and 25 May, 5 June,
        // 24, 25 and 31 December (26 December is a Saturday).
        var days = Enumerable.Range(0, 365).Select(i => D(2026, 1, 1).AddDays(i));
        days.Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ShouldBe(261, "test premise");
        days.Count(DanishBankingCalendar.IsBankingDay).ShouldBe(250);
    }

    [Fact]
    public void OnOrAfter_ChristmasEve2026_IsMonday28December() =>
        DanishBankingCalendar.OnOrAfter(D(2026, 12, 24)).ShouldBe(D(2026, 12, 28));

    [Fact]
    public void OnOrAfter_NewYearsEve2026_Is4January2027() =>
        DanishBankingCalendar.OnOrAfter(D(2026, 12, 31)).ShouldBe(D(2027, 1, 4));

    [Fact]
    public void OnOrAfter_ABankingDay_IsThatDay() =>
        DanishBankingCalendar.OnOrAfter(D(2026, 11, 25)).ShouldBe(D(2026, 11, 25));

    [Theory]
    [InlineData(2026, 11, 21, 2026, 11, 23)] // Saturday → Monday
    [InlineData(2026, 4, 2, 2026, 4, 7)]     // Maundy Thursday → Tuesday after Easter Monday
    [InlineData(2026, 5, 14, 2026, 5, 18)]   // Ascension Day → Monday
    [InlineData(2026, 5, 23, 2026, 5, 26)]   // Whitsun Saturday → Tuesday
    [InlineData(2026, 6, 5, 2026, 6, 8)]     // Constitution Day (Friday) → Monday
    public void OnOrAfter_ANonBankingDay_IsTheNextBankingDay(int y, int m, int d, int ey, int em, int ed) =>
        DanishBankingCalendar.OnOrAfter(D(y, m, d)).ShouldBe(D(ey, em, ed));

    [Fact]
    public void OnOrAfter_IsTheFirstBankingDayNotBeforeTheDate()
    {
        for (var date = D(2024, 1, 1); date <= D(2030, 12, 31); date = date.AddDays(1))
        {
            var result = DanishBankingCalendar.OnOrAfter(date);
            DanishBankingCalendar.IsBankingDay(result).ShouldBeTrue();
            result.ShouldBeGreaterThanOrEqualTo(date);
            for (var skipped = date; skipped < result; skipped = skipped.AddDays(1))
                DanishBankingCalendar.IsBankingDay(skipped).ShouldBeFalse($"{skipped:yyyy-MM-dd} was skipped");
        }
    }
}

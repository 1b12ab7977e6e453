namespace FeeBridge.Domain.Tests.Values;

public class DanishBankingCalendarTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void EasterSunday_IsComputed(int year, int month, int day) =>
        DanishBankingCalendar.EasterSunday(year).ShouldBe(D(year, month, day));

    [Theory]
    [InlineData(2026, 1, 1)]   // New Year's Day
    [InlineData(2026, 4, 2)]   // Maundy Thursday
    [InlineData(2026, 4, 3)]   // Good Friday
    [InlineData(2026, 4, 6)]   // Easter Monday
    [InlineData(2026, 5, 14)]  // Ascension Day
    [InlineData(2026, 5, 15)]  // the Friday after Ascension
    [InlineData(2026, 5, 25)]  // Whit Monday
    [InlineData(2026, 6, 5)]   // Constitution Day
    [InlineData(2026, 12, 24)] // Christmas Eve
    [InlineData(2026, 12, 25)]
    [InlineData(2025, 12, 26)]
    [InlineData(2026, 12, 31)] // New Year's Eve
    [InlineData(2026, 11, 21)] // Saturday
    [InlineData(2026, 11, 22)] // Sunday
    public void BankingDay_HolidaysAndWeekendsAreNot(int y, int m, int d) =>
        DanishBankingCalendar.IsBankingDay(D(y, m, d)).ShouldBeFalse();

    [Theory]
    [InlineData(2026, 11, 25)] // an ordinary Wednesday
    [InlineData(2025, 5, 16)]  // Great Prayer Day, abolished from 2024
    [InlineData(2026, 12, 23)]
    [InlineData(2026, 4, 1)]   // the Wednesday before Easter
    public void BankingDay_OrdinaryWeekdaysAre(int y, int m, int d) =>
        DanishBankingCalendar.IsBankingDay(D(y, m, d)).ShouldBeTrue();

    [Fact]
    public void OnOrAfter_MovesForwardToTheNextBankingDay()
    {
        DanishBankingCalendar.OnOrAfter(D(2026, 12, 24)).ShouldBe(D(2026, 12, 28));
        DanishBankingCalendar.OnOrAfter(D(2026, 12, 31)).ShouldBe(D(2027, 1, 4));
        DanishBankingCalendar.OnOrAfter(D(2026, 4, 2)).ShouldBe(D(2026, 4, 7));
        DanishBankingCalendar.OnOrAfter(D(2026, 5, 14)).ShouldBe(D(2026, 5, 18));
        DanishBankingCalendar.OnOrAfter(D(2026, 11, 25)).ShouldBe(D(2026, 11, 25));
    }
}

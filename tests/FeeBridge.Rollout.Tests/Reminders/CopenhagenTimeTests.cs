using FeeBridge.Rollout.Reminders;

namespace FeeBridge.Rollout.Tests.Reminders;

/// <summary>
/// CONTRACTS.md §0 "business rules use Europe/Copenhagen". Summer time starts at 01:00 UTC on the last Sunday of
/// March (29 March 2026) and ends at 01:00 UTC on the last Sunday of October (25 October 2026).
/// </summary>
public sealed class CopenhagenTimeTests
{
    [Theory]
    [InlineData("2026-03-28T22:59:00Z", "2026-03-28")] // 23:59 CET
    [InlineData("2026-03-28T23:30:00Z", "2026-03-29")] // 00:30 CET on the day the clocks go forward
    [InlineData("2026-03-29T21:59:00Z", "2026-03-29")] // 23:59 CEST
    [InlineData("2026-03-29T22:00:00Z", "2026-03-30")] // midnight CEST: the day had 23 hours
    [InlineData("2026-10-24T21:59:00Z", "2026-10-24")] // 23:59 CEST
    [InlineData("2026-10-24T22:00:00Z", "2026-10-25")] // midnight CEST on the day the clocks go back
    [InlineData("2026-10-25T22:59:00Z", "2026-10-25")] // 23:59 CET: the day had 25 hours
    [InlineData("2026-10-25T23:00:00Z", "2026-10-26")]
    public void TheDate_IsTheDateOnACopenhagenClock(string instant, string date) =>
        CopenhagenTime.DateOf(DateTimeOffset.Parse(instant)).ShouldBe(DateOnly.Parse(date));

    [Theory]
    [InlineData("2026-03-28", "08:00", "2026-03-28T07:00:00Z")] // CET, +01:00
    [InlineData("2026-03-29", "08:00", "2026-03-29T06:00:00Z")] // CEST, +02:00, already on the changeover day
    [InlineData("2026-03-29", "01:30", "2026-03-29T00:30:00Z")] // before the gap
    [InlineData("2026-03-29", "02:30", "2026-03-29T01:30:00Z")] // in the gap: moved forward by the hour, 03:30 CEST
    [InlineData("2026-10-24", "08:00", "2026-10-24T06:00:00Z")]
    [InlineData("2026-10-25", "02:30", "2026-10-25T00:30:00Z")] // shown twice: the first time, CEST
    [InlineData("2026-10-25", "08:00", "2026-10-25T07:00:00Z")] // CET again
    public void ACopenhagenClockTime_IsTheRightInstant_AcrossBothChanges(string date, string time, string expected) =>
        CopenhagenTime.At(DateOnly.Parse(date), TimeOnly.Parse(time)).ShouldBe(DateTimeOffset.Parse(expected));
}

namespace FeeBridge.Rollout.Reminders;

/// <summary>
/// Dates and clock times in Europe/Copenhagen, where deadlines live (CONTRACTS.md §0: business rules use
/// Europe/Copenhagen). A day is a calendar day — 23 hours on the last Sunday of March, 25 on the last Sunday of
/// October — never "24 hours from now".
/// </summary>
public static class CopenhagenTime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    /// <summary>The calendar date in Copenhagen at <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>
    /// The instant a Copenhagen clock shows <paramref name="time"/> on <paramref name="date"/>. A time the clocks skip
    /// (02:00–02:59 on the last Sunday of March) is moved forward by the gap (02:30 becomes 03:30); a time they show
    /// twice (02:00–02:59 on the last Sunday of October) is its first occurrence. These are NodaTime's "lenient"
    /// choices: a reminder is never lost in the gap and never sent twice in the overlap.
    /// </summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsAmbiguousTime(local)) return new DateTimeOffset(local, Zone.GetAmbiguousTimeOffsets(local).Max());
        if (Zone.IsInvalidTime(local))
        {
            // Read with the offset in force just before the gap: the instant lands after it, shifted by the gap's length.
            var before = local;
            while (Zone.IsInvalidTime(before)) before = before.AddMinutes(-30);
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(local, Zone.GetUtcOffset(before)), Zone);
        }
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}

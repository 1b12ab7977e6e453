namespace FeeBridge.Domain.Routing;

/// <summary>Business dates of a claim, in Danish time.</summary>
public static class PaymentDeadline
{
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    /// <summary>The calendar date in Copenhagen of an instant; business rules are decided on this date.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(LocalTime(instant).DateTime);

    /// <summary>The same instant as a clock in Copenhagen shows it.</summary>
    public static DateTimeOffset LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Copenhagen);

    /// <summary>
    /// Rule "last on-time payment date": creation date + <paramref name="days"/>, moved forward to the next Danish
    /// banking day when it falls on a weekend or bank holiday.
    /// </summary>
    public static DateOnly LastOnTimePaymentDate(DateTimeOffset createdAt, int days) =>
        DanishBankingCalendar.OnOrAfter(LocalDate(createdAt).AddDays(days));
}

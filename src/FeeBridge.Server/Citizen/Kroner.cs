using System.Globalization;

namespace FeeBridge.Server.Citizen;

/// <summary>Money and dates as a Danish reader expects them: "1.234,50 kr.", "1. december 2026", "14:05".</summary>
public static class Kroner
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static string Format(Money m) => (m.Ore / 100m).ToString("N2", Danish) + " kr.";

    /// <summary>A count with Danish thousands separators, e.g. "1.234".</summary>
    public static string Count(int n) => n.ToString("N0", Danish);

    public static string Date(DateOnly d) => d.ToString("d. MMMM yyyy", Danish);

    /// <summary>The time of day in Denmark, e.g. "14:05".</summary>
    public static string Clock(DateTimeOffset t) => Domain.Routing.PaymentDeadline.LocalTime(t).ToString("HH:mm", Danish);
}

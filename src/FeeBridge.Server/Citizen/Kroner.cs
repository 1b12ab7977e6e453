using System.Globalization;

namespace FeeBridge.Server.Citizen;

/// <summary>Money and dates as a Danish reader expects them: "1.234,50 kr.", "1. december 2026".</summary>
public static class Kroner
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static string Format(Money m) => (m.Ore / 100m).ToString("N2", Danish) + " kr.";

    public static string Date(DateOnly d) => d.ToString("d. MMMM yyyy", Danish);
}

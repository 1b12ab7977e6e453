using System.Globalization;

namespace FeeBridge.Rollout.WorkingGroups;

/// <summary>A deadline in Danish words, on the Copenhagen clock: "til og med 3. marts 2025", or "4. marts 2025 kl. 12:00".</summary>
public static class DanishDeadline
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    /// <summary>A deadline at midnight is the end of the day before ("til og med"); any other time is named with its clock time.</summary>
    public static string Text(DateTimeOffset deadline)
    {
        var local = TimeZoneInfo.ConvertTime(deadline, Zone);
        return local.TimeOfDay == TimeSpan.Zero
            ? "til og med " + local.AddDays(-1).ToString("d. MMMM yyyy", Danish)
            : local.ToString("d. MMMM yyyy 'kl.' HH:mm", Danish);
    }
}

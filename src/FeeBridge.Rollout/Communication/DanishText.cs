using System.Globalization;

namespace FeeBridge.Rollout.Communication;

/// <summary>Amounts, dates and durations as Danish texts for people write them.</summary>
public static class DanishText
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>"100 kr.", "50,50 kr.", "1.250 kr.": whole kroner without øre.</summary>
    public static string Kroner(long ore) =>
        (ore % 100 == 0 ? (ore / 100).ToString("N0", Culture) : (ore / 100m).ToString("N2", Culture)) + " kr.";

    /// <summary>"1. marts 2027".</summary>
    public static string Date(DateOnly d) => d.ToString("d. MMMM yyyy", Culture);

    /// <summary>Rounded up, in words: "under 1 sekund", "4 sekunder", "2 minutter", "3 timer".</summary>
    public static string Duration(TimeSpan t) => t.TotalSeconds switch
    {
        < 1 => "under 1 sekund",
        < 120 => Plural((int)Math.Ceiling(t.TotalSeconds), "sekund", "sekunder"),
        < 7200 => Plural((int)Math.Ceiling(t.TotalMinutes), "minut", "minutter"),
        _ => Plural((int)Math.Ceiling(t.TotalHours), "time", "timer"),
    };

    /// <summary>"a", "a og b", "a, b og c".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " og " + items[^1],
    };

    private static string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}

using System.Globalization;
using System.Text;

namespace FeeBridge.Server;

/// <summary>
/// Text that came from outside, made safe to log: control characters (new lines that would forge log lines, escape
/// sequences for terminals) and invisible format characters become '?', and it is cut to a length a log line holds.
/// </summary>
public static class LogText
{
    public const int MaxLength = 200;

    public static string Bound(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var cut = text.Length > MaxLength;
        var sb = new StringBuilder(Math.Min(text.Length, MaxLength) + 1);
        foreach (var c in cut ? text.AsSpan(0, MaxLength) : text.AsSpan())
        {
            var category = char.GetUnicodeCategory(c);
            sb.Append(char.IsControl(c) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Surrogate ? '?' : c);
        }
        if (cut) sb.Append('…');
        return sb.ToString();
    }
}

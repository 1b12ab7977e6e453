using System.Globalization;
using System.Text;

namespace FeeBridge.Rollout.Klik;

/// <summary>
/// Text as the importer reads it: line ends made <c>\n</c>, control and format characters (zero-width, bidi
/// overrides, soft hyphens) and unpaired surrogates removed, tab kept (the tab export's separator), composed to NFC
/// so the same words always compare and fingerprint the same.
/// </summary>
internal static class CleanText
{
    public static string Of(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 >= text.Length || text[i + 1] != '\n') clean.Append('\n');
                continue;
            }
            if (c is '\n' or '\t') { clean.Append(c); continue; }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
                continue;
            }
            if (char.IsSurrogate(c)) continue;
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format) continue;
            // Non-breaking and other odd spaces are spaces.
            clean.Append(category is UnicodeCategory.SpaceSeparator ? ' ' : c);
        }
        return clean.ToString().Normalize(NormalizationForm.FormC);
    }
}

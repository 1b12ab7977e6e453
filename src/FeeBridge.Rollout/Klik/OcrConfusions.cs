namespace FeeBridge.Rollout.Klik;

/// <summary>
/// The misreadings OCR makes of KLIK documents (DOMAIN.md §8 and sources/001: æ→a/&amp;/e, ø→g/s, å→a, "I"→"|",
/// "Mål"→"Mal", lost spaces) and the one question asked of them: can this text be that text, read only through
/// them? Compared lower-case: a difference of case alone is no damage.
/// </summary>
internal static class OcrConfusions
{
    // (what was written, what OCR read instead), lower-case. Only misreadings the sources show, or their obvious kin.
    private static readonly (string Written, string Read)[] Pairs =
    [
        ("æ", "a"), ("æ", "&"), ("æ", "e"), ("æ", "ee"), ("æ", "ae"),
        ("ø", "g"), ("ø", "s"), ("ø", "e"), ("ø", "o"), ("ø", "0"),
        ("å", "a"), ("å", "é"), ("å", "e"),
        ("é", "e"), ("é", "eé"),
        ("i", "|"), ("i", "l"), ("i", "1"), ("l", "|"), ("l", "1"), ("l", "i"),
        ("o", "0"),
        ("–", "-"), ("’", "'"),
        (" ", ""), ("", " "),
    ];

    /// <summary>Beyond this length a text is compared only as written (the table is quadratic in the lengths).</summary>
    public const int MaxLength = 400;

    /// <summary>How <paramref name="read"/> relates to <paramref name="written"/>.</summary>
    public static Likeness Compare(string written, string read)
    {
        if (string.Equals(written, read, StringComparison.OrdinalIgnoreCase)) return Likeness.Same;
        if (written.Length > MaxLength || read.Length > MaxLength) return Likeness.Different;
        var reach = Reach(written.ToLowerInvariant(), read.ToLowerInvariant(), read.Length);
        return reach[written.Length, read.Length] ? Likeness.Misread : Likeness.Different;
    }

    /// <summary>
    /// Where in <paramref name="line"/> a reading of <paramref name="written"/>'s first <c>i</c> characters can end:
    /// <c>[i, j]</c> true when <c>line[..j]</c> can be <c>written[..i]</c>. Only the first <paramref name="span"/>
    /// characters of the line are looked at.
    /// </summary>
    public static bool[,] Reach(string written, string line, int span)
    {
        var m = Math.Min(line.Length, span);
        var reach = new bool[written.Length + 1, m + 1];
        reach[0, 0] = true;
        for (var i = 0; i <= written.Length; i++)
        {
            var any = false;
            for (var j = 0; j <= m; j++)
            {
                if (!reach[i, j]) continue;
                any = true;
                if (i < written.Length && j < m && written[i] == line[j]) reach[i + 1, j + 1] = true;
                foreach (var (w, r) in Pairs)
                {
                    if (i + w.Length > written.Length || j + r.Length > m) continue;
                    if (string.CompareOrdinal(written, i, w, 0, w.Length) != 0) continue;
                    if (string.CompareOrdinal(line, j, r, 0, r.Length) != 0) continue;
                    reach[i + w.Length, j + r.Length] = true;
                }
            }
            // Every step moves to the same row or the next: a row nobody reached ends the search.
            if (!any) break;
        }
        return reach;
    }
}

/// <summary>How a read text relates to a written one.</summary>
internal enum Likeness
{
    /// <summary>The same, case aside.</summary>
    Same,
    /// <summary>The same text read through OCR's known misreadings.</summary>
    Misread,
    /// <summary>Not the same.</summary>
    Different,
}

namespace FeeBridge.Rollout.Klik;

/// <summary>
/// The tokenizer for renderings without a column separator (PDF text, OCR text, an HTML page of paragraphs): a label
/// begins a line; a PDF wraps it ("Er det en" / "STS/Infrastruktur" / "opgave?"), and in OCR text the value's first
/// line sits beside the label's first line ("Metode og 1. Informér …" / "fremgangsméde kommunikation …").
/// </summary>
internal static class LabelledLines
{
    /// <summary>How many lines on a wrapped label may continue over.</summary>
    private const int WrapLines = 3;

    private sealed record Hit(KlikLabels.Label Label, int WordsRead, string Rest, bool Misread);

    public static RawTask Tokenize(IReadOnlyList<FlowLine> lines)
    {
        var seen = new HashSet<KlikField>();
        var fields = new List<RawField>();
        var (heading, ocr) = ((string?)null, false);
        List<FlowLine>? value = null;
        Hit? pending = null; // a label wrapped over lines, not yet read to its end
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            if (pending is not null && value is not null && Continue(pending.Label, pending.WordsRead, line.Text) is { } more)
            {
                ocr |= more.Misread;
                pending = more.WordsRead < more.Label.Words.Length ? more : null;
                if (more.Rest.Length > 0) value.Add(line with { Text = more.Rest, BreakBefore = line.BreakBefore && value.Count > 0 });
                continue;
            }
            pending = null;
            if (Head(lines, n, seen) is { } hit)
            {
                seen.Add(hit.Label.Field);
                ocr |= hit.Misread;
                value = [];
                fields.Add(new RawField(hit.Label.Field, value));
                if (hit.WordsRead < hit.Label.Words.Length) pending = hit;
                if (hit.Rest.Length > 0) value.Add(new FlowLine(hit.Rest, BreakBefore: false));
                continue;
            }
            if (value is null) heading ??= line.Text;
            else value.Add(line);
        }
        return new RawTask(heading, fields, ocr);
    }

    /// <summary>A label (not met before) that begins line <paramref name="n"/>, whole or wrapped onto the next lines.</summary>
    private static Hit? Head(IReadOnlyList<FlowLine> lines, int n, HashSet<KlikField> seen)
    {
        var text = lines[n].Text;
        // Labels are capitalised; value lines that wrap begin in lower case and so are never taken for one
        // (OCR's "l" or "|" for a capital I aside).
        if (text.Length == 0 || (char.IsLower(text[0]) && text[0] != 'l')) return null;
        foreach (var label in KlikLabels.All)
        {
            if (seen.Contains(label.Field) || Read(label, 0, text) is not { } hit) continue;
            if (hit.WordsRead == label.Words.Length || WrapsOn(lines, n, hit)) return hit;
        }
        return null;
    }

    /// <summary>Whether the label's remaining words begin the next few lines, in order.</summary>
    private static bool WrapsOn(IReadOnlyList<FlowLine> lines, int n, Hit hit)
    {
        var read = hit.WordsRead;
        for (var m = n + 1; m < lines.Count && m <= n + WrapLines && read < hit.Label.Words.Length; m++)
        {
            if (Continue(hit.Label, read, lines[m].Text) is not { } more) return false;
            read = more.WordsRead;
        }
        return read == hit.Label.Words.Length;
    }

    private static Hit? Continue(KlikLabels.Label label, int from, string text) => Read(label, from, text);

    /// <summary>
    /// The most of the label's words from word <paramref name="from"/> on that begin <paramref name="text"/> (as
    /// whole words, through OCR's misreadings), and the text after them.
    /// </summary>
    private static Hit? Read(KlikLabels.Label label, int from, string text)
    {
        var words = label.Words[from..];
        var written = string.Join(' ', words);
        var reach = OcrConfusions.Reach(written.ToLowerInvariant(), text.ToLowerInvariant(), 2 * written.Length + 4);
        var end = written.Length;
        for (var k = words.Length; k >= 1; k--)
        {
            for (var j = 0; j < reach.GetLength(1); j++)
            {
                if (!reach[end, j] || (j < text.Length && !char.IsWhiteSpace(text[j]))) continue;
                var exact = text.StartsWith(written[..end], StringComparison.OrdinalIgnoreCase) && j == end;
                return new Hit(label, from + k, text[j..].Trim(), !exact);
            }
            end -= words[k - 1].Length + (k > 1 ? 1 : 0);
        }
        return null;
    }
}

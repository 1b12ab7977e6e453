namespace FeeBridge.Rollout.Klik;

/// <summary>
/// Splits a PDF-text or OCR-text rendering into content lines, each knowing whether a paragraph break comes before
/// it. PDF text (sources/000, 002) puts an empty line after every line and a line of spaces between paragraphs;
/// OCR text (sources/001) has no space lines, and an empty line where the page shows a gap.
/// </summary>
internal static class TextLines
{
    public static IReadOnlyList<FlowLine> Of(string text)
    {
        var raw = text.Split('\n');
        // A line of spaces marks paragraphs wherever the rendering has one; without any, the usual gap between two
        // lines (none in OCR text, one empty line in PDF text whose space lines were trimmed) is no break, a wider one is.
        var spaceLines = raw.Any(l => l.Length > 0 && string.IsNullOrWhiteSpace(l));
        var lines = new List<(string Text, int Gap, bool SpaceLine)>();
        var (gap, sawSpaceLine) = (0, false);
        foreach (var line in raw)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                gap++;
                sawSpaceLine |= line.Length > 0;
                continue;
            }
            lines.Add((line.Trim(), gap, sawSpaceLine));
            (gap, sawSpaceLine) = (0, false);
        }
        var usualGap = lines.Skip(1).GroupBy(l => l.Gap).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => g.Key).FirstOrDefault();
        return [.. lines.Select(l => new FlowLine(l.Text, spaceLines ? l.SpaceLine : l.Gap > usualGap))];
    }
}

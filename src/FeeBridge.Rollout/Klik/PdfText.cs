using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace FeeBridge.Rollout.Klik;

/// <summary>
/// A PDF file's text, read in memory with PdfPig, as the lines <see cref="LabelledLines"/> reads: words on one
/// baseline make a line; a gap between lines clearly wider than the page's usual one is a paragraph break (what the
/// space lines of sources/000 stand for). A page break is no paragraph break: a sentence may go on over it.
/// </summary>
internal static class PdfText
{
    public sealed record Extracted(IReadOnlyList<FlowLine>? Lines, string? Refusal, KlikRefusalReason Reason = KlikRefusalReason.UnreadablePdf);

    public static Extracted Read(ReadOnlyMemory<byte> bytes, ImportLimits limits)
    {
        var lines = new List<FlowLine>();
        var characters = 0L;
        try
        {
            // MaxStackDepth bounds PdfPig's recursion into nested objects (a hostile file cannot overflow the stack).
            using var pdf = PdfDocument.Open(bytes.ToArray(), new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true, MaxStackDepth = 64 });
            if (pdf.NumberOfPages > limits.MaxPdfPages)
                return new(null, $"PDF-filen har {pdf.NumberOfPages} sider; højst {limits.MaxPdfPages} læses.", KlikRefusalReason.TooLarge);
            foreach (var page in pdf.GetPages())
            {
                foreach (var line in PageLines(page))
                {
                    characters += line.Text.Length;
                    if (characters > limits.MaxTextCharacters)
                        return new(null, "PDF-filens tekst er for lang til at være én KLIK-opgave.", KlikRefusalReason.TooLarge);
                    lines.Add(line);
                }
            }
        }
#pragma warning disable CA1031 // whatever a broken or hostile PDF makes PdfPig throw, the answer is the same refusal
        catch (Exception)
#pragma warning restore CA1031
        {
            return new(null, "PDF-filen kan ikke læses.");
        }
        return lines.Count == 0 ? new(null, "PDF-filen indeholder ingen tekst (måske et indscannet billede uden tekstlag).") : new(lines, null);
    }

    private static IEnumerable<FlowLine> PageLines(Page page)
    {
        var rows = new List<(double Baseline, List<Word> Words)>();
        foreach (var word in page.GetWords().Where(w => w.Letters.Count > 0 && !string.IsNullOrWhiteSpace(w.Text))
                     .OrderByDescending(w => w.Letters[0].StartBaseLine.Y))
        {
            var baseline = word.Letters[0].StartBaseLine.Y;
            var tolerance = Math.Max(1.0, word.Letters[0].PointSize * 0.3);
            if (rows.Count > 0 && Math.Abs(rows[^1].Baseline - baseline) <= tolerance) rows[^1].Words.Add(word);
            else rows.Add((baseline, [word]));
        }
        var gaps = rows.Zip(rows.Skip(1), (a, b) => a.Baseline - b.Baseline).Order().ToList();
        var usual = gaps.Count > 0 ? gaps[gaps.Count / 2] : 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var text = string.Join(' ', rows[i].Words.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text));
            var paragraph = i > 0 && rows[i - 1].Baseline - rows[i].Baseline > usual * 1.5;
            yield return new FlowLine(text, paragraph);
        }
    }
}

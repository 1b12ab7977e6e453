using System.Globalization;
using System.Text;

namespace FeeBridge.Testing;

/// <summary>
/// Real PDF files made in memory: Helvetica (a standard-14 font, nothing embedded) with WinAnsiEncoding, which has
/// æ, ø, å, é, "–" and "•" — PdfPig's own builder writes standard-14 text in StandardEncoding, which has no "å".
/// One text line per PDF line on A4 pages; a PDF is small enough to write by hand (objects, xref, trailer).
/// </summary>
internal static class KlikTestPdf
{
    private const double LineHeight = 14;
    private const double Top = 800;
    private const double Bottom = 60;

    /// <summary>
    /// The text's lines; a line of spaces (PDF text's paragraph mark) becomes an extra line of space, empty lines are
    /// nothing — as a PDF shows them.
    /// </summary>
    public static byte[] Of(string text, int minimumPages = 1)
    {
        var pages = new List<StringBuilder> { new() };
        var y = Top;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0) continue;
            if (y < Bottom) { pages.Add(new StringBuilder()); y = Top; }
            if (!string.IsNullOrWhiteSpace(line))
                pages[^1].Append(CultureInfo.InvariantCulture, $"BT /F1 9 Tf 40 {y} Td ({Escape(line.Trim())}) Tj ET\n");
            y -= LineHeight;
        }
        while (pages.Count < minimumPages) pages.Add(new StringBuilder());
        return Write(pages.Select(p => p.ToString()).ToList());
    }

    private static byte[] Write(IReadOnlyList<string> contents)
    {
        // Objects: 1 catalog, 2 pages, 3 font, then a page and its content stream for each page.
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(' ', contents.Select((_, i) => $"{4 + 2 * i} 0 R"))}] /Count {contents.Count} >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        };
        foreach (var (content, i) in contents.Select((c, i) => (c, i)))
        {
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>");
            objects.Add($"<< /Length {WinAnsi(content).Length} >>\nstream\n{content}\nendstream");
        }
        var pdf = new MemoryStream();
        void Put(string s) { var b = WinAnsi(s); pdf.Write(b, 0, b.Length); }
        Put("%PDF-1.4\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            Put($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Position;
        Put($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) Put($"{offset:D10} 00000 n \n");
        Put($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);

    // WinAnsiEncoding is Latin-1 but for 0x80-0x9F, where it has the typographic marks the task texts use.
    private static readonly Dictionary<char, byte> Marks = new()
    {
        ['€'] = 0x80, ['‚'] = 0x82, ['„'] = 0x84, ['…'] = 0x85, ['‘'] = 0x91, ['’'] = 0x92, ['“'] = 0x93, ['”'] = 0x94,
        ['•'] = 0x95, ['–'] = 0x96, ['—'] = 0x97,
    };

    private static byte[] WinAnsi(string text) =>
        [.. text.Select(c => Marks.TryGetValue(c, out var b) ? b : c <= 0xFF ? (byte)c : (byte)'?')];
}

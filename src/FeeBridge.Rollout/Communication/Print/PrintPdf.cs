using FeeBridge.Rollout.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace FeeBridge.Rollout.Communication.Print;

/// <summary>The printed pieces and their paper: the poster on A4 or A3 (portrait), the desk card on A5 (landscape).</summary>
public enum PrintPiece
{
    PosterA4,
    PosterA3,
    DeskCard,
}

/// <summary>
/// A poster or a desk card as a one-page PDF (PDFsharp 6.2.4, DejaVu Sans via <see cref="PdfFonts"/>, so æøå are
/// embedded and read back as written): a coloured band with the headline, the lead, the points and the footer, all
/// sized to the paper — an A3 poster is an A4 poster scaled by √2, so it reads the same from further away.
/// </summary>
public static class PrintPdf
{
    private static readonly XColor Blue = XColor.FromArgb(0, 89, 179); // DKFDS primary
    private const double A4Width = 595;

    public static byte[] Render(PrintText text, PrintPiece piece, string municipalityName)
    {
        if (!PdfFonts.EnsureInstalled()) throw new InvalidOperationException("The PDF font (DejaVu Sans) is not installed.");
        using var document = new PdfDocument();
        document.Info.Title = $"{text.Headline} – {municipalityName}";
        document.Info.Creator = "FeeBridge";
        var page = document.AddPage();
        page.Size = piece == PrintPiece.PosterA3 ? PdfSharp.PageSize.A3 : piece == PrintPiece.DeskCard ? PdfSharp.PageSize.A5 : PdfSharp.PageSize.A4;
        if (piece == PrintPiece.DeskCard) page.Orientation = PdfSharp.PageOrientation.Landscape;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            // A long text (many libraries, a long address) is drawn smaller until it ends above the footer.
            var (w, h) = (page.Width.Point, page.Height.Point);
            var scale = piece == PrintPiece.DeskCard ? 0.8 : w / A4Width;
            while (scale > 0.3 && Draw(gfx, text, w, h, scale, dry: true) > h - 40 * scale * 1.5) scale *= 0.9;
            Draw(gfx, text, w, h, scale, dry: false);
        }
        using var buffer = new MemoryStream();
        document.Save(buffer, closeStream: false);
        return buffer.ToArray();
    }

    /// <summary>Lays the text out and returns where it ends; <paramref name="dry"/> measures without drawing.</summary>
    private static double Draw(XGraphics gfx, PrintText text, double width, double height, double scale, bool dry)
    {
        var margin = 40 * scale;
        var headline = new XFont(PdfFonts.Family, 34 * scale, XFontStyleEx.Bold);
        var lead = new XFont(PdfFonts.Family, 18 * scale, XFontStyleEx.Bold);
        var body = new XFont(PdfFonts.Family, 16 * scale);
        var small = new XFont(PdfFonts.Family, 10 * scale);
        var inner = width - 2 * margin;

        var headlineLines = PdfTextLayout.Wrap(gfx, text.Headline, headline, inner).ToList();
        var band = margin * 1.5 + headlineLines.Count * headline.GetHeight();
        if (!dry) gfx.DrawRectangle(new XSolidBrush(Blue), 0, 0, width, band);
        var y = margin;
        foreach (var line in headlineLines) y = Line(gfx, line, headline, XBrushes.White, margin, y, dry);

        y = band + margin * 0.75;
        foreach (var line in PdfTextLayout.Wrap(gfx, text.Lead, lead, inner)) y = Line(gfx, line, lead, XBrushes.Black, margin, y, dry);
        y += body.GetHeight();
        var hang = 20 * scale;
        foreach (var point in text.Points)
        {
            if (!dry) gfx.DrawString("•", body, new XSolidBrush(Blue), new XPoint(margin, y + body.GetHeight() * 0.8));
            foreach (var line in PdfTextLayout.Wrap(gfx, point, body, inner - hang)) y = Line(gfx, line, body, XBrushes.Black, margin + hang, y, dry);
            y += body.GetHeight() * 0.5;
        }
        if (!dry) gfx.DrawString(text.Footer, small, XBrushes.DimGray, new XPoint(margin, height - margin * 0.75));
        return y;
    }

    private static double Line(XGraphics gfx, string line, XFont font, XBrush brush, double x, double y, bool dry)
    {
        if (!dry) gfx.DrawString(line, font, brush, new XPoint(x, y + font.GetHeight() * 0.8));
        return y + font.GetHeight();
    }
}

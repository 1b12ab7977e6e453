using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace FeeBridge.Rollout.Pdf;

/// <summary>
/// Flowing text down A4 pages with PDFsharp alone (MigraDoc is not to be had): headings, label/value lines and
/// paragraphs, wrapped at word boundaries (a word wider than the line, such as a long link, is cut by characters) and
/// continued on a new page when the page is full. Page numbers are added at the end, when the count is known.
/// </summary>
public sealed class PdfTextLayout : IDisposable
{
    private const double Margin = 56; // 2 cm
    private const double FooterHeight = 24;

    private readonly PdfDocument _document;
    private readonly XFont _body = new(PdfFonts.Family, 10);
    private readonly XFont _bold = new(PdfFonts.Family, 10, XFontStyleEx.Bold);
    private readonly XFont _heading = new(PdfFonts.Family, 13, XFontStyleEx.Bold);
    private readonly XFont _title = new(PdfFonts.Family, 18, XFontStyleEx.Bold);
    private readonly XFont _small = new(PdfFonts.Family, 8);
    private XGraphics _gfx = null!;
    private double _y;
    private bool _finished;

    public PdfTextLayout(PdfDocument document)
    {
        _document = document;
        NewPage();
    }

    private double Width => _document.Pages[^1].Width.Point - 2 * Margin;
    private double Bottom => _document.Pages[^1].Height.Point - Margin - FooterHeight;

    public void Title(string text) => Paragraph(text, _title, XBrushes.Black, after: 6);

    public void Subtitle(string text) => Paragraph(text, _body, XBrushes.DimGray, after: 10);

    public void Heading(string text)
    {
        // A heading never ends a page alone: it needs room for itself and two lines after it.
        if (_y + _heading.GetHeight() + 3 * _body.GetHeight() > Bottom) NewPage();
        _y += 8;
        Paragraph(text, _heading, XBrushes.Black, after: 4);
    }

    /// <summary>"Label: value", the label bold; an empty value is shown as "–" so a missing field is visibly missing.</summary>
    public void Field(string label, string? value)
    {
        var text = string.IsNullOrWhiteSpace(value) ? "–" : value;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var labelWidth = _gfx.MeasureString(label + ": ", _bold).Width;
        EnsureRoom(_body.GetHeight());
        _gfx.DrawString(label + ": ", _bold, XBrushes.Black, new XPoint(Margin, _y + _body.GetHeight() * 0.8));
        var first = true;
        foreach (var line in lines)
        {
            foreach (var wrapped in Wrap(line, _body, Width - labelWidth))
            {
                if (!first) EnsureRoom(_body.GetHeight());
                _gfx.DrawString(wrapped, _body, XBrushes.Black, new XPoint(Margin + labelWidth, _y + _body.GetHeight() * 0.8));
                _y += _body.GetHeight();
                first = false;
            }
        }
        _y += 2;
    }

    /// <summary>A block of text, paragraphs separated by blank lines kept.</summary>
    public void Text(string? text, double indent = 0) => Paragraph(string.IsNullOrWhiteSpace(text) ? "–" : text, _body, XBrushes.Black, after: 4, indent);

    /// <summary>A list item with its marker ("1.", "•") hanging in the margin of the item's text.</summary>
    public void Item(string marker, string text)
    {
        const double hang = 18;
        EnsureRoom(_body.GetHeight());
        _gfx.DrawString(marker, _body, XBrushes.Black, new XPoint(Margin, _y + _body.GetHeight() * 0.8));
        Paragraph(text, _body, XBrushes.Black, after: 2, indent: hang);
    }

    /// <summary>Writes "Side n af m" and <paramref name="footer"/> at the foot of every page.</summary>
    public void Finish(string footer)
    {
        _gfx.Dispose();
        _finished = true;
        var count = _document.Pages.Count;
        for (var i = 0; i < count; i++)
        {
            var page = _document.Pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var y = page.Height.Point - Margin;
            g.DrawString(footer, _small, XBrushes.DimGray, new XPoint(Margin, y));
            var number = $"Side {i + 1} af {count}";
            g.DrawString(number, _small, XBrushes.DimGray, new XPoint(page.Width.Point - Margin - g.MeasureString(number, _small).Width, y));
        }
    }

    public void Dispose()
    {
        if (!_finished) _gfx.Dispose();
    }

    private void Paragraph(string text, XFont font, XBrush brush, double after, double indent = 0)
    {
        var height = font.GetHeight();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            foreach (var wrapped in Wrap(line, font, Width - indent))
            {
                EnsureRoom(height);
                _gfx.DrawString(wrapped, font, brush, new XPoint(Margin + indent, _y + height * 0.8));
                _y += height;
            }
        }
        _y += after;
    }

    private void EnsureRoom(double height)
    {
        if (_y + height > Bottom) NewPage();
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(page);
        _y = Margin;
    }

    /// <summary>The line cut into pieces no wider than <paramref name="width"/>; an empty line stays one empty line.</summary>
    private IEnumerable<string> Wrap(string line, XFont font, double width) => Wrap(_gfx, line, font, width);

    /// <summary>The line cut into pieces no wider than <paramref name="width"/>, as measured on <paramref name="gfx"/> (the posters use it too).</summary>
    internal static IEnumerable<string> Wrap(XGraphics gfx, string line, XFont font, double width)
    {
        var _gfx = gfx;
        if (line.Length == 0)
        {
            yield return "";
            yield break;
        }
        var current = "";
        foreach (var word in line.Split(' '))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (_gfx.MeasureString(candidate, font).Width <= width)
            {
                current = candidate;
                continue;
            }
            if (current.Length > 0) yield return current;
            current = word;
            // A word wider than the whole line: cut it where it no longer fits.
            while (current.Length > 1 && _gfx.MeasureString(current, font).Width > width)
            {
                // The longest prefix that fits, by halving (a pasted link may be hundreds of characters).
                int low = 1, high = current.Length - 1;
                while (low < high)
                {
                    var mid = (low + high + 1) / 2;
                    if (_gfx.MeasureString(current[..mid], font).Width <= width) low = mid;
                    else high = mid - 1;
                }
                var fit = low;
                yield return current[..fit];
                current = current[fit..];
            }
        }
        if (current.Length > 0) yield return current;
    }
}

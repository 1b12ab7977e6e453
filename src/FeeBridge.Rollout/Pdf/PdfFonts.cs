using PdfSharp.Fonts;

namespace FeeBridge.Rollout.Pdf;

/// <summary>
/// The font of FeeBridge's PDFs: DejaVu Sans (regular and bold) from Debian's <c>fonts-dejavu-core</c>, the TTF files
/// under <c>/usr/share/fonts/truetype/dejavu</c>. PDFsharp 6 on Linux finds no fonts by itself, so this resolver
/// gives it those two files; DejaVu covers æ, ø, å and every other letter a Danish text holds, and PDFsharp embeds
/// the subset used, so the PDF reads the same anywhere. <see cref="Family"/> is the one family name asked for.
/// The rollout's one read from disk: the machine's font, once per process, as the time zone comes from its tzdata.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    /// <summary>Where the files are looked for, first hit wins (FEEBRIDGE_PDF_FONTS names another folder).</summary>
    private static IEnumerable<string> Folders()
    {
        if (Environment.GetEnvironmentVariable("FEEBRIDGE_PDF_FONTS") is { Length: > 0 } configured) yield return configured;
        yield return "/usr/share/fonts/truetype/dejavu";
        yield return "/usr/share/fonts/TTF";
        yield return "/usr/share/fonts/dejavu";
    }

    private static readonly Lazy<PdfFonts?> Installed = new(() =>
    {
        foreach (var folder in Folders())
        {
            var regular = Path.Combine(folder, "DejaVuSans.ttf");
            var bold = Path.Combine(folder, "DejaVuSans-Bold.ttf");
            if (File.Exists(regular) && File.Exists(bold))
            {
                var fonts = new PdfFonts(File.ReadAllBytes(regular), File.ReadAllBytes(bold));
                // PDFsharp takes one resolver per process, set before its first font is used.
                GlobalFontSettings.FontResolver = fonts;
                return fonts;
            }
        }
        return null;
    });

    private readonly byte[] _regular;
    private readonly byte[] _bold;

    private PdfFonts(byte[] regular, byte[] bold) => (_regular, _bold) = (regular, bold);

    /// <summary>True once the resolver is installed; false when the font files are not on this machine.</summary>
    public static bool EnsureInstalled() => Installed.Value is not null;

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Italic is simulated (slanted) by PDFsharp; any family resolves to DejaVu so no text is ever lost.
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans", false, italic);

    public byte[]? GetFont(string faceName) => faceName == "DejaVuSans-Bold" ? _bold : _regular;
}

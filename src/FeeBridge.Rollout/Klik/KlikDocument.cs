namespace FeeBridge.Rollout.Klik;

/// <summary>
/// One KLIK task document as it arrives (CONTRACTS.md §6 import: <c>text/plain</c>, <c>text/html</c> or
/// <c>application/pdf</c>). <see cref="MediaType"/> may carry parameters (<c>text/plain; charset=utf-8</c>).
/// </summary>
public sealed record KlikDocument(string MediaType, ReadOnlyMemory<byte> Content)
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";
    public const string Pdf = "application/pdf";

    /// <summary>A text document (PDF text, OCR text or the tab export), UTF-8.</summary>
    public static KlikDocument FromText(string text) => new(PlainText, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>An HTML document, UTF-8.</summary>
    public static KlikDocument FromHtml(string html) => new(Html, System.Text.Encoding.UTF8.GetBytes(html));

    /// <summary>A PDF file's bytes.</summary>
    public static KlikDocument FromPdf(ReadOnlyMemory<byte> bytes) => new(Pdf, bytes);
}

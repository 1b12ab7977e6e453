using System.Net;
using FeeBridge.Server.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace FeeBridge.Server.Tests.Rollout.Drafts;

/// <summary>
/// Issue 16 part 2: "a poster (A4/A3 PDF) and a desk card (PDF) — real PDFs made with PDFsharp 6.2.4, in Danish, with
/// the municipality's facts filled in", read back with PdfPig: the page size, the facts, æøå as written, and every
/// letter on the page, above the footer.
/// </summary>
public sealed class PrintPdfTests(SqliteDraftSite site) : IClassFixture<SqliteDraftSite>
{
    private const double Mm = 72 / 25.4;

    private async Task<byte[]> PdfAsync(string user, string url)
    {
        using var client = await site.StaffAsync(user);
        using var r = await client.GetAsync(url);
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        return await r.Content.ReadAsByteArrayAsync();
    }

    private static (string Text, double Width, double Height) Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var page = document.GetPages().ShouldHaveSingleItem();
        var letters = page.Letters;
        foreach (var l in letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)))
        {
            l.BoundingBox.Left.ShouldBeGreaterThanOrEqualTo(0, $"'{l.Value}' off the page");
            l.BoundingBox.Right.ShouldBeLessThanOrEqualTo(page.Width, $"'{l.Value}' off the page");
            l.BoundingBox.Bottom.ShouldBeGreaterThanOrEqualTo(0, $"'{l.Value}' off the page");
        }
        // The footer is the line with "·" (municipality · libraries); nothing of the text may reach down to it.
        var words = page.GetWords().ToList();
        static double Baseline(UglyToad.PdfPig.Content.Word w) => w.Letters[0].StartBaseLine.Y;
        var footerLine = Baseline(words.Single(w => w.Text == "·"));
        var footer = words.Where(w => Baseline(w) < footerLine + 1).ToList();
        var footerTop = footer.Max(w => w.BoundingBox.Top);
        words.Except(footer).ShouldAllBe(w => w.BoundingBox.Bottom > footerTop, "the text ends above the footer");
        return (string.Join(" ", words.Select(w => w.Text)), page.Width, page.Height);
    }

    [Theory]
    [InlineData("A4", 210, 297)]
    [InlineData("A3", 297, 420)]
    public async Task ThePoster_IsOnePageOfTheSize_WithTheFactsAndæøåAsWritten(string size, double widthMm, double heightMm)
    {
        var (text, width, height) = Read(await PdfAsync("projektleder-580", $"/api/v1/rollout/municipalities/580/drafts/plakat.pdf?size={size}"));
        width.ShouldBe(widthMm * Mm, 1.5);
        height.ShouldBe(heightMm * Mm, 1.5);
        text.ShouldContain("Nye gebyrer betaler du til kommunen");
        text.ShouldContain("Fra 1. marts 2027 sender biblioteket nye gebyrer og erstatninger til Aabenraa Kommune");
        text.ShouldContain("aabenraa.dk/betaling");
        text.ShouldContain("MitID");
        text.ShouldContain("Gebyrer under 100 kr. samles");
        text.ShouldContain("Biblioteket tager ikke imod betaling for de nye gebyrer. Spørg os, så hjælper vi dig med at finde vej.");
        text.ShouldContain("før");
    }

    [Fact]
    public async Task ThePoster_ForTwoLibraries_NamesEach_AndTheDeskCardIsA5Landscape()
    {
        var (poster, _, _) = Read(await PdfAsync("projektleder-621", "/api/v1/rollout/municipalities/621/drafts/plakat.pdf"));
        poster.ShouldContain("Kolding Bibliotekerne fra 1. februar 2027 og Kolding Skolebiblioteker fra 5. april 2027");
        var (card, width, height) = Read(await PdfAsync("projektleder-621", "/api/v1/rollout/municipalities/621/drafts/bordkort.pdf"));
        width.ShouldBe(210 * Mm, 1.5);
        height.ShouldBe(148 * Mm, 1.5);
        card.ShouldContain("Vi tager ikke imod betaling for nye gebyrer");
        card.ShouldContain("www.kolding.dk/betal med MitID");
        card.ShouldContain("Har du ikke MitID");
    }

    [Fact]
    public async Task ThePdfs_KeepTheScope_AndAnUnknownSizeIs422()
    {
        using var leader = await site.StaffAsync("projektleder-630");
        (await leader.GetAsync("/api/v1/rollout/municipalities/621/drafts/plakat.pdf")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await leader.GetAsync("/api/v1/rollout/municipalities/630/drafts/plakat.pdf?size=A2")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var (text, _, _) = Read(await PdfAsync("projektleder-630", "/api/v1/rollout/municipalities/630/drafts/bordkort.pdf"));
        text.ShouldNotContain("sekund", customMessage: "nothing measured for Vejle: no figure promised");
    }

    /// <summary>
    /// The README's picture of a poster page, rendered from the PDF itself by poppler's pdftoppm (as a printer would
    /// see it, not a screen mock-up). A screenshot, not a check: where pdftoppm is not installed nothing is rendered,
    /// and the checks above still read the PDF.
    /// </summary>
    [Fact]
    public async Task APosterPage_RenderedFromThePdf_IsLeftForTheReadme()
    {
        var pdf = await PdfAsync("projektleder-621", "/api/v1/rollout/municipalities/621/drafts/plakat.pdf?size=A4");
        var tool = new[] { "/usr/bin/pdftoppm", "/usr/local/bin/pdftoppm" }.FirstOrDefault(File.Exists);
        if (tool is null) return;
        var dir = Directory.CreateTempSubdirectory("feebridge-poster-").FullName;
        try
        {
            var input = Path.Combine(dir, "plakat.pdf");
            await File.WriteAllBytesAsync(input, pdf);
            using var run = System.Diagnostics.Process.Start(tool, ["-png", "-r", "60", "-singlefile", input, Path.Combine(dir, "plakat")])!;
            await run.WaitForExitAsync();
            run.ExitCode.ShouldBe(0);
            var png = await File.ReadAllBytesAsync(Path.Combine(dir, "plakat.png"));
            png.Take(4).ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
            Directory.CreateDirectory(Browser.Screenshots);
            await File.WriteAllBytesAsync(Path.Combine(Browser.Screenshots, "rollout-poster.png"), png);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}

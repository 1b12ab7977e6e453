using FeeBridge.Testing;
using FeeBridge.Rollout.Klik;
using static FeeBridge.Rollout.Tests.Klik.KlikSources;

namespace FeeBridge.Rollout.Tests.Klik;

/// <summary>CONTRACTS.md §6: a KLIK task may arrive as <c>application/pdf</c>; its text is read in memory (PdfPig).</summary>
public sealed class KlikPdfTests
{
    [Theory]
    [InlineData("000")]
    [InlineData("002")]
    public void ARealPdf_ReadsAsItsTextRendering(string source)
    {
        var draft = Draft(source == "000" ? PdfText26 : PdfText23);
        var text = KlikRenderer.ToText(draft);
        var pdf = KlikTestPdf.Of(text);
        var fromPdf = Draft(KlikImporter.Parse(KlikDocument.FromPdf(pdf), DebtorIntegration));
        fromPdf.ShouldBe(Draft(text));
        fromPdf.ShouldBe(draft, "and both are the task the source document holds");
    }

    [Fact]
    public void APdfOverSeveralPages_ReadsOn_AcrossThePageBreak()
    {
        var draft = Draft(PdfText23);
        // Long enough at 14 points a line to need a second A4 page.
        var text = KlikRenderer.ToText(draft);
        text.Split('\n').Length.ShouldBeGreaterThan(56);
        Draft(KlikImporter.Parse(KlikDocument.FromPdf(KlikTestPdf.Of(text)), DebtorIntegration)).ShouldBe(draft);
    }
}

using FeeBridge.Testing;
using System.Text;
using FeeBridge.Rollout.Klik;
using FsCheck.Xunit;
using static FeeBridge.Rollout.Tests.Klik.KlikSources;

namespace FeeBridge.Rollout.Tests.Klik;

/// <summary>
/// Documents the importer refuses, each with its reason (CONTRACTS.md §6: "A document that is not a KLIK task → 422
/// saying why"), and hostile input that must never make it throw or hang.
/// </summary>
public sealed class KlikRefusalTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\n  ")]
    [InlineData("\u0000\u0001\u200B")]
    public void AnEmptyDocument_IsRefusedAsEmpty(string text) =>
        Refusal(Import(text)).Reason.ShouldBe(KlikRefusalReason.Empty);

    [Fact]
    public void TextOverTwoMegabytes_IsRefusedAsTooLarge()
    {
        var huge = PdfText26 + new string('x', 2 * 1024 * 1024);
        var refusal = Refusal(Import(huge));
        refusal.Reason.ShouldBe(KlikRefusalReason.TooLarge);
        refusal.Message.ShouldContain("2 MB");
    }

    [Fact]
    public void TextOfTooManyLines_IsRefusedAsTooLarge() =>
        Refusal(Import(string.Concat(Enumerable.Repeat("Fase x\n", 25_000)))).Reason.ShouldBe(KlikRefusalReason.TooLarge);

    [Fact]
    public void APdfOverTenMegabytes_IsRefusedBeforeItIsParsed() =>
        Refusal(KlikImporter.Parse(KlikDocument.FromPdf(new byte[10 * 1024 * 1024 + 1]), DebtorIntegration)).Reason.ShouldBe(KlikRefusalReason.TooLarge);

    [Fact]
    public void APdfOfTooManyPages_IsRefused()
    {
        var limits = ImportLimits.Default with { MaxPdfPages = 3 };
        var refusal = Refusal(KlikImporter.Parse(KlikDocument.FromPdf(KlikTestPdf.Of(PdfText26, minimumPages: 4)), DebtorIntegration, limits: limits));
        refusal.Reason.ShouldBe(KlikRefusalReason.TooLarge);
        refusal.Message.ShouldContain("4 sider");
    }

    [Theory]
    [InlineData("not a pdf at all")]
    [InlineData("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")]
    public void GarbageCalledPdf_IsRefusedAsUnreadable(string bytes) =>
        Refusal(KlikImporter.Parse(KlikDocument.FromPdf(Encoding.ASCII.GetBytes(bytes)), DebtorIntegration)).Reason.ShouldBe(KlikRefusalReason.UnreadablePdf);

    [Fact]
    public void APdfBomb_OfDeeplyNestedObjects_IsRefused_WithoutOverflowingTheStack()
    {
        var body = "1 0 obj " + new string('[', 200_000) + new string(']', 200_000) + " endobj\n" + string.Concat(Enumerable.Repeat("<<", 100_000));
        var bomb = Encoding.ASCII.GetBytes($"%PDF-1.7\n{body}\ntrailer << /Root 1 0 R >>\n%%EOF");
        Refusal(KlikImporter.Parse(KlikDocument.FromPdf(bomb), DebtorIntegration)).Reason.ShouldBe(KlikRefusalReason.UnreadablePdf);
    }

    [Fact]
    public void APdfWithoutText_IsRefused_SayingSo()
    {
        var refusal = Refusal(KlikImporter.Parse(KlikDocument.FromPdf(KlikTestPdf.Of(" \n")), DebtorIntegration));
        refusal.Reason.ShouldBe(KlikRefusalReason.UnreadablePdf);
        refusal.Message.ShouldContain("ingen tekst");
    }

    [Theory]
    [InlineData("<div>", "text/html")]
    [InlineData("<b>", "text/html")]
    [InlineData("<span>", "text/plain")] // inside a tab export's cell
    public void DeeplyNestedHtml_IsRefused_BeforeAnyParserSeesIt(string tag, string mediaType)
    {
        // A parser's tree construction costs minutes on 100,000 unclosed elements (measured: AngleSharp, 8 minutes).
        var nested = string.Concat(Enumerable.Repeat(tag, 100_000));
        var text = mediaType == "text/html" ? nested : TabExport23.Replace("Beskrivelse\t", "Beskrivelse\t" + nested, StringComparison.Ordinal);
        var refusal = Refusal(KlikImporter.Parse(new KlikDocument(mediaType, Encoding.UTF8.GetBytes(text)), DebtorIntegration));
        refusal.Reason.ShouldBe(KlikRefusalReason.TooLarge);
        refusal.Message.ShouldContain("indlejret");
    }

    [Fact]
    public void ShallowHtml_WithManyUnclosedParagraphsAndScriptComparisons_IsNotTooDeep()
    {
        var html = "<script>if (a<b && c<d) {}</script>" + string.Concat(Enumerable.Repeat("<p>tekst<li>punkt<br>", 5_000));
        Refusal(KlikImporter.Parse(KlikDocument.FromHtml(html), DebtorIntegration)).Reason.ShouldBe(KlikRefusalReason.NotAKlikTask);
    }

    [Fact]
    public void AMediaTypeTheImporterDoesNotRead_IsRefused() =>
        Refusal(KlikImporter.Parse(new KlikDocument("image/png", new byte[] { 1, 2, 3 }), DebtorIntegration)).Reason.ShouldBe(KlikRefusalReason.UnsupportedMediaType);

    [Fact]
    public void ATaskOfAnotherProject_IsRefused_NamingIt()
    {
        var refusal = Refusal(Import(PdfText26.Replace("Projekt FBS - Fælles Biblioteksystem", "Projekt Kommunernes Ydelsessystem", StringComparison.Ordinal)));
        refusal.Reason.ShouldBe(KlikRefusalReason.OtherProject);
        refusal.Message.ShouldContain("Kommunernes Ydelsessystem");
        var fbs2 = FeeBridge.Rollout.Projects.ProjectCatalog.Shipped.Find("fbs2")!;
        Refusal(KlikImporter.Parse(KlikDocument.FromText(PdfText26), fbs2)).Reason.ShouldBe(KlikRefusalReason.OtherProject);
    }

    [Fact]
    public void ALongLineWithoutBreaks_IsReadWithoutDelay_AndRefused()
    {
        var line = string.Concat(Enumerable.Repeat("Er det en STS/Infrastruktur opgave? Fase Tema ", 30_000));
        Refusal(Import(line)).Reason.ShouldBe(KlikRefusalReason.NotAKlikTask);
    }

    [Property(MaxTest = 300)]
    public bool AnyText_GivesADraftOrARefusal_NeverAnException(string text, bool html) =>
        KlikImporter.Parse(html ? KlikDocument.FromHtml(text ?? "") : KlikDocument.FromText(text ?? ""), DebtorIntegration) is not null;

    [Property(MaxTest = 200)]
    public bool AnyBytes_CalledPdf_GiveARefusal_NeverAnException(byte[] bytes) =>
        KlikImporter.Parse(KlikDocument.FromPdf(Encoding.ASCII.GetBytes("%PDF-1.4\n").Concat(bytes ?? []).ToArray()), DebtorIntegration)
            is KlikImportResult.Refused;

    [Property(MaxTest = 200)]
    public bool TheSourceWithRandomLinesSpliced_NeverThrows(string[] lines, int at)
    {
        var text = PdfText26.Split('\n').ToList();
        text.InsertRange(Math.Abs(at % text.Count), (lines ?? []).Select(l => l ?? ""));
        return Import(string.Join('\n', text)) is not null;
    }
}

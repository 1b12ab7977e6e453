using FeeBridge.Rollout.Klik;
using FeeBridge.Rollout.Projects;

namespace FeeBridge.Rollout.Tests.Klik;

/// <summary>The source documents of ../shared/sources (copied to Klik/Sources/) and helpers to read them.</summary>
internal static class KlikSources
{
    public static RolloutProject DebtorIntegration { get; } = ProjectCatalog.Shipped.Find("fbs-debitorintegration")!;

    /// <summary>sources/000: task 26 "Forbered og kommunikér internt" as PDF text.</summary>
    public static string PdfText26 => Read("000");
    /// <summary>sources/001: "Forbered og kommunikér eksternt" as OCR text (no ID line, no Bølger line).</summary>
    public static string OcrTextExternal => Read("001");
    /// <summary>sources/002: task 23 "Etabler organisering" as PDF text.</summary>
    public static string PdfText23 => Read("002");
    /// <summary>sources/003: task 23 as the tab/HTML export.</summary>
    public static string TabExport23 => Read("003");
    /// <summary>sources/004: the webinar on the FBS 2.0 implementation working group — not a KLIK task.</summary>
    public static string Webinar => Read("004");

    private static string Read(string number) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Klik", "Sources"), number + "_*.txt").Single());

    public static KlikImportResult Import(string text, IReadOnlyCollection<EarlierTask>? earlier = null) =>
        KlikImporter.Parse(KlikDocument.FromText(text), DebtorIntegration, earlier);

    /// <summary>The draft of a document that must parse; fails the test with the refusal otherwise.</summary>
    public static MasterTaskDraft Draft(string text, IReadOnlyCollection<EarlierTask>? earlier = null) => Draft(Import(text, earlier));

    public static MasterTaskDraft Draft(KlikImportResult result) =>
        result.ShouldBeOfType<KlikImportResult.Parsed>($"expected a draft, got {result}").Draft;

    public static KlikImportResult.Refused Refusal(KlikImportResult result) => result.ShouldBeOfType<KlikImportResult.Refused>();
}

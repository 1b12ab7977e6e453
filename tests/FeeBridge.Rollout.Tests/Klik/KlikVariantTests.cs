using FeeBridge.Rollout.Klik;
using static FeeBridge.Rollout.Tests.Klik.KlikSources;

namespace FeeBridge.Rollout.Tests.Klik;

/// <summary>Variants of the source documents: other orders and wrappings, missing fields, injected OCR damage, hostile HTML.</summary>
public sealed class KlikVariantTests
{
    private static readonly (string Label, string Value)[] Task =
    [
        ("Master-opgave ID", "26"),
        ("Opgavetitel", "Forbered og kommunikér internt"),
        ("Projekt", "FBS - Fælles Biblioteksystem"),
        ("Fase", "Fase 2: Forberedelse ( Fase )"),
        ("Tema", "Organisering og arbejdsgange ( Tema )"),
        ("Prioritet", "Prioritet 3 - anbefalet"),
        ("Er det en STS/Infrastruktur opgave?", "Nej"),
        ("Bølger", "FBS - Fælles Biblioteksystem - FBS – testbølge"),
        ("Mål", "Målet er en kommunikationsplan."),
        ("Beskrivelse", "Inden kommunen går i gang, skal alle vide det."),
        ("Metode og fremgangsmåde", "1. Informér medarbejderne.\n2. Markér opgaven som fuldført."),
        ("Resultat", "At alle ved det."),
        ("Anbefalet udfører", "Projektleder"),
        ("Involverede parter", "Projektejer, biblioteksfolk"),
    ];

    private static string PdfLike(IEnumerable<(string Label, string Value)> fields) =>
        string.Join("\n \n", fields.Select(f => $"{f.Label} {f.Value}")) + "\n";

    [Fact]
    public void LabelsInAnotherOrder_GiveTheSameTask()
    {
        var inOrder = Draft(PdfLike(Task));
        inOrder.Warnings.ShouldBeEmpty();
        inOrder.Infrastructure.ShouldBe(false);
        inOrder.InvolvedParties.ShouldBe(["Projektejer", "Biblioteksfolk"]);
        Draft(PdfLike(Task.Reverse())).ShouldBe(inOrder);
        Draft(PdfLike(Task.OrderBy(f => f.Label, StringComparer.Ordinal))).ShouldBe(inOrder);
    }

    [Fact]
    public void LabelsWrappedDifferently_GiveTheSameTask()
    {
        var original = Draft(PdfText26);
        var rewrapped = PdfText26
            .Replace("Metode og \n\nfremgangsmåde \n", "Metode og fremgangsmåde\n", StringComparison.Ordinal)
            .Replace("Er det en \n\nSTS/Infrastruktur\n\nopgave? \n\nJa  ", "Er det en STS/Infrastruktur \n\nopgave? Ja", StringComparison.Ordinal)
            .Replace("Anbefalet udfører Projektleder", "Anbefalet Projektleder\n\nudfører", StringComparison.Ordinal)
            .Replace("Master-opgave ID 26", "Master-opgave\n\nID 26", StringComparison.Ordinal);
        rewrapped.ShouldNotBe(PdfText26);
        Draft(rewrapped).ShouldBe(original);
    }

    [Theory]
    [InlineData("Tema Organisering og arbejdsgange ( Tema ) \n", "theme")]
    [InlineData("Prioritet Prioritet 3 - anbefalet \n", "priority")]
    [InlineData("Anbefalet udfører Projektleder \n", "recommendedPerformer")]
    [InlineData("Master-opgave ID 26 \n", "masterTaskId")]
    public void AFieldRemoved_IsNull_WithAWarning_AndNothingElseChanges(string line, string field)
    {
        // CONTRACTS.md §6: warnings name "a missing field"; the importer never invents one.
        var original = Draft(PdfText26);
        var without = Draft(PdfText26.Replace(line, "", StringComparison.Ordinal));
        original.ChangedFields(without).ShouldBe([field]);
        without.Warnings.ShouldBe([$"{field}: mangler i dokumentet"]);
        var json = System.Text.Json.JsonSerializer.SerializeToNode(without, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        json[field].ShouldBeNull();
    }

    [Fact]
    public void TheIdLineLost_AndNoEarlierTask_LeavesTheIdNull()
    {
        var d = Draft(PdfText26.Replace("Master-opgave ID 26 \n", "", StringComparison.Ordinal), [new EarlierTask(23, "Etabler organisering")]);
        d.MasterTaskId.ShouldBeNull("no earlier task has this title");
    }

    [Theory]
    [InlineData("Tema Organisering og arbejdsgange", "Tema Organ|sering og arbejdsgange", "theme", "Organ|sering og arbejdsgange")]
    [InlineData("Anbefalet udfører Projektleder", "Anbefalet udfører Pr0jektleder", "recommendedPerformer", "Pr0jektleder")]
    [InlineData("Fase Fase 2: Forberedelse", "Fase Fase 2: F0rberedelse", "phase", "F0rberedelse")]
    [InlineData("Projekt FBS - Fælles Biblioteksystem", "Projekt FBS - Fal1es Biblioteksystem", "project", "Fal1es")]
    public void OcrDamageInAVocabularyWord_IsRepaired_WithAWarning(string clean, string damaged, string field, string read)
    {
        var original = Draft(PdfText26);
        var repaired = Draft(PdfText26.Replace(clean, damaged, StringComparison.Ordinal));
        repaired.ChangedFields(original).ShouldBeEmpty("the repair restores the vocabulary's word");
        var warning = repaired.Warnings.ShouldHaveSingleItem();
        warning.ShouldStartWith($"{field}: OCR-rettet fra «");
        warning.ShouldContain(read);
    }

    [Theory]
    [InlineData("Tema Organisering og arbejdsgange", "Tema Organisxring og arbejdsgange", "theme", "Organisxring og arbejdsgange")]
    [InlineData("Anbefalet udfører Projektleder", "Anbefalet udfører Projektlxder", "recommendedPerformer", "Projektlxder")]
    [InlineData("Bølger FBS - Fælles Biblioteksystem - FBS – testbølge", "Bølger FBS - Fælles Biblioteksystem - FBS – tastbølge", "waves", "FBS - Fælles Biblioteksystem - FBS – tastbølge")]
    public void DamageNoMisreadingExplains_IsKeptAsRead_WithAWarning(string clean, string damaged, string field, string read)
    {
        // "x" for "e" is no confusion OCR is known to make: the word cannot be repaired with certainty.
        var d = Draft(PdfText26.Replace(clean, damaged, StringComparison.Ordinal));
        d.ChangedFields(Draft(PdfText26)).ShouldBe([field]);
        d.Warnings.ShouldBe([$"{field}: «{read}» er ikke {(field == "theme" ? "et kendt tema" : field == "waves" ? "en kendt bølge" : "en kendt rolle")} i projektet; beholdt som læst"]);
    }

    [Fact]
    public void AWordTwoVocabularyEntriesCouldBe_IsKeptAsRead_NamingBoth()
    {
        // "Bar" may be "Bær" (æ→a) or "Bår" (å→a): repair only when exactly one entry fits.
        var project = DebtorIntegration with { Themes = [new("Bær"), new("Bår")] };
        var text = PdfText26.Replace("Tema Organisering og arbejdsgange", "Tema Bar", StringComparison.Ordinal);
        var d = Draft(KlikImporter.Parse(KlikDocument.FromText(text), project));
        d.Theme.ShouldBe("Bar");
        d.Warnings.ShouldBe(["theme: «Bar» kan være «Bær» eller «Bår»; beholdt som læst"]);
    }

    [Fact]
    public void DamagedLabels_AreStillRead()
    {
        // DOMAIN.md §8's OCR: "Mål"→"Mal", ø→o, "I"→"|".
        var damaged = PdfText26
            .Replace("Mål Målet", "Mal Målet", StringComparison.Ordinal)
            .Replace("Bølger FBS", "Bolger FBS", StringComparison.Ordinal)
            .Replace("Master-opgave ID 26", "Master-opgave |D 26", StringComparison.Ordinal)
            .Replace("Involverede parter", "lnvolverede parter", StringComparison.Ordinal);
        var d = Draft(damaged);
        d.ChangedFields(Draft(PdfText26)).ShouldBeEmpty();
        d.Warnings.ShouldContain("goal: læst med OCR og ikke rettet; kontrollér teksten", "a damaged label says the document was read by OCR");
    }

    [Fact]
    public void ScriptsStylesAndEventHandlers_InTheExport_AreRemoved_NeverKeptAsText()
    {
        var hostile = TabExport23.Replace("Beskrivelse\t<p>",
            "Beskrivelse\t<script>alert('stjæl')</script><style>p { color: red }</style><p onclick=\"steal()\">", StringComparison.Ordinal);
        var d = Draft(hostile);
        d.Description!.ShouldStartWith("Implementeringen af ØiR");
        foreach (var bad in new[] { "alert", "stjæl", "color", "steal", "onclick", "<" }) d.Description.ShouldNotContain(bad);
        d.ChangedFields(Draft(TabExport23)).ShouldBeEmpty();
    }

    [Fact]
    public void AnHtmlPage_WithALabelTable_IsRead_AndOnlyWebLinksAreLinks()
    {
        const string html = """
            <html><head><title>KLIK</title><script>document.location='https://evil.example'</script></head>
            <body onload="steal()"><h1>Etabler organisering</h1><table>
            <tr><th>Master-opgave ID</th><td>23</td></tr>
            <tr><th>Opgavetitel</th><td>Etabler organisering</td></tr>
            <tr><th>Projekt</th><td>FBS - F&aelig;lles Bibliotekssystem</td></tr>
            <tr><th>Fase</th><td>Fase 2: Forberedelse (Fase)</td></tr>
            <tr><th>Tema</th><td>Organisering og arbejdsgange (Tema)</td></tr>
            <tr><th>Prioritet</th><td>Prioritet 3 - anbefalet</td></tr>
            <tr><th>Beskrivelse</th><td><p>Tekst &amp; mere om <b>FBS</b>.</p><ul><li>Et</li><li>To</li></ul>
              <p>Se <a href="https://kombit.dk/fbsfaq">KOMBITs FAQ</a> og <a href="javascript:alert(1)">her</a>.</p></td></tr>
            <tr><th>Metode og fremgangsmåde</th><td><ol><li>Afklar den ønskede organisering.</li><li>Markér opgaven som fuldført.</li></ol></td></tr>
            </table><iframe src="https://evil.example">ramme</iframe></body></html>
            """;
        var d = Draft(KlikImporter.Parse(KlikDocument.FromHtml(html), DebtorIntegration));
        d.MasterTaskId.ShouldBe(23);
        d.Title.ShouldBe("Etabler organisering");
        d.Phase.ShouldBe("Fase 2: Forberedelse");
        d.Description.ShouldBe("Tekst & mere om FBS.\n\n• Et\n• To\n\nSe KOMBITs FAQ og her.");
        d.Method.ShouldBe(["Afklar den ønskede organisering.", "Markér opgaven som fuldført."]);
        d.Links.ShouldBe(["https://kombit.dk/fbsfaq"], "a javascript: address is no link");
        d.Warnings.ShouldAllBe(w => w.Contains("mangler i dokumentet"));
    }

    [Fact]
    public void AnHtmlPage_OfParagraphs_IsReadLikePdfText()
    {
        var html = "<html><body>" + string.Concat(Task.Select(f => $"<p>{f.Label} {f.Value.Replace("\n", "<br>", StringComparison.Ordinal)}</p>")) + "</body></html>";
        Draft(KlikImporter.Parse(KlikDocument.FromHtml(html), DebtorIntegration)).ShouldBe(Draft(PdfLike(Task)));
    }

    [Fact]
    public void ControlAndInvisibleCharacters_AreStripped()
    {
        var dirty = PdfText26.Replace("Opgavetitel Forbered og kommunikér internt",
            "Opgavetitel Forbered\u0000 og\u200B kommu\u202Enikér\u0007 internt", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        Draft(dirty).ShouldBe(Draft(PdfText26));
    }

    [Fact]
    public void DecomposedLetters_ReadAsTheComposedOnes()
    {
        // "é" as e + combining acute: NFC makes the fingerprint the same.
        var decomposed = PdfText26.Normalize(System.Text.NormalizationForm.FormD);
        Draft(decomposed).Fingerprint().ShouldBe(Draft(PdfText26).Fingerprint());
    }
}

using FeeBridge.Rollout.Klik;
using FeeBridge.Rollout.Projects;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FeeBridge.Rollout.Tests.Klik;

/// <summary>
/// For any draft made of the project's vocabulary and plain text, rendering it and reading it again gives it back —
/// in both renderings: the importer and the renderer agree on what every field and every line means.
/// </summary>
public sealed class KlikRoundTripProperties
{
    [Property(Arbitrary = [typeof(DraftArbitrary)], MaxTest = 300)]
    public bool PdfText_ParseOfRender_IsTheDraft(MasterTaskDraft draft) =>
        KlikImporter.Parse(KlikDocument.FromText(KlikRenderer.ToText(draft)), Project(draft)) is KlikImportResult.Parsed p && p.Draft.Equals(draft);

    [Property(Arbitrary = [typeof(DraftArbitrary)], MaxTest = 300)]
    public bool TabExport_ParseOfRender_IsTheDraft(MasterTaskDraft draft) =>
        KlikImporter.Parse(KlikDocument.FromText(KlikRenderer.ToTabExport(draft)), Project(draft)) is KlikImportResult.Parsed p && p.Draft.Equals(draft);

    private static RolloutProject Project(MasterTaskDraft draft) => ProjectCatalog.Shipped.Find(draft.Project)!;
}

/// <summary>Random drafts: vocabulary from the shipped projects, text from Danish words (and &amp;, &lt;, quotes for the HTML).</summary>
public static class DraftArbitrary
{
    private static readonly string[] Words =
    [
        "borger", "bibliotek", "kommune", "gæld", "betaling", "plan", "møde", "ændring", "økonomi", "område",
        "løsning", "kanal", "intranet", "sms", "app’en", "p-bøder", "a&b", "<x>", "\"citat\"", "(PSRM)",
        "debitor-/økonomi", "fx", "mv.", "–", "ØiR", "FBS", "KLIK-opgaver", "3.", "i", "og", "på", "til", "at",
    ];

    // Sentences begin with a capital that no label begins with; the words above never begin a line.
    private static readonly string[] Starters = ["Kommunen", "Borgerne", "Lånerne", "Hvis", "Når", "Se", "Ude", "Særligt", "Økonomien", "Ændringen"];

    private static Gen<string> Sentence() =>
        from first in Gen.Elements(Starters)
        from rest in Gen.Elements(Words).ListOf().Select(l => l.Take(12))
        select string.Join(' ', rest.Prepend(first)) + ".";

    private static Gen<string> Paragraph() =>
        Gen.Choose(1, 3).SelectMany(n => Sentence().ListOf(n)).Select(s => string.Join(' ', s));

    private static Gen<string> Text() =>
        from paragraphs in Gen.Choose(1, 3).SelectMany(n => Paragraph().ListOf(n))
        from bullets in Gen.Choose(0, 3).SelectMany(n => Sentence().ListOf(n))
        select string.Join("\n\n", bullets.Count == 0 ? paragraphs : paragraphs.Append(string.Join('\n', bullets.Select(b => "• " + b))));

    private static Gen<List<T>> NonEmptySubset<T>(IEnumerable<T> all) =>
        Gen.SubListOf(all.ToArray()).Where(l => l.Count > 0).Select(l => l.ToList());

    private static Gen<MasterTaskDraft> Draft(RolloutProject project) =>
        from id in Gen.Choose(1, 99_999)
        from title in Gen.Elements(Words).NonEmptyListOf().Select(w => string.Join(' ', w.Take(6).Prepend("Etabler")))
        from phase in Gen.Elements(project.Phases.Select(p => p.Name))
        from theme in Gen.Elements(project.Themes.Select(t => t.Name))
        from priority in Gen.Elements(project.Priorities.Select(p => new TaskPriority(p.Level, p.Label)))
        from infrastructure in Gen.Elements(true, false)
        from waves in NonEmptySubset(project.Waves.Select(w => w.Name))
        from goal in Paragraph()
        from description in Text()
        from steps in Gen.Choose(1, 5).SelectMany(n => Sentence().ListOf(n))
        from markDone in Gen.Elements(true, false)
        from result in Paragraph()
        from performer in Gen.Elements(project.Roles.Select(r => r.DisplayName))
        from parties in NonEmptySubset(project.Roles.Select(r => r.DisplayName))
        from links in Gen.SubListOf("a", "b", "fbsfaq", "klik/opgave-23", "x?y=1")
        select new MasterTaskDraft(project.Id, id, title, phase, theme, priority, infrastructure, waves, goal, description,
            markDone ? [.. steps, KlikLabels.LastStep] : steps, result, performer, parties,
            [.. links.Select(l => "https://kombit.dk/" + l)], []);

    public static Arbitrary<MasterTaskDraft> Drafts() =>
        Gen.Elements(ProjectCatalog.Shipped.Projects.ToArray()).SelectMany(Draft).ToArbitrary();
}

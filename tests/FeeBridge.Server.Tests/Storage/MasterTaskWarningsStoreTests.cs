using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Klik;
using FeeBridge.Rollout.Projects;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Tests.Infrastructure;
using static FeeBridge.Server.Tests.Storage.RolloutSamples;

namespace FeeBridge.Server.Tests.Storage;

/// <summary>
/// CONTRACTS.md §6 master task JSON: "<c>warnings</c> naming each field the importer was unsure of (OCR repairs, a
/// missing field)". They are the importer's, of the text a version was read from, so they are kept with that version
/// and with every municipality's copy of it — read back, not recomputed.
/// </summary>
public abstract class MasterTaskWarningsStoreTests(StoreKind kind)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Kommunekode Furesoe = Kommunekode.Parse("190");

    private static MasterTaskDraft OcrDraft()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Rollout", "Sources", "001_2e8c465e1d983d6a.txt"));
        var parsed = KlikImporter.Parse(KlikDocument.FromText(text), ProjectCatalog.Shipped.Find(Project)!).ShouldBeOfType<KlikImportResult.Parsed>();
        return parsed.Draft;
    }

    [Fact]
    public async Task TheOcrDocumentsWarnings_AreKeptWithItsVersion_AndWithEveryCopy()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var store = db.Rollout;
        var draft = OcrDraft();
        draft.Warnings.ShouldNotBeEmpty(); // the OCR text lost its id line and has damaged letters: the importer says so

        var imported = (await store.MasterTasks.ImportAsync(Project, draft, Kombit, None)).Value!;

        var newest = (await store.MasterTasks.NewestAsync(Project, None)).ShouldHaveSingleItem();
        newest.Fields.Warnings.ShouldBe(draft.Warnings);
        (await store.MasterTasks.VersionAsync(Project, imported.Master.MasterKey, 1, None))!.Fields.Warnings.ShouldBe(draft.Warnings);
        (await CopyAsync(store, Furesoe, newest.Fields)).Fields.Warnings.ShouldBe(draft.Warnings);
        (await CopyAsync(store, Kommunekode.Parse("201"), newest.Fields)).Fields.Warnings.ShouldBe(draft.Warnings);
    }

    [Fact]
    public async Task ANewVersion_BringsItsOwnWarnings_ToTheCopies_WhichKeepTheirStatus()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var store = db.Rollout;
        var v1 = (await ImportAsync(store, Task23() with { Warnings = ["'Mål' læst som 'Mal' og rettet."] })).Master.Fields;
        await WrittenAsync(store, TaskCommands.SetStatus(await CopyAsync(store, Furesoe, v1), MunicipalTaskStatus.InProgress, null,
            EvidenceVerdict.NoChecks, By("pl@furesoe.dk", T0.AddDays(1))));

        var v2 = Task23() with { Goal = "Et nyt mål.", Warnings = ["'Beskrivelse' mangler."] };
        (await ImportAsync(store, v2, By("kombit@kombit.dk", T0.AddDays(2)))).Kind.ShouldBe(MasterTaskImportKind.NewVersion);

        var copy = await CopyAsync(store, Furesoe, v1);
        copy.Fields.Version.ShouldBe(2);
        copy.Fields.Warnings.ShouldBe(["'Beskrivelse' mangler."]);
        copy.Status.ShouldBe(MunicipalTaskStatus.InProgress);
        // Warnings are not content: the version's changed fields do not list them.
        copy.LastVersionChange!.ChangedFields.ShouldBe(["goal"]);
        (await store.MasterTasks.VersionAsync(Project, "id:23", 1, None))!.Fields.Warnings.ShouldBe(["'Mål' læst som 'Mal' og rettet."]);
    }

    // "Importing the same text again changes nothing": the same content with other warnings is not a new version,
    // and the version keeps the warnings of the text it was first read from.
    [Fact]
    public async Task TheSameContent_WithOtherWarnings_IsUnchanged_AndKeepsTheFirstWarnings()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var store = db.Rollout;
        var first = Task23() with { Warnings = ["'Mål' læst som 'Mal' og rettet."] };
        await ImportAsync(store, first);
        var again = await store.MasterTasks.ImportAsync(Project, Task23() with { Warnings = [] }, Fingerprint(Task23() with { Warnings = [] }), Kombit, None);
        again.Value!.Kind.ShouldBe(MasterTaskImportKind.Unchanged);
        (await store.MasterTasks.NewestAsync(Project, None)).ShouldHaveSingleItem().Fields.Warnings.ShouldBe(first.Warnings);
    }
}

[Trait("store", "sqlite")]
public sealed class MasterTaskWarningsStoreOnSqlite() : MasterTaskWarningsStoreTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class MasterTaskWarningsStoreOnPostgres() : MasterTaskWarningsStoreTests(StoreKind.Postgres);

using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Persistence.Security;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Progress;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Tests.Infrastructure;
using static FeeBridge.Server.Tests.Storage.RolloutSamples;

namespace FeeBridge.Server.Tests.Storage;

/// <summary>
/// docs/architecture.md "Reading the rollout fast": a task list reads a task's JSON only when its revision changed,
/// and progress is counted again only when its stamp changed. Several FeeBridge processes may share one database
/// (docs/architecture.md "Concurrency"), so each test writes through a second store on the same database — another
/// process, as far as the first one's caches know — and the first must see the write at its next read.
/// </summary>
public abstract class RolloutReadCacheStoreTests(StoreKind kind) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Kommunekode Furesoe = Kommunekode.Parse("190");
    private static readonly Kommunekode Alleroed = Kommunekode.Parse("201");

    private readonly string _data = TestStores.NewDataDirectory();
    private FeeBridgeStore _reader = null!;
    private FeeBridgeStore _other = null!;

    public async Task InitializeAsync()
    {
        var connection = kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null;
        _reader = FeeBridgeStore.Open(connection, _data, new CprProtector(new byte[32]));
        await _reader.MigrateAsync(None);
        _other = FeeBridgeStore.Open(connection, _data, new CprProtector(new byte[32]));
    }

    public async Task DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _other.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private Task<IReadOnlyList<MunicipalTask>> ListAsync(Kommunekode m) => _reader.Rollout.Tasks.ForMunicipalityAsync(m, Project, null, Today, None);

    [Fact]
    public async Task AList_ShowsAChangeAnotherProcessWrote_AtItsNextRead()
    {
        var v1 = (await ImportAsync(_reader.Rollout, Task23())).Master.Fields;
        await ImportAsync(_reader.Rollout, Task23(id: "26", title: "Forbered og kommunikér internt"));
        (await ListAsync(Furesoe)).ShouldAllBe(t => t.Status == MunicipalTaskStatus.NotStarted); // read once: now known

        var copy = await CopyAsync(_other.Rollout, Furesoe, v1);
        await WrittenAsync(_other.Rollout, TaskCommands.SetStatus(copy, MunicipalTaskStatus.InProgress, null, EvidenceVerdict.NoChecks, By("pl@furesoe.dk", T0.AddDays(1))));

        var listed = await ListAsync(Furesoe);
        var changed = listed.Single(t => t.TaskId == copy.TaskId);
        changed.Status.ShouldBe(MunicipalTaskStatus.InProgress);
        changed.Revision.ShouldBe(copy.Revision + 1);
        listed.Single(t => t.TaskId != copy.TaskId).Status.ShouldBe(MunicipalTaskStatus.NotStarted);
    }

    [Fact]
    public async Task AList_ShowsANewVersionAnotherProcessImported_InEveryMunicipality()
    {
        var v1 = (await ImportAsync(_reader.Rollout, Task23())).Master.Fields;
        (await ListAsync(Furesoe)).ShouldHaveSingleItem().Fields.Version.ShouldBe(1);
        (await ListAsync(Alleroed)).ShouldHaveSingleItem().Fields.Version.ShouldBe(1);

        await ImportAsync(_other.Rollout, Task23() with { Goal = "Et nyt mål." }, By("kombit@kombit.dk", T0.AddDays(1)));

        foreach (var m in new[] { Furesoe, Alleroed })
        {
            var task = (await ListAsync(m)).ShouldHaveSingleItem();
            task.Fields.Version.ShouldBe(2);
            task.Fields.Goal.ShouldBe("Et nyt mål.");
            Json(task).ShouldBe(Json(await _other.Rollout.Tasks.FindAsync(m, task.TaskId, None)));
        }
        v1.Goal.ShouldNotBe("Et nyt mål.");
    }

    // The read cache shares a version's master fields between the copies; what is listed must still be, field for
    // field, what the database holds for each task.
    [Fact]
    public async Task EveryListedTask_IsTheStoredTask_FieldForField()
    {
        var v1 = (await ImportAsync(_reader.Rollout, Task23())).Master.Fields;
        await ListAsync(Furesoe);
        var copy = await CopyAsync(_other.Rollout, Furesoe, v1);
        copy = await WrittenAsync(_other.Rollout, TaskCommands.AddNote(copy, "Møde med økonomi aftalt.", By("pl@furesoe.dk", T0.AddDays(1))));
        await WrittenAsync(_other.Rollout, TaskCommands.SetDeadline(copy, new DateOnly(2026, 3, 31), By("pl@furesoe.dk", T0.AddDays(2))));
        await _other.Rollout.Tasks.AddLocalAsync(Accepted(TaskCommands.NewLocal(MunicipalTaskIds.NewLocal(Furesoe), Furesoe,
            new LocalTaskDraft(Project, "Informér borgerservice", "Fase 2: Forberedelse", "", [], "", ""), By("pl@furesoe.dk", T0.AddDays(2)))), None);

        var listed = await ListAsync(Furesoe);
        listed.Count.ShouldBe(2);
        foreach (var task in listed) Json(task).ShouldBe(Json(await _other.Rollout.Tasks.FindAsync(Furesoe, task.TaskId, None)));
    }

    [Fact]
    public async Task Progress_IsTheSameCount_UntilSomethingItCountsChanges_ThenCountedAgain()
    {
        var v1 = (await ImportAsync(_reader.Rollout, Task23())).Master.Fields;
        var first = await _reader.Rollout.Progress.ProgressAsync(Project, Today, None);
        (await _reader.Rollout.Progress.ProgressAsync(Project, Today, None)).ShouldBeSameAs(first); // nothing changed: not counted again

        var copy = await CopyAsync(_other.Rollout, Furesoe, v1);
        await WrittenAsync(_other.Rollout, TaskCommands.SetStatus(copy, MunicipalTaskStatus.Done, null, EvidenceVerdict.NoChecks, By("pl@furesoe.dk", T0.AddDays(1))));
        var afterStatus = await _reader.Rollout.Progress.ProgressAsync(Project, Today, None);
        Of(afterStatus, Furesoe).Progress.Totals.Done.ShouldBe(Of(first, Furesoe).Progress.Totals.Done + 1);
        afterStatus.National.Totals.Done.ShouldBe(first.National.Totals.Done + 1);

        var gallery = OrganisationValidation.Validate(new OrganisationDraft(
            [new RoleDraft("projektleder", [new PersonDraft("Pia Projekt", "pia@furesoe.dk", true)])], [])).Value!;
        await _other.Rollout.Organisations.SaveAsync(Furesoe, gallery, null, By("pl@furesoe.dk", T0.AddDays(1)), None);
        var afterGallery = await _reader.Rollout.Progress.ProgressAsync(Project, Today, None);
        Of(afterGallery, Furesoe).EmptyRoles.ShouldBe(gallery.EmptyRoleCount);
        Of(afterGallery, Furesoe).EmptyRoles.ShouldNotBe(Of(afterStatus, Furesoe).EmptyRoles);
    }

    // CONTRACTS.md §6 progress counts "overdue": that moves with the day, though nothing in the database does.
    [Fact]
    public async Task Progress_IsCountedAgain_OnANewDay()
    {
        var v1 = (await ImportAsync(_reader.Rollout, Task23())).Master.Fields;
        await WrittenAsync(_reader.Rollout, TaskCommands.SetDeadline(await CopyAsync(_reader.Rollout, Alleroed, v1), Today, By("pl@alleroed.dk", T0)));

        var onTheDay = await _reader.Rollout.Progress.ProgressAsync(Project, Today, None);
        var dayAfter = await _reader.Rollout.Progress.ProgressAsync(Project, Today.AddDays(1), None);
        Of(onTheDay, Alleroed).Progress.Totals.Overdue.ShouldBe(0);
        Of(dayAfter, Alleroed).Progress.Totals.Overdue.ShouldBe(1);
        dayAfter.Today.ShouldBe(Today.AddDays(1));
    }

    // Whatever the cache holds must be what counting from scratch gives.
    [Fact]
    public async Task KeptProgress_IsWhatCountingFromScratchGives()
    {
        var v1 = (await ImportAsync(_reader.Rollout, Task23())).Master.Fields;
        await _reader.Rollout.Progress.ProgressAsync(Project, Today, None);
        await WrittenAsync(_other.Rollout, TaskCommands.SetStatus(await CopyAsync(_other.Rollout, Furesoe, v1), MunicipalTaskStatus.InProgress, null,
            EvidenceVerdict.NoChecks, By("pl@furesoe.dk", T0.AddDays(1))));
        await WrittenAsync(_other.Rollout, TaskCommands.SetDeadline(await CopyAsync(_other.Rollout, Alleroed, v1), Today.AddDays(-1), By("pl@alleroed.dk", T0)));

        var kept = await _reader.Rollout.Progress.ProgressAsync(Project, Today, None);
        var fromScratch = await _other.Rollout.Progress.ProgressAsync(Project, Today, None);
        Json(kept).ShouldBe(Json(fromScratch));
        kept.National.Totals.Overdue.ShouldBe(1);
        kept.Municipalities.Count.ShouldBe(MunicipalityRegister.Denmark.All.Count);
    }

    private static MunicipalityProgress Of(ProjectProgress p, Kommunekode m) => p.Municipalities.Single(x => x.Municipality == m);
}

[Trait("store", "sqlite")]
public sealed class RolloutReadCacheStoreOnSqlite() : RolloutReadCacheStoreTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class RolloutReadCacheStoreOnPostgres() : RolloutReadCacheStoreTests(StoreKind.Postgres);

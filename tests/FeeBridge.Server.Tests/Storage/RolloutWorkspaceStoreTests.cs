using System.Data.Common;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Klik;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Progress;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Tests.Infrastructure;
using static FeeBridge.Server.Tests.Storage.RolloutSamples;

namespace FeeBridge.Server.Tests.Storage;

/// <summary>
/// The rollout workspace's store (issue 15): master tasks versioned, every municipality's copy following them, tasks
/// changed under optimistic concurrency with an append-only history, and progress read for all 98 at once.
/// </summary>
public abstract class RolloutWorkspaceStoreTests(StoreKind kind)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly int AllMunicipalities = MunicipalityRegister.Denmark.All.Count;

    // CONTRACTS.md §6 import: "Importing the same text again changes nothing".
    [Fact]
    public async Task ImportingTheSameDraftTwice_CreatesItOnceWithACopyInEveryMunicipality_AndThenChangesNothing()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var store = db.Rollout;
        var draft = new MasterTaskDraft(Project, 23, "Etabler organisering", "Fase 2: Forberedelse", "Organisering og arbejdsgange",
            new TaskPriority(3, "anbefalet"), true, ["FBS – testbølge"], "Målet er en organisering.", null, ["Afklar organiseringen."],
            "En organisering.", "Projektleder", ["Projektejer"], [], ["'Beskrivelse' mangler."]);

        var first = (await store.MasterTasks.ImportAsync(Project, draft, Kombit, None)).Value!;
        first.Kind.ShouldBe(MasterTaskImportKind.Created);
        first.Master.Fields.Version.ShouldBe(1);
        first.Master.Fields.MasterTaskId.ShouldBe("23");
        first.Master.Fingerprint.ShouldBe(draft.Fingerprint());
        first.CopiesWritten.ShouldBe(AllMunicipalities);

        var again = (await store.MasterTasks.ImportAsync(Project, draft, By("kombit@kombit.dk", T0.AddHours(1)), None)).Value!;
        again.Kind.ShouldBe(MasterTaskImportKind.Unchanged);
        again.CopiesWritten.ShouldBe(0);
        again.Master.Fields.Version.ShouldBe(1);
        again.Master.ImportedAt.ShouldBe(T0);

        (await db.ScalarAsync("SELECT COUNT(*) FROM rollout_master_tasks")).ShouldBe(1);
        (await db.ScalarAsync("SELECT COUNT(*) FROM rollout_tasks")).ShouldBe(AllMunicipalities);
        (await db.ScalarAsync("SELECT COUNT(*) FROM rollout_task_history")).ShouldBe(AllMunicipalities);
        (await db.ScalarAsync("SELECT COUNT(DISTINCT municipality) FROM rollout_tasks")).ShouldBe(AllMunicipalities);

        var aarhus = await CopyAsync(store, Aarhus, first.Master.Fields);
        aarhus.TaskId.ShouldStartWith("751-");
        aarhus.Origin.ShouldBe(TaskOrigin.MasterCopy);
        aarhus.Status.ShouldBe(MunicipalTaskStatus.NotStarted);
        aarhus.Revision.ShouldBe(1);
        Json(aarhus.Fields).ShouldBe(Json(first.Master.Fields));
        (await store.Tasks.HistoryAsync(Aarhus, aarhus.TaskId, None)).ShouldHaveSingleItem().Field.ShouldBe("task");
    }

    // CONTRACTS.md §6: "a changed text for the same id makes a new version, and every municipality's copy follows it
    // without losing its own status and notes".
    [Fact]
    public async Task AChangedTask_MakesANewVersion_AndEveryCopyFollows_KeepingStatusDeadlineAndNotes()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var store = db.Rollout;
        var v1 = (await ImportAsync(store, Task23())).Master.Fields;
        var kk = await WrittenAsync(store, TaskCommands.SetStatus(await CopyAsync(store, Koebenhavn, v1), MunicipalTaskStatus.InProgress, null,
            EvidenceVerdict.NoChecks, By("anne.hansen@kk.dk", T0.AddDays(1))));
        kk = await WrittenAsync(store, TaskCommands.AddNote(kk, "Vi venter på økonomi.", By("anne.hansen@kk.dk", T0.AddDays(1))));
        var aarhus = await WrittenAsync(store, TaskCommands.SetDeadline(await CopyAsync(store, Aarhus, v1), new DateOnly(2026, 4, 30), By("x@aarhus.dk", T0.AddDays(1))));
        var staleAarhus = Accepted(TaskCommands.AddNote(aarhus, "Skrevet før den nye version.", By("x@aarhus.dk", T0.AddDays(2))));

        var changed = Task23() with { Goal = "Målet er en ny organisering.", Method = ["Afklar organiseringen.", "Inddrag økonomi.", "Markér opgaven som fuldført."] };
        var import = await ImportAsync(store, changed, By("kombit@kombit.dk", T0.AddDays(3)));

        import.Kind.ShouldBe(MasterTaskImportKind.NewVersion);
        import.Master.Fields.Version.ShouldBe(2);
        import.ChangedFields.ShouldBe(["goal", "method"]);
        import.CopiesWritten.ShouldBe(AllMunicipalities);
        var copies = new List<MunicipalTask>();
        foreach (var m in MunicipalityRegister.Denmark.All) copies.Add(await CopyAsync(store, m.Code, v1));
        copies.ShouldAllBe(t => t.Fields.Version == 2 && t.Fields.Goal == "Målet er en ny organisering." && t.LastVersionChange!.FromVersion == 1);
        var kkNow = copies.Single(t => t.Municipality == Koebenhavn);
        kkNow.Status.ShouldBe(MunicipalTaskStatus.InProgress);
        kkNow.Notes.ShouldHaveSingleItem().Text.ShouldBe("Vi venter på økonomi.");
        kkNow.Revision.ShouldBe(kk.Revision + 1);
        kkNow.LastVersionChange!.ChangedFields.ShouldBe(["goal", "method"]);
        copies.Single(t => t.Municipality == Aarhus).Deadline.ShouldBe(new DateOnly(2026, 4, 30));
        copies.Where(t => t.Municipality != Koebenhavn).ShouldAllBe(t => t.Status == MunicipalTaskStatus.NotStarted);

        var history = await store.Tasks.HistoryAsync(Koebenhavn, kkNow.TaskId, None);
        history.Select(h => h.Field).ShouldBe(["task", "status", "notes", "version", "master.goal", "master.method"]);
        history[3].Before.ShouldBe("1");
        history[3].After.ShouldBe("2");

        // A change prepared from the copy as it was before the new version is stale now.
        (await store.Tasks.ApplyAsync(staleAarhus, None)).Outcome.ShouldBe(TaskWriteOutcome.Conflict);

        // Both versions are kept; the newest is the one listed.
        (await store.MasterTasks.VersionAsync(Project, "id:23", 1, None))!.Fields.Goal.ShouldBe(Task23().Goal);
        (await store.MasterTasks.VersionAsync(Project, "id:23", 2, None))!.ChangedFields.ShouldBe(["goal", "method"]);
        (await store.MasterTasks.NewestAsync(Project, None)).ShouldHaveSingleItem().Fields.Version.ShouldBe(2);
        (await store.MasterTasks.VersionsAsync(Project, "id:23", None)).Select(v => v.Fields.Version).ShouldBe([1, 2]);

        // The same changed text again: nothing more.
        (await ImportAsync(store, changed, By("kombit@kombit.dk", T0.AddDays(4)))).Kind.ShouldBe(MasterTaskImportKind.Unchanged);
        (await store.Tasks.HistoryAsync(Koebenhavn, kkNow.TaskId, None)).Count.ShouldBe(history.Count);
    }

    [Fact]
    public async Task ATaskWithoutAnId_IsKeyedByItsTitle_SoAChangedTitleIsAnotherTask()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var store = db.Rollout;
        var untitled = Task23(id: null);
        (await ImportAsync(store, untitled)).Kind.ShouldBe(MasterTaskImportKind.Created);
        var goal = await ImportAsync(store, untitled with { Goal = "Et andet mål." });
        goal.Kind.ShouldBe(MasterTaskImportKind.NewVersion);
        goal.Master.MasterKey.ShouldBe("title:Etabler organisering");
        (await ImportAsync(store, untitled with { Title = "Etabler organiseringen" })).Kind.ShouldBe(MasterTaskImportKind.Created);

        (await store.MasterTasks.NewestAsync(Project, None)).Select(m => (m.Fields.Title, m.Fields.Version))
            .ShouldBe([("Etabler organisering", 2), ("Etabler organiseringen", 1)]);
        (await db.ScalarAsync("SELECT COUNT(*) FROM rollout_tasks")).ShouldBe(2 * AllMunicipalities);
    }

    [Fact]
    public async Task AnImportWithoutATitle_OrOfAnotherProject_IsRefused_AndWritesNothing()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var store = db.Rollout;
        var noTitle = await store.MasterTasks.ImportAsync(Project, Task23() with { Title = " " }, "f1", Kombit, None);
        noTitle.Refusals.ShouldHaveSingleItem().Field.ShouldBe("title");
        var other = await store.MasterTasks.ImportAsync("fbs2", Task23(), "f2", Kombit, None);
        other.Refusals.ShouldHaveSingleItem().Field.ShouldBe("project");
        (await db.ScalarAsync("SELECT COUNT(*) FROM rollout_master_tasks")).ShouldBe(0);
        (await db.ScalarAsync("SELECT COUNT(*) FROM rollout_tasks")).ShouldBe(0);
    }

    [Fact]
    public async Task ConcurrentImportsOfOneNewTask_CreateItOnce()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var start = new TaskCompletionSource();
        var imports = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await ImportAsync(db.Rollout, Task23());
        })).ToList();
        start.SetResult();
        var kinds = (await Task.WhenAll(imports)).Select(i => i.Kind).ToList();

        kinds.Count(k => k == MasterTaskImportKind.Created).ShouldBe(1);
        kinds.Count(k => k == MasterTaskImportKind.Unchanged).ShouldBe(3);
        (await db.ScalarAsync("SELECT COUNT(*) FROM rollout_tasks")).ShouldBe(AllMunicipalities);
    }

    // Optimistic concurrency on the task's revision: a change made from a task someone has changed since is refused.
    [Fact]
    public async Task AChangeFromAStaleRevision_IsAConflict_AndNothingOfItIsWritten()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var store = db.Rollout;
        var master = (await ImportAsync(store, Task23())).Master.Fields;
        var read = await CopyAsync(store, Koebenhavn, master);

        var first = await store.Tasks.ApplyAsync(Accepted(TaskCommands.SetStatus(read, MunicipalTaskStatus.InProgress, null, EvidenceVerdict.NoChecks,
            By("anne.hansen@kk.dk", T0.AddHours(1)))), None);
        var second = await store.Tasks.ApplyAsync(Accepted(TaskCommands.AddNote(read, "Fra den gamle udgave.", By("bo@kk.dk", T0.AddHours(2)))), None);

        first.Outcome.ShouldBe(TaskWriteOutcome.Written);
        second.Outcome.ShouldBe(TaskWriteOutcome.Conflict);
        second.Problem.ShouldNotBeNull().ShouldContain("revision 1, nu 2");
        second.Task!.Status.ShouldBe(MunicipalTaskStatus.InProgress);
        var stored = await CopyAsync(store, Koebenhavn, master);
        stored.Revision.ShouldBe(2);
        stored.Notes.ShouldBeEmpty();
        (await store.Tasks.HistoryAsync(Koebenhavn, read.TaskId, None)).Select(h => h.Field).ShouldBe(["task", "status"]);

        // Asking for what already is: nothing written, whatever the revision.
        var same = await store.Tasks.ApplyAsync(Accepted(TaskCommands.SetStatus(read, MunicipalTaskStatus.NotStarted, null, EvidenceVerdict.NoChecks,
            By("bo@kk.dk", T0.AddHours(3)))), None);
        same.Outcome.ShouldBe(TaskWriteOutcome.Unchanged);
        same.Task!.Revision.ShouldBe(2);
    }

    [Fact]
    public async Task AChangeOfAnotherMunicipalitysTask_IsNotFound()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var store = db.Rollout;
        var master = (await ImportAsync(store, Task23())).Master.Fields;
        var kk = await CopyAsync(store, Koebenhavn, master);
        var moved = Accepted(TaskCommands.AddNote(kk with { Municipality = Aarhus }, "Forkert kommune.", By("x@aarhus.dk", T0)));
        (await store.Tasks.ApplyAsync(moved, None)).Outcome.ShouldBe(TaskWriteOutcome.NotFound);
        (await store.Tasks.FindAsync(Aarhus, kk.TaskId, None)).ShouldBeNull();
        (await store.Tasks.HistoryAsync(Aarhus, kk.TaskId, None)).ShouldBeEmpty();
    }

    // TaskHistoryEntry: "The store appends these and never rewrites them".
    [Fact]
    public async Task TheHistory_OnlyGrows_AndTheDatabaseRefusesToChangeOrRemoveAnEntry()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var store = db.Rollout;
        var task = await CopyAsync(store, Koebenhavn, (await ImportAsync(store, Task23())).Master.Fields);
        var snapshots = new List<IReadOnlyList<TaskHistoryEntry>> { await store.Tasks.HistoryAsync(Koebenhavn, task.TaskId, None) };
        var at = T0;
        foreach (var command in new Func<MunicipalTask, Outcome<TaskChange>>[]
        {
            t => TaskCommands.SetDeadline(t, new DateOnly(2026, 5, 1), By("anne.hansen@kk.dk", at = at.AddHours(1))),
            t => TaskCommands.SetStatus(t, MunicipalTaskStatus.NotRelevant, "Ikke aktuelt hos os.", EvidenceVerdict.NoChecks, By("anne.hansen@kk.dk", at = at.AddHours(1))),
            t => TaskCommands.SetStatus(t, MunicipalTaskStatus.InProgress, null, EvidenceVerdict.NoChecks, By("anne.hansen@kk.dk", at = at.AddHours(1))),
        })
        {
            task = await WrittenAsync(store, command(task));
            snapshots.Add(await store.Tasks.HistoryAsync(Koebenhavn, task.TaskId, None));
        }

        for (var i = 1; i < snapshots.Count; i++)
        {
            snapshots[i].Count.ShouldBeGreaterThan(snapshots[i - 1].Count);
            snapshots[i].Take(snapshots[i - 1].Count).ShouldBe(snapshots[i - 1]);
        }
        snapshots[^1].Select(h => (h.Field, h.After)).ShouldBe([
            ("task", "kopi af masteropgave 23 version 1"), ("deadline", "2026-05-01"), ("status", "not-relevant"),
            ("notRelevantReason", "Ikke aktuelt hos os."), ("status", "in-progress"), ("notRelevantReason", null)]);

        await Should.ThrowAsync<DbException>(() => db.ExecAsync("UPDATE rollout_task_history SET who = 'someone else'"));
        await Should.ThrowAsync<DbException>(() => db.ExecAsync("DELETE FROM rollout_task_history"));
        (await store.Tasks.HistoryAsync(Koebenhavn, task.TaskId, None)).ShouldBe(snapshots[^1]);
    }

    [Fact]
    public async Task AMunicipalitysList_HasItsCopiesAndLocalTasks_FilteredByProjectStatusPersonAndOverdue()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var store = db.Rollout;
        var t23 = (await ImportAsync(store, Task23())).Master.Fields;
        var t26 = (await ImportAsync(store, Task23(id: "26", title: "Intern kommunikation", phase: "Fase 3: Test"))).Master.Fields;
        await WrittenAsync(store, TaskCommands.SetStatus(await CopyAsync(store, Koebenhavn, t23), MunicipalTaskStatus.InProgress, null,
            EvidenceVerdict.NoChecks, By("anne.hansen@kk.dk", T0)));
        var late = await WrittenAsync(store, TaskCommands.SetDeadline(await CopyAsync(store, Koebenhavn, t26), Today.AddDays(-1), By("anne.hansen@kk.dk", T0)));
        await WrittenAsync(store, TaskCommands.SetAccountable(late, Anne, Gallery(), By("anne.hansen@kk.dk", T0)));
        var localId = MunicipalTaskIds.NewLocal(Koebenhavn);
        var local = Accepted(TaskCommands.NewLocal(localId, Koebenhavn, new LocalTaskDraft(Project, "Fortæl borgerservice om ændringen",
            Phase: "Fase 3: Test"), By("anne.hansen@kk.dk", T0)));
        (await store.Tasks.AddLocalAsync(local, None)).Outcome.ShouldBe(TaskWriteOutcome.Written);
        (await store.Tasks.AddLocalAsync(local, None)).Outcome.ShouldBe(TaskWriteOutcome.Exists);

        async Task<IReadOnlyList<string>> Titles(string? project, TaskFilter? filter) =>
            [.. (await store.Tasks.ForMunicipalityAsync(Koebenhavn, project, filter, Today, None)).Select(t => t.Fields.Title)];

        (await Titles(null, null)).ShouldBe(["Etabler organisering", "Intern kommunikation", "Fortæl borgerservice om ændringen"]);
        (await Titles(Project, new TaskFilter(Status: MunicipalTaskStatus.InProgress))).ShouldBe(["Etabler organisering"]);
        (await Titles(Project, new TaskFilter(Phase: "Fase 3: Test"))).ShouldBe(["Intern kommunikation", "Fortæl borgerservice om ændringen"]);
        (await Titles(Project, new TaskFilter(OverdueOnly: true))).ShouldBe(["Intern kommunikation"]);
        (await Titles(Project, new TaskFilter(Person: Anne))).ShouldBe(["Intern kommunikation"]);
        (await Titles("fbs2", null)).ShouldBeEmpty();
        (await store.Tasks.ForMunicipalityAsync(Aarhus, Project, null, Today, None)).Select(t => t.Origin).ShouldAllBe(o => o == TaskOrigin.MasterCopy);
        (await store.Tasks.FindAsync(Aarhus, localId, None)).ShouldBeNull();
        Json((await store.Tasks.FindAsync(Koebenhavn, localId, None))!).ShouldBe(Json(local.Task));
        (await store.Tasks.OpenWithDeadlineAsync(None)).Select(t => t.TaskId).ShouldBe([late.TaskId]);
    }

    [Fact]
    public async Task AnAttachedFile_IsKeptWithItsBytes_AndDetachingMarksItRemoved_WhileItsHistoryStays()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var store = db.Rollout;
        var task = await CopyAsync(store, Koebenhavn, (await ImportAsync(store, Task23())).Master.Fields);
        var bytes = "Kommunikationsplan\nMøde med ledelsen 12. marts.\n"u8.ToArray();
        var file = AttachmentInspector.Inspect("plan.txt", "text/plain", bytes, AttachmentPolicy.Default).Value!;
        var attach = Accepted(TaskCommands.Attach(task, file, By("anne.hansen@kk.dk", T0.AddHours(1))));

        await Should.ThrowAsync<ArgumentException>(() => store.Tasks.AttachAsync(attach, "other bytes"u8.ToArray(), None));
        await Should.ThrowAsync<ArgumentException>(() => store.Tasks.ApplyAsync(attach, None));
        (await store.Tasks.AttachAsync(attach, bytes, None)).Outcome.ShouldBe(TaskWriteOutcome.Written);
        (await store.Tasks.AttachmentContentAsync(Koebenhavn, task.TaskId, file.Sha256, None)).ShouldBe(bytes);
        (await store.Tasks.AttachmentContentAsync(Aarhus, task.TaskId, file.Sha256, None)).ShouldBeNull();

        var attached = attach.Task;
        var detached = await WrittenAsync(store, TaskCommands.Detach(attached, file.Sha256, By("anne.hansen@kk.dk", T0.AddHours(2))));
        detached.Attachments.ShouldBeEmpty();
        (await store.Tasks.AttachmentContentAsync(Koebenhavn, task.TaskId, file.Sha256, None)).ShouldBeNull();
        var kept = (await store.Tasks.AttachmentsAsync(Koebenhavn, task.TaskId, None)).ShouldHaveSingleItem();
        kept.File.ShouldBe(file);
        kept.AttachedBy.ShouldBe("anne.hansen@kk.dk");
        kept.RemovedAt.ShouldBe(T0.AddHours(2));
        kept.Current.ShouldBeFalse();
        (await store.Tasks.HistoryAsync(Koebenhavn, task.TaskId, None)).Where(h => h.Field == "attachments").Select(h => h.After is null)
            .ShouldBe([false, true]);

        // The same file again after removal is a new attachment.
        var again = Accepted(TaskCommands.Attach(detached, file, By("anne.hansen@kk.dk", T0.AddHours(3))));
        (await store.Tasks.AttachAsync(again, bytes, None)).Outcome.ShouldBe(TaskWriteOutcome.Written);
        (await store.Tasks.AttachmentsAsync(Koebenhavn, task.TaskId, None)).Select(a => a.Current).ShouldBe([false, true]);
    }

    // The progress read (two queries for all 98) must count as ProgressCalculator counts the full tasks.
    [Fact]
    public async Task ProgressReadForAllMunicipalities_EqualsTheCalculatorOverTheSameTasks()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var store = db.Rollout;
        var masters = new[]
        {
            (await ImportAsync(store, Task23())).Master.Fields,
            (await ImportAsync(store, Task23(id: "26", title: "Intern kommunikation", phase: "Fase 3: Test", waves: ["Bølge 1", "Bølge 2"]))).Master.Fields,
            (await ImportAsync(store, Task23(id: "27", title: "Ekstern kommunikation", phase: "", waves: []))).Master.Fields,
        };
        // Another project's task has copies too, and is not counted.
        (await store.MasterTasks.ImportAsync("fbs2", Task23(id: "99") with { Project = "fbs2" }, "fbs2-99", Kombit, None)).IsAccepted.ShouldBeTrue();
        var codes = MunicipalityRegister.Denmark.All.Select(m => m.Code).ToList();
        var actor = By("anne.hansen@kk.dk", T0);
        for (var i = 0; i < codes.Count; i += 3)
        {
            var code = codes[i];
            var status = (i / 3 % 4) switch
            {
                0 => MunicipalTaskStatus.Done,
                1 => MunicipalTaskStatus.InProgress,
                2 => MunicipalTaskStatus.NotRelevant,
                _ => MunicipalTaskStatus.NotStarted,
            };
            var copy = await CopyAsync(store, code, masters[i % 3]);
            copy = await WrittenAsync(store, TaskCommands.SetDeadline(copy, Today.AddDays(i / 3 % 5 < 3 ? -2 : 5), actor));
            if (status != MunicipalTaskStatus.NotStarted)
                await WrittenAsync(store, TaskCommands.SetStatus(copy, status, status == MunicipalTaskStatus.NotRelevant ? "Ikke aktuelt." : null, EvidenceVerdict.NoChecks, actor));
        }
        (await store.Tasks.AddLocalAsync(Accepted(TaskCommands.NewLocal(MunicipalTaskIds.NewLocal(Koebenhavn), Koebenhavn,
            new LocalTaskDraft(Project, "Egen opgave"), actor)), None)).Outcome.ShouldBe(TaskWriteOutcome.Written);
        (await store.Organisations.SaveAsync(Koebenhavn, Gallery(), null, actor, None)).Saved.ShouldBeTrue();

        var progress = await store.Progress.ProgressAsync(Project, Today, None);

        var tasks = new List<MunicipalTask>();
        foreach (var code in codes) tasks.AddRange(await store.Tasks.ForMunicipalityAsync(code, null, null, Today, None));
        // A municipality without a saved gallery has every role empty.
        var emptyRoles = codes.ToDictionary(c => c, c => c == Koebenhavn ? Gallery().EmptyRoleCount : MunicipalOrganisation.Empty.EmptyRoleCount);
        var expected = ProgressCalculator.For(Project, tasks, Today, emptyRoles, codes);
        Json(progress).ShouldBe(Json(expected));
        progress.Municipalities.Count.ShouldBe(AllMunicipalities);
        progress.National.Totals.AllTasks.ShouldBe(3 * AllMunicipalities);
        progress.National.Totals.Done.ShouldBe(tasks.Count(t => t.Origin == TaskOrigin.MasterCopy && t.Fields.Project == Project && t.Status == MunicipalTaskStatus.Done));
        progress.National.Totals.Done.ShouldBeGreaterThan(0);
        progress.National.Totals.Overdue.ShouldBeGreaterThan(0);
        progress.EmptyRoles.ShouldBe(emptyRoles.Values.Sum());
    }
}

[Trait("store", "sqlite")]
public sealed class RolloutWorkspaceStoreOnSqlite() : RolloutWorkspaceStoreTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class RolloutWorkspaceStoreOnPostgres() : RolloutWorkspaceStoreTests(StoreKind.Postgres);

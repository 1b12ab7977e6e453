using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static FeeBridge.Rollout.Tests.Workspace.Fixtures;

namespace FeeBridge.Rollout.Tests.Workspace;

/// <summary>
/// CONTRACTS.md §6: "a changed text for the same id makes a new version, and every municipality's copy follows it
/// without losing its own status and notes".
/// </summary>
public sealed class FollowNewVersionTests
{
    private static readonly TaskActor Kombit = By("kombit", T0.AddDays(30));

    private static MunicipalTask Worked() => Copy() with
    {
        Status = MunicipalTaskStatus.InProgress, Accountable = Anne, Performer = Bo, Deadline = new DateOnly(2026, 4, 1),
        Notes = [new TaskNote("bo@kk.dk", T0, "Halvvejs")],
        Attachments = [new AttachmentMetadata("plan.pdf", "application/pdf", 10, new string('b', 64))],
    };

    [Fact]
    public void TheCopy_TakesTheNewMasterFields_KeepsItsOwnWork_AndRecordsWhatChanged()
    {
        var task = Worked();
        var v2 = Task23(2) with { Goal = "Et nyt mål.", Method = [.. Task23().Method.SkipLast(1), "Upload organisationsdiagram.", "Markér opgaven som fuldført."] };
        var outcome = TaskCommands.FollowNewVersion(task, v2, Kombit);
        var followed = Accepted(outcome);

        followed.Fields.ShouldBe(v2);
        (followed.Status, followed.Accountable, followed.Performer, followed.Deadline).ShouldBe((task.Status, task.Accountable, task.Performer, task.Deadline));
        followed.Notes.ShouldBe(task.Notes);
        followed.Attachments.ShouldBe(task.Attachments);
        followed.LastVersionChange.ShouldBe(new VersionChange(1, 2, ["goal", "method"], Kombit.At), new VersionChangeComparer());
        outcome.Value!.Entries.Select(e => e.Field).ShouldBe(["version", "master.goal", "master.method"]);
        outcome.Value.Entries[0].ShouldBe(new TaskHistoryEntry("t-23", "kombit", Kombit.At, "version", "1", "2"));
        outcome.Value.Entries[1].After.ShouldBe("Et nyt mål.");
    }

    [Fact]
    public void TheSameVersionWithTheSameContent_ChangesNothing() =>
        TaskCommands.FollowNewVersion(Worked(), Task23(1), Kombit).Value!.Changed.ShouldBeFalse();

    [Fact]
    public void TheSameVersionWithOtherContent_IsRefused() =>
        RefusedOn(TaskCommands.FollowNewVersion(Worked(), Task23(1) with { Title = "Andet" }, Kombit), "version").Reason.ShouldContain("nyt versionsnummer");

    [Fact]
    public void AnOlderVersion_IsRefused()
    {
        var atV3 = Accepted(TaskCommands.FollowNewVersion(Worked(), Task23(3), Kombit));
        RefusedOn(TaskCommands.FollowNewVersion(atV3, Task23(2), Kombit), "version").Reason.ShouldContain("ældre");
    }

    [Fact]
    public void AVersionOfAnotherMasterTask_IsRefused()
    {
        RefusedOn(TaskCommands.FollowNewVersion(Worked(), Task23(2) with { MasterTaskId = "26" }, Kombit), "masterTaskId");
        RefusedOn(TaskCommands.FollowNewVersion(Worked(), Task23(2) with { Project = "Ydelsesrefusion" }, Kombit), "masterTaskId");
    }

    [Fact]
    public void ALocalTask_FollowsNoMaster()
    {
        var local = Accepted(TaskCommands.NewLocal("l-1", Koebenhavn, new LocalTaskDraft(Project, "Plakater"), By()));
        RefusedOn(TaskCommands.FollowNewVersion(local, Task23(2), Kombit), "version");
    }

    [Property(MaxTest = 300)]
    public Property FollowingANewVersion_NeverChangesStatusPeopleDeadlineOrNotes() =>
        Prop.ForAll(WorkedTasks().ToArbitrary(), Modifications().ToArbitrary(), Gen.Choose(1, 5).ToArbitrary(), (task, modified, step) =>
        {
            var next = Modify(task.Fields, modified) with { Version = task.Fields.Version + step };
            var followed = TaskCommands.FollowNewVersion(task, next, Kombit).Value!.Task;
            return followed.Status == task.Status && followed.NotRelevantReason == task.NotRelevantReason
                && followed.Accountable == task.Accountable && followed.Performer == task.Performer
                && followed.Deadline == task.Deadline && followed.Notes.SequenceEqual(task.Notes)
                && followed.Attachments.SequenceEqual(task.Attachments) && followed.EvidenceOverride == task.EvidenceOverride
                && followed.Fields == next;
        });

    [Property(MaxTest = 300)]
    public Property TheChangedFields_AreExactlyTheFieldsThatDiffer() =>
        Prop.ForAll(Modifications().ToArbitrary(), modified =>
        {
            var v2 = Modify(Task23(1), modified) with { Version = 2 };
            var changed = TaskCommands.FollowNewVersion(Worked(), v2, Kombit).Value!.Task.LastVersionChange!.ChangedFields;
            return changed.SequenceEqual(MasterTaskFieldsComparison.ContentFields.Where(modified.Contains));
        });

    private static Gen<MunicipalTask> WorkedTasks() =>
        from status in Gen.Elements(Enum.GetValues<MunicipalTaskStatus>())
        from accountable in Gen.Elements<EmailAddress?>(null, Anne, Bo)
        from performer in Gen.Elements<EmailAddress?>(null, Anne, Bo)
        from days in Gen.Choose(-400, 400)
        from hasDeadline in Gen.Elements(true, false)
        from notes in Gen.ListOf(Gen.Elements("Møde holdt", "Afventer økonomi", "Ring til KOMBIT"))
        select Worked() with
        {
            Status = status,
            NotRelevantReason = status == MunicipalTaskStatus.NotRelevant ? "Ikke aktuelt" : null,
            EvidenceOverride = status == MunicipalTaskStatus.Done ? new EvidenceOverride("anne", T0, "Manuelt", [EvidenceCheckId.LoopTimeMeasured]) : null,
            Accountable = accountable,
            Performer = performer,
            Deadline = hasDeadline ? new DateOnly(2026, 3, 1).AddDays(days) : null,
            Notes = [.. notes.Select(n => new TaskNote("bo@kk.dk", T0, n))],
        };

    private static Gen<string[]> Modifications() => Gen.SubListOf(MasterTaskFieldsComparison.ContentFields.ToArray()).Select(l => l.ToArray());

    // Changes each named field to a value that surely differs from task 23's.
    private static MasterTaskFields Modify(MasterTaskFields f, IReadOnlyCollection<string> fields)
    {
        foreach (var field in fields)
        {
            f = field switch
            {
                "title" => f with { Title = f.Title + " (ændret)" },
                "phase" => f with { Phase = "Fase 3: Test" },
                "theme" => f with { Theme = "Kommunikation" },
                "priority" => f with { Priority = new MasterTaskPriority(1, "obligatorisk") },
                "infrastructure" => f with { Infrastructure = !f.Infrastructure },
                "waves" => f with { Waves = [.. f.Waves, "Bølge 2"] },
                "goal" => f with { Goal = f.Goal + " Nyt." },
                "description" => f with { Description = f.Description + "\n\nNyt afsnit." },
                "method" => f with { Method = [.. f.Method.Skip(1)] },
                "result" => f with { Result = "" },
                "recommendedPerformer" => f with { RecommendedPerformer = "Projektejer" },
                "involvedParties" => f with { InvolvedParties = [.. f.InvolvedParties.Reverse()] },
                "links" => f with { Links = ["https://kombit.dk/fbsfaq"] },
                _ => throw new ArgumentOutOfRangeException(nameof(fields), field, null),
            };
        }
        return f;
    }

    private sealed class VersionChangeComparer : IEqualityComparer<VersionChange>
    {
        public bool Equals(VersionChange? a, VersionChange? b) =>
            a is not null && b is not null && a.FromVersion == b.FromVersion && a.ToVersion == b.ToVersion && a.At == b.At && a.ChangedFields.SequenceEqual(b.ChangedFields);
        public int GetHashCode(VersionChange v) => v.ToVersion;
    }
}

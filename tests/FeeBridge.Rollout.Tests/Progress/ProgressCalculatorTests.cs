using FeeBridge.Rollout.Progress;
using FeeBridge.Rollout.Workspace;
using static FeeBridge.Rollout.Tests.Workspace.Fixtures;

namespace FeeBridge.Rollout.Tests.Progress;

/// <summary>CONTRACTS.md §6 progress: "per municipality: tasks done / total, overdue, by phase, theme and wave; the national totals".</summary>
public sealed class ProgressCalculatorTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static MunicipalTask Task(Kommunekode municipality, string id, MunicipalTaskStatus status, string phase = "Fase 2: Forberedelse",
        string theme = "Organisering og arbejdsgange", string[]? waves = null, DateOnly? deadline = null, string project = Project) =>
        Copy(Master(id, "Opgave " + id, phase, theme, waves ?? ["Testbølge"], project), $"{municipality}-{id}", municipality) with
        {
            Status = status, Deadline = deadline, NotRelevantReason = status == MunicipalTaskStatus.NotRelevant ? "Ikke aktuelt" : null,
        };

    private static readonly MunicipalTask[] Tasks =
    [
        Task(Koebenhavn, "23", MunicipalTaskStatus.Done),
        Task(Koebenhavn, "26", MunicipalTaskStatus.InProgress, theme: "Kommunikation", deadline: Today.AddDays(-1)),
        Task(Koebenhavn, "27", MunicipalTaskStatus.NotRelevant, theme: "Kommunikation", deadline: Today.AddDays(-1)),
        Task(Koebenhavn, "40", MunicipalTaskStatus.NotStarted, phase: "Fase 3: Test", waves: ["Testbølge", "Bølge 1"], deadline: Today),
        Task(Aarhus, "23", MunicipalTaskStatus.Done),
        Task(Aarhus, "26", MunicipalTaskStatus.Done, theme: "Kommunikation"),
        Task(Aarhus, "99", MunicipalTaskStatus.NotStarted, project: "Ydelsesrefusion"),
    ];

    [Fact]
    public void NotRelevantTasks_AreLeftOutOfDoneAndTotal_AndCountedApart()
    {
        var kk = Row(ProgressCalculator.For(Project, Tasks, Today), Koebenhavn).Progress.Totals;
        kk.ShouldBe(new ProgressCounts(Total: 3, Done: 1, InProgress: 1, NotStarted: 1, NotRelevant: 1, Overdue: 1));
        kk.AllTasks.ShouldBe(4);
        kk.ShareDone.ShouldBe(1.0 / 3);
    }

    [Fact]
    public void Overdue_CountsOpenTasksWhoseDeadlineHasPassed()
    {
        // 26 is overdue; 27 passed its deadline but is not relevant; 40's deadline is today.
        Row(ProgressCalculator.For(Project, Tasks, Today), Koebenhavn).Progress.Totals.Overdue.ShouldBe(1);
        Row(ProgressCalculator.For(Project, Tasks, Today.AddDays(1)), Koebenhavn).Progress.Totals.Overdue.ShouldBe(2);
    }

    [Fact]
    public void ByPhaseThemeAndWave_ATaskInTwoWaves_CountsInBoth()
    {
        var kk = Row(ProgressCalculator.For(Project, Tasks, Today), Koebenhavn).Progress;
        kk.ByPhase.Select(g => (g.Group, g.Counts.Total)).ShouldBe([("Fase 2: Forberedelse", 2), ("Fase 3: Test", 1)]);
        kk.ByTheme.Select(g => (g.Group, g.Counts.Done, g.Counts.Total, g.Counts.NotRelevant)).ShouldBe(
            [("Kommunikation", 0, 1, 1), ("Organisering og arbejdsgange", 1, 2, 0)]);
        kk.ByWave.Select(g => (g.Group, g.Counts.AllTasks)).ShouldBe([("Bølge 1", 1), ("Testbølge", 4)]);
    }

    [Fact]
    public void TheNationalTotals_AreTheSumOfTheMunicipalities_OfThisProjectOnly()
    {
        var progress = ProgressCalculator.For(Project, Tasks, Today);
        progress.National.Totals.ShouldBe(progress.Municipalities.Select(m => m.Progress.Totals).Aggregate(ProgressCounts.Zero, (a, b) => a + b));
        progress.National.Totals.Total.ShouldBe(5); // Aarhus's Ydelsesrefusion task is another project's
        progress.MunicipalitiesComplete.ShouldBe(1); // Aarhus: both of its tasks done
        progress.National.ByTheme.Single(g => g.Group == "Kommunikation").Counts.Done.ShouldBe(1);
    }

    [Fact]
    public void LocalTasks_DoNotCount()
    {
        var local = Accepted(TaskCommands.NewLocal("l-1", Koebenhavn, new LocalTaskDraft(Project, "Plakater"), By()));
        ProgressCalculator.For(Project, [.. Tasks, local], Today).National.Totals.AllTasks.ShouldBe(6);
    }

    [Fact]
    public void EmptyRoles_ArePassedIn_AndMunicipalitiesWithoutTasksAreListed()
    {
        var odense = Kommunekode.Parse("461");
        var progress = ProgressCalculator.For(Project, Tasks, Today,
            new Dictionary<Kommunekode, int> { [Koebenhavn] = 0, [odense] = 8 }, [Aarhus, odense, Kommunekode.Parse("851")]);
        progress.Municipalities.Select(m => (m.Municipality.Value, m.EmptyRoles)).ShouldBe([("101", 0), ("461", 8), ("751", null), ("851", null)]);
        Row(progress, odense).Progress.Totals.ShouldBe(ProgressCounts.Zero);
        Row(progress, odense).Progress.Totals.ShareDone.ShouldBeNull();
        (progress.EmptyRoles, progress.MunicipalitiesWithEmptyRoles).ShouldBe((8, 1));
    }

    [Fact]
    public void TasksWithoutPhaseThemeOrWave_AreGroupedAsSuch()
    {
        var bare = Task(Koebenhavn, "50", MunicipalTaskStatus.NotStarted, phase: "", theme: " ", waves: []);
        var row = Row(ProgressCalculator.For(Project, [bare], Today), Koebenhavn).Progress;
        (row.ByPhase.Single().Group, row.ByTheme.Single().Group, row.ByWave.Single().Group)
            .ShouldBe((ProgressCalculator.NoPhase, ProgressCalculator.NoTheme, ProgressCalculator.NoWave));
    }

    private static MunicipalityProgress Row(ProjectProgress progress, Kommunekode code) => progress.Municipalities.Single(m => m.Municipality == code);
}

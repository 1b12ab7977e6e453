using FeeBridge.Rollout.Workspace;
using static FeeBridge.Rollout.Tests.Workspace.Fixtures;

namespace FeeBridge.Rollout.Tests.Workspace;

/// <summary>Filtering the workspace list by phase, theme, wave, status, person and overdue.</summary>
public sealed class TaskFilterTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static readonly MunicipalTask Organise = Copy(Master("23", "Etabler organisering", waves: ["Bølge 1", "Bølge 2"]), "a") with
    {
        Accountable = Anne, Deadline = Today.AddDays(-1), Status = MunicipalTaskStatus.InProgress,
    };
    private static readonly MunicipalTask Inform = Copy(Master("26", "Forbered og kommunikér internt", theme: "Kommunikation", waves: ["Bølge 2"]), "b") with
    {
        Performer = Anne, Deadline = Today,
    };
    private static readonly MunicipalTask Test = Copy(Master("40", "Test integrationen", phase: "Fase 3: Test", waves: ["Bølge 3"]), "c") with
    {
        Performer = Bo, Deadline = Today.AddDays(-5), Status = MunicipalTaskStatus.Done,
    };
    private static readonly MunicipalTask[] All = [Organise, Inform, Test];

    [Fact]
    public void NoCriteria_LetsEveryTaskThrough() => Ids(new TaskFilter()).ShouldBe(["a", "b", "c"]);

    [Fact]
    public void ByPhase_MatchesThePhaseTextExactly() => Ids(new TaskFilter(Phase: "Fase 3: Test")).ShouldBe(["c"]);

    [Fact]
    public void ByTheme() => Ids(new TaskFilter(Theme: "Kommunikation")).ShouldBe(["b"]);

    [Fact]
    public void ByWave_MatchesWhenTheWaveIsOneOfTheTasksWaves() => Ids(new TaskFilter(Wave: "Bølge 2")).ShouldBe(["a", "b"]);

    [Fact]
    public void ByStatus() => Ids(new TaskFilter(Status: MunicipalTaskStatus.NotStarted)).ShouldBe(["b"]);

    [Fact]
    public void ByPerson_MatchesAccountableOrPerformer() => Ids(new TaskFilter(Person: Anne)).ShouldBe(["a", "b"]);

    [Fact]
    public void Overdue_IsADeadlineBeforeToday_OnATaskNotDoneOrNotRelevant()
    {
        // The deadline day itself is not overdue (b); a done task is never overdue (c).
        Ids(new TaskFilter(OverdueOnly: true)).ShouldBe(["a"]);
        (Organise with { Status = MunicipalTaskStatus.NotRelevant }).IsOverdue(Today).ShouldBeFalse();
        Inform.IsOverdue(Today.AddDays(1)).ShouldBeTrue();
    }

    [Fact]
    public void CriteriaCombine() => Ids(new TaskFilter(Person: Anne, Wave: "Bølge 1")).ShouldBe(["a"]);

    private static IReadOnlyList<string> Ids(TaskFilter filter) => [.. filter.Apply(All, Today).Select(t => t.TaskId)];
}

using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Workflow;
using static FeeBridge.Rollout.Tests.Workflow.WorkflowFacts;

namespace FeeBridge.Rollout.Tests.Workflow;

/// <summary>
/// Issue 16 part 6: "the moments that change: a fee arises, a citizen pays, a reminder, a compensation claim, an item
/// turns up, a CPR change; 'before' with the night runs and the up-to-72-hours wait, 'after' with FeeBridge's measured
/// seconds, the agencies' cut-over dates and the municipality's rules in the labels."
/// </summary>
public sealed class ChangedWorkflowTests
{
    private static IEnumerable<string> Labels(ChangedWorkflow w) =>
        w.Moments.SelectMany(m => m.Steps.Select(s => s.Label).Concat(m.Flows.Select(f => f.Label ?? "")));

    private static string Everything(ChangedWorkflow w) =>
        string.Join("\n", Labels(w).Concat(w.Moments.SelectMany(m => m.Steps.Select(s => s.Documentation ?? ""))).Concat(w.Lanes.Select(l => l.Text)));

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(WorkflowFacts))]
    public void BothVariants_HaveTheSixMoments_AllSevenLanes_AndAreDrawable(string code)
    {
        foreach (var variant in Enum.GetValues<WorkflowVariant>())
        {
            var w = ChangedWorkflows.Build(Of(code), variant);
            WorkflowRules.Problems(w).ShouldBeEmpty();
            w.Moments.Select(m => m.Title).ShouldBe(["1. Et gebyr opstår", "2. Borgeren betaler", "3. En rykker", "4. Et erstatningskrav",
                "5. Materialet dukker op", "6. Nyt CPR-nummer"]);
            w.Lanes.Select(l => l.Lane).ShouldBe(WorkflowLanes.All);
            w.Lanes.ShouldAllBe(l => l.Text.Length > 20);
        }
    }

    [Fact]
    public void Before_HasTheNightRunAndTheWaitOfUpTo72Hours_AndNoFeeBridgeOrCollection()
    {
        // DOMAIN.md §2: "Today payment data reaches FBS only in weekday night runs … up to 72 hours".
        var before = ChangedWorkflows.Build(Hørsholm, WorkflowVariant.Before);
        var steps = before.Moments.SelectMany(m => m.Steps).ToList();
        steps.ShouldContain(s => s.Kind == StepKind.TimerWait && s.Label.Contains("72 timer"));
        steps.ShouldNotContain(s => s.Lane == WorkflowLane.FeeBridge || s.Lane == WorkflowLane.Collector);
        Labels(before).ShouldNotContain(l => l.Contains("1. marts 2027"));
    }

    [Fact]
    public void After_PutsTheCutOverDateMinimumPaymentSiteAndMeasuredSpeedInTheLabels()
    {
        var after = ChangedWorkflows.Build(Hørsholm, WorkflowVariant.After);
        var labels = Labels(after).ToList();
        labels.ShouldContain("Oprettet før 1. marts 2027?");
        labels.ShouldContain("Under 100 kr. i alt for låneren?");
        labels.ShouldContain(l => l.Contains(DanishText.Duration(FourSeconds.Median!.Value)), "the measured median: 4 sekunder");
        labels.ShouldContain(l => l.Contains("95 % inden for 9 sekunder"));
        Everything(after).ShouldContain("kommunens betalingsside (www.horsholm.dk/borger/betaling)");
        labels.ShouldNotContain(l => l.Contains("72 timer"), "the night run is gone");
    }

    [Fact]
    public void After_ForTwoLibraries_NamesEachLibrarysCutOverDate_AndTheRuleForUnacknowledgedCompensation()
    {
        var after = ChangedWorkflows.Build(Rudersdal, WorkflowVariant.After);
        var question = after.Moments[0].Steps.Single(s => s.Key == "cut-over").Label;
        question.ShouldContain("Rudersdal Bibliotekerne 1. februar 2027");
        question.ShouldContain("Rudersdal Skolebiblioteker 5. april 2027");
        // DOMAIN.md §4: unacknowledged compensation is a civil claim where the municipality sends it.
        var compensation = after.Moments[3];
        compensation.Steps.ShouldContain(s => s.Label == "Sender det som civilt krav" && s.Documentation!.Contains("BIBERSTATNINGCIVIL"));
        ChangedWorkflows.Build(Hørsholm, WorkflowVariant.After).Moments[3].Steps
            .ShouldContain(s => s.Label.Contains("Bliver hos biblioteket") && s.Lane == WorkflowLane.Fbs);
    }

    [Fact]
    public void WithoutAMinimum_ThereIsNoMinimumDecision()
    {
        ChangedWorkflows.Build(Egedal, WorkflowVariant.After).Moments[0].Steps.ShouldNotContain(s => s.Key == "minimum");
        ChangedWorkflows.Build(Hørsholm, WorkflowVariant.After).Moments[0].Steps.ShouldContain(s => s.Key == "minimum");
    }

    [Fact]
    public void NothingMeasured_PromisesNoFigure()
    {
        // Issue 16: "how fast a payment shows — FeeBridge's measured figure, never a promise it cannot keep".
        var text = Everything(ChangedWorkflows.Build(Egedal, WorkflowVariant.After));
        text.ShouldNotContain("sekund");
        text.ShouldContain("ikke målt");
    }

    [Fact]
    public void AMunicipalityNotConfigured_SaysSo_InsteadOfInventingDates()
    {
        var after = ChangedWorkflows.Build(Greve, WorkflowVariant.After);
        WorkflowRules.Problems(after).ShouldBeEmpty();
        var text = Everything(after);
        text.ShouldContain("ikke sat op i FeeBridge endnu");
        text.ShouldNotMatch(@"\d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december) \d{4}");
        after.Moments[3].Steps.ShouldContain(s => s.Key == "unknown");
    }

    [Fact]
    public void TheVariants_ParseAsTheApiNamesThem()
    {
        WorkflowVariants.TryParse("before", out var b).ShouldBeTrue();
        b.ShouldBe(WorkflowVariant.Before);
        WorkflowVariants.TryParse("after", out var a).ShouldBeTrue();
        a.ShouldBe(WorkflowVariant.After);
        WorkflowVariants.TryParse("After", out _).ShouldBeFalse();
        WorkflowVariants.TryParse("during", out _).ShouldBeFalse();
        WorkflowVariants.TryParse(null, out _).ShouldBeFalse();
    }
}

using FeeBridge.Rollout.Communication;

namespace FeeBridge.Rollout.Workflow;

/// <summary>
/// "Et visuelt flow over jeres ændrede arbejdsgange" (task 26, DOMAIN.md §8) drawn from the municipality's live
/// configuration: the six moments that change — a fee arises, the citizen pays, a reminder, a compensation claim, the
/// item turns up, a new CPR number — before FeeBridge (the library collects; what the municipality collects reaches
/// FBS in weekday night runs, up to 72 hours, DOMAIN.md §2) and with it (each library's cut-over date, the minimum,
/// what becomes of unacknowledged compensation, the payment site and FeeBridge's measured speed in the labels).
/// </summary>
public static partial class ChangedWorkflows
{
    // The lane's name, not the namespace.
    private const WorkflowLane Bridge = WorkflowLane.FeeBridge;

    public static ChangedWorkflow Build(MunicipalityFacts facts, WorkflowVariant variant)
    {
        var p = new FactPhrases(facts);
        IReadOnlyList<WorkflowMoment> moments = variant == WorkflowVariant.Before
            ? [FeeBefore(), PaymentBefore(), ReminderBefore(p), CompensationBefore(), ItemTurnsUpBefore(), CprBefore()]
            : [FeeAfter(p), PaymentAfter(p), ReminderAfter(p), CompensationAfter(p), ItemTurnsUpAfter(), CprAfter()];
        return new ChangedWorkflow(facts.Code, $"Bibliotekskrav i {facts.Name} {variant.Phrase()}", variant, moments,
            variant == WorkflowVariant.Before ? LanesBefore() : LanesAfter(p));
    }

    /// <summary>The moments' titles, numbered as the diagram groups them.</summary>
    public static IReadOnlyList<string> MomentTitles { get; } =
        ["1. Et gebyr opstår", "2. Borgeren betaler", "3. En rykker", "4. Et erstatningskrav", "5. Materialet dukker op", "6. Nyt CPR-nummer"];
}

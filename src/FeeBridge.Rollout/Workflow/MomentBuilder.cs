namespace FeeBridge.Rollout.Workflow;

/// <summary>
/// Writes a moment as its paths read: each <see cref="Then"/> adds a step after the current one; <see cref="Branch"/>
/// goes back to a decision to start another of its ways out. Keeps the content files (<c>ChangedWorkflows.*.cs</c>)
/// close to the prose they come from.
/// </summary>
internal sealed class MomentBuilder(string key, string title)
{
    private readonly List<WorkflowStep> _steps = [];
    private readonly List<WorkflowFlow> _flows = [];
    private string? _current;
    private (string? Label, bool IsDefault) _pending;

    public MomentBuilder Then(string stepKey, StepKind kind, WorkflowLane lane, string label, string? documentation = null)
    {
        _steps.Add(new WorkflowStep(stepKey, kind, lane, label, documentation));
        if (_current is not null) _flows.Add(new WorkflowFlow(_current, stepKey, _pending.Label, _pending.IsDefault));
        (_current, _pending) = (stepKey, (null, false));
        return this;
    }

    /// <summary>The next <see cref="Then"/> leaves <paramref name="decision"/> by the way called <paramref name="answer"/>.</summary>
    public MomentBuilder Branch(string decision, string answer, bool isDefault = false)
    {
        (_current, _pending) = (decision, (answer, isDefault));
        return this;
    }

    public WorkflowMoment Build() => new(key, title, [.. _steps], [.. _flows]);
}

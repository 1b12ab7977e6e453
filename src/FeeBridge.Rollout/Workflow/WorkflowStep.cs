namespace FeeBridge.Rollout.Workflow;

/// <summary>What kind of BPMN flow node a step is.</summary>
public enum StepKind
{
    /// <summary>A blank start event (at most one per process: bpmnlint <c>single-blank-start-event</c>).</summary>
    Start,

    /// <summary>Started by news from outside (a message start event): a returned item, a new CPR number.</summary>
    MessageStart,

    /// <summary>Started by time passing (a timer start event): a loan or payment deadline passed.</summary>
    TimerStart,

    /// <summary>A person does it at a screen (user task).</summary>
    UserTask,

    /// <summary>A person does it by hand, at the desk (manual task).</summary>
    ManualTask,

    /// <summary>A system does it (service task).</summary>
    ServiceTask,

    /// <summary>A choice between paths (exclusive gateway); its outgoing flows say which.</summary>
    Decision,

    /// <summary>A wait for time to pass (timer intermediate catch event): the night run.</summary>
    TimerWait,

    /// <summary>The end of a path (end event).</summary>
    End,
}

/// <summary>One step of a moment.</summary>
/// <param name="Key">Unique within its moment (letters, digits and '-'): part of the BPMN id.</param>
/// <param name="Label">The name shown in the diagram (Danish, short enough for a task's box).</param>
/// <param name="Documentation">More, shown in a modeller's properties (the rule behind a choice, the measured figure).</param>
public sealed record WorkflowStep(string Key, StepKind Kind, WorkflowLane Lane, string Label, string? Documentation = null)
{
    public bool IsStart => Kind is StepKind.Start or StepKind.MessageStart or StepKind.TimerStart;
    public bool IsEvent => IsStart || Kind is StepKind.TimerWait or StepKind.End;
    public bool IsTask => Kind is StepKind.UserTask or StepKind.ManualTask or StepKind.ServiceTask;
}

/// <summary>
/// A sequence flow between two steps of one moment. Out of a <see cref="StepKind.Decision"/> with more than one way
/// out, every flow has a <paramref name="Label"/> (the answer it stands for), and exactly one is the default.
/// </summary>
public sealed record WorkflowFlow(string From, string To, string? Label = null, bool IsDefault = false);

/// <summary>
/// One of the moments that change (issue 16 part 6): a fee arises, a citizen pays, a reminder, a compensation claim,
/// an item turns up, a CPR change. Its steps form one path network from one start event to its end events.
/// </summary>
/// <param name="Key">Unique in the workflow, e.g. <c>fee</c>.</param>
/// <param name="Title">"Et gebyr opstår".</param>
public sealed record WorkflowMoment(string Key, string Title, IReadOnlyList<WorkflowStep> Steps, IReadOnlyList<WorkflowFlow> Flows)
{
    public WorkflowStep Step(string key) => Steps.FirstOrDefault(s => s.Key == key)
        ?? throw new KeyNotFoundException($"Moment {Key} has no step {key}.");
}

/// <summary>What changes for the people or the system of one lane, in Danish: the diagram's accompanying text.</summary>
public sealed record LaneText(WorkflowLane Lane, string Title, string Text);

/// <summary>
/// The changed workflows of one municipality on one side of the change: one pool (the municipality's library claims)
/// with <see cref="WorkflowLanes.All"/> as lanes, the moments side by side, and the text per lane.
/// </summary>
public sealed record ChangedWorkflow(
    string MunicipalityCode,
    string Title,
    WorkflowVariant Variant,
    IReadOnlyList<WorkflowMoment> Moments,
    IReadOnlyList<LaneText> Lanes);

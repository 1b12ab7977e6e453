namespace FeeBridge.Rollout.Workflow.Bpmn;

/// <summary>A rectangle in diagram coordinates (pixels, y downwards), as BPMN DI's <c>dc:Bounds</c>.</summary>
public readonly record struct Box(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;
    public int Bottom => Y + Height;
    public int CenterX => X + Width / 2;
    public int CenterY => Y + Height / 2;

    /// <summary>Whether the two share any area (touching edges do not count).</summary>
    public bool Overlaps(Box other) => X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;

    public bool Contains(Box inner) => inner.X >= X && inner.Y >= Y && inner.Right <= Right && inner.Bottom <= Bottom;
}

/// <summary>A point of an edge, as BPMN DI's <c>di:waypoint</c>.</summary>
public readonly record struct Waypoint(int X, int Y);

/// <summary>Where one step is drawn, and its external label (events and decisions) when it has one.</summary>
public sealed record StepShape(string Moment, WorkflowStep Step, Box Bounds, Box? Label);

/// <summary>The path of one sequence flow (orthogonal segments) and its label's place when it is named.</summary>
public sealed record FlowEdge(string Moment, WorkflowFlow Flow, IReadOnlyList<Waypoint> Waypoints, Box? Label);

/// <summary>The frame around one moment (a BPMN group) and its title above the pool.</summary>
public sealed record MomentFrame(string Moment, string Title, Box Bounds, Box Label);

/// <summary>Where everything of a <see cref="ChangedWorkflow"/> is drawn.</summary>
public sealed record DiagramLayout(
    Box Pool,
    IReadOnlyList<(WorkflowLane Lane, Box Bounds)> Lanes,
    IReadOnlyList<StepShape> Shapes,
    IReadOnlyList<FlowEdge> Edges,
    IReadOnlyList<MomentFrame> Frames);

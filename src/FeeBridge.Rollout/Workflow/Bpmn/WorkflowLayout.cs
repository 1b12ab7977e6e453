namespace FeeBridge.Rollout.Workflow.Bpmn;

/// <summary>
/// Lays a <see cref="ChangedWorkflow"/> out on a grid, deterministically: one pool, a lane per
/// <see cref="WorkflowLane"/>, the moments side by side left to right, each step in the column of its distance from
/// the moment's start and in its lane's row. Every moment is a tree (one way in to each step, see
/// <see cref="WorkflowRules"/>), so every flow goes from one column to the next; two steps of one lane in one column
/// get a row (track) each, and a branch keeps its parent's track while it stays in the lane. Flows run right, turn once
/// down or up in the gap between the columns (each flow in a gap on its own vertical line) and enter their target
/// from the left; nothing but gaps lies between two columns, so no flow crosses a step. Sizes are bpmn-js's
/// defaults (task 100 × 80, gateway 50 × 50, event 36 × 36), so bpmnlint's <c>standard-size</c> holds too.
/// </summary>
public static class WorkflowLayout
{
    public const int PoolX = 160, PoolY = 120, PoolHeader = 30, LaneHeader = 30, Inset = 40;
    public const int Cell = 100, Gap = 110, MomentGap = 80, TrackPadding = 10, MinTrack = 100, EmptyLane = 70;

    public static (int Width, int Height) SizeOf(StepKind kind) => kind switch
    {
        StepKind.Decision => (50, 50),
        StepKind.UserTask or StepKind.ManualTask or StepKind.ServiceTask => (100, 80),
        _ => (36, 36),
    };

    private sealed record Placed(string Moment, WorkflowStep Step, int Column, int Track, int MomentIndex, string? IncomingLabel);

    public static DiagramLayout Of(ChangedWorkflow workflow)
    {
        if (WorkflowRules.Problems(workflow) is { Count: > 0 } problems)
            throw new InvalidOperationException("The workflow cannot be drawn: " + string.Join("; ", problems));

        // Columns and tracks.
        var placed = new List<Placed>();
        var taken = new HashSet<(WorkflowLane, int, int)>();
        var offset = 0;
        for (var mi = 0; mi < workflow.Moments.Count; mi++)
        {
            var moment = workflow.Moments[mi];
            var start = moment.Steps.Single(s => s.IsStart);
            var queue = new Queue<(WorkflowStep Step, int Column, Placed? Parent, string? Label)>([(start, 0, null, null)]);
            var width = 0;
            while (queue.TryDequeue(out var item))
            {
                var (step, column, parent, label) = item;
                var preferred = parent is not null && parent.Step.Lane == step.Lane ? parent.Track : 0;
                var track = taken.Contains((step.Lane, offset + column, preferred)) ? 0 : preferred;
                while (taken.Contains((step.Lane, offset + column, track))) track++;
                taken.Add((step.Lane, offset + column, track));
                var here = new Placed(moment.Key, step, offset + column, track, mi, label);
                placed.Add(here);
                width = Math.Max(width, column + 1);
                foreach (var f in moment.Flows.Where(f => f.From == step.Key))
                    queue.Enqueue((moment.Step(f.To), column + 1, here, f.Label));
            }
            offset += width;
        }

        // Rows: each track as high as its steps and labels need; each lane as its tracks.
        var rows = new Dictionary<(WorkflowLane, int), (int Top, int Center, int Height)>();
        var lanes = new List<(WorkflowLane Lane, Box Bounds)>();
        var y = PoolY;
        var columnsTotal = offset;
        var poolWidth = PoolHeader + LaneHeader + Inset + columnsTotal * (Cell + Gap) - Gap + (workflow.Moments.Count - 1) * MomentGap + Inset;
        foreach (var lane in WorkflowLanes.All)
        {
            var inLane = placed.Where(p => p.Step.Lane == lane).ToList();
            var laneTop = y;
            if (inLane.Count == 0) y += EmptyLane;
            foreach (var track in inLane.Select(p => p.Track).Distinct().Order())
            {
                var inTrack = inLane.Where(p => p.Track == track).ToList();
                var above = inTrack.Max(Above);
                var below = inTrack.Max(Below);
                var height = Math.Max(MinTrack, TrackPadding + above + below + TrackPadding);
                rows[(lane, track)] = (y, y + (height - above - below) / 2 + above, height);
                y += height;
            }
            lanes.Add((lane, new Box(PoolX + PoolHeader, laneTop, poolWidth - PoolHeader, y - laneTop)));
        }
        var pool = new Box(PoolX, PoolY, poolWidth, y - PoolY);

        // Shapes.
        int ColumnLeft(Placed p) => PoolX + PoolHeader + LaneHeader + Inset + p.Column * (Cell + Gap) + p.MomentIndex * MomentGap;
        var shapes = new Dictionary<(string, string), StepShape>();
        foreach (var p in placed)
        {
            var (w, h) = SizeOf(p.Step.Kind);
            var center = rows[(p.Step.Lane, p.Track)].Center;
            var bounds = new Box(ColumnLeft(p) + (Cell - w) / 2, center - h / 2, w, h);
            Box? label = p.Step.IsTask ? null
                : new Box(bounds.CenterX - LabelSize.ExternalWidth / 2, bounds.Bottom + 6, LabelSize.ExternalWidth, LabelSize.ExternalHeight(p.Step.Label));
            shapes[(p.Moment, p.Step.Key)] = new StepShape(p.Moment, p.Step, bounds, label);
        }

        // Edges: right out of the source, one vertical line of their own in the gap, left into the target; a name just
        // above where it enters, in the gap (right-aligned, clear of the target).
        var edges = new List<FlowEdge>();
        foreach (var gap in workflow.Moments.SelectMany(m => m.Flows.Select(f => (Moment: m.Key, Flow: f)))
                     .GroupBy(e => placed.First(p => p.Moment == e.Moment && p.Step.Key == e.Flow.From).Column)
                     .OrderBy(g => g.Key))
        {
            var turning = 0;
            foreach (var (moment, flow) in gap.OrderBy(e => shapes[(e.Moment, e.Flow.From)].Bounds.CenterY)
                         .ThenBy(e => shapes[(e.Moment, e.Flow.To)].Bounds.CenterY))
            {
                var (from, to) = (shapes[(moment, flow.From)].Bounds, shapes[(moment, flow.To)].Bounds);
                var (exit, entry) = (new Waypoint(from.Right, from.CenterY), new Waypoint(to.X, to.CenterY));
                var gapLeft = from.X - (Cell - from.Width) / 2 + Cell;
                IReadOnlyList<Waypoint> points;
                                if (exit.Y == entry.Y) points = [exit, entry];
                else
                {
                    var channel = gapLeft + 14 + turning++ * 10;
                    points = [exit, new(channel, exit.Y), new(channel, entry.Y), entry];
                }
                Box? label = flow.Label is { } text
                    ? new Box(entry.X - 4 - LabelSize.ExternalWidth, entry.Y - 6 - LabelSize.ExternalHeight(text), LabelSize.ExternalWidth, LabelSize.ExternalHeight(text))
                    : null;
                edges.Add(new FlowEdge(moment, flow, points, label));
            }
        }

        // A frame per moment, its title above the pool.
        var frames = new List<MomentFrame>();
        foreach (var moment in workflow.Moments)
        {
            var inMoment = shapes.Values.Where(s => s.Moment == moment.Key).ToList();
            var left = inMoment.Min(s => s.Bounds.CenterX) - Cell / 2 - 24;
            var right = inMoment.Max(s => s.Bounds.CenterX) + Cell / 2 + 24;
            var bounds = new Box(left, pool.Y + 8, right - left, pool.Height - 16);
            frames.Add(new MomentFrame(moment.Key, moment.Title, bounds, new Box(left, pool.Y - 34, right - left, 20)));
        }

        return new DiagramLayout(pool, lanes, [.. placed.Select(p => shapes[(p.Moment, p.Step.Key)])], edges, frames);
    }

    // Room above a step's centre line: its own half height, or the label of the flow coming in (drawn above that line).
    private static int Above(Placed p) =>
        Math.Max(SizeOf(p.Step.Kind).Height / 2, p.IncomingLabel is { } l ? 6 + LabelSize.ExternalHeight(l) : 0);

    // Room below: its half height and, for events and decisions, the label under it.
    private static int Below(Placed p) =>
        SizeOf(p.Step.Kind).Height / 2 + (p.Step.IsTask ? 0 : 6 + LabelSize.ExternalHeight(p.Step.Label));
}

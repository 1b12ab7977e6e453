using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace FeeBridge.Rollout.Workflow.Bpmn;

/// <summary>
/// A <see cref="ChangedWorkflow"/> as BPMN 2.0 XML (OMG formal/2011-01-03) with diagram interchange, as bpmn.io and
/// Camunda Modeler read it: a collaboration with one participant (the municipality's library claims), its process with
/// a lane per <see cref="WorkflowLane"/> (each lane's accompanying text as its documentation), the moments' events,
/// tasks and exclusive gateways with their <c>incoming</c>/<c>outgoing</c> written out, named conditions on a
/// decision's ways out and its default, a group per moment, and a BPMNShape for the participant, every lane, step and
/// group and a BPMNEdge with waypoints for every sequence flow, from <see cref="WorkflowLayout"/>. Ids are made from
/// the moments' and steps' keys, so the same configuration always gives the same file; all text goes through the XML
/// writer, so names are escaped, never spliced.
/// </summary>
public static class BpmnWriter
{
    private static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    private static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public const string ParticipantId = "Participant_claims";
    public const string ProcessId = "Process_claims";
    public const string CollaborationId = "Collaboration_claims";

    /// <summary>The file's text (UTF-8, with its XML declaration).</summary>
    public static string Write(ChangedWorkflow workflow)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            Document(workflow, WorkflowLayout.Of(workflow)).Save(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string StepId(string moment, WorkflowStep step) =>
        $"{(step.IsEvent ? "Event" : step.IsTask ? "Activity" : "Gateway")}_{moment}_{step.Key}";

    public static string FlowId(string moment, WorkflowFlow flow) => $"Flow_{moment}_{flow.From}_{flow.To}";

    public static string LaneId(WorkflowLane lane) => $"Lane_{lane.Key()}";

    public static XDocument Document(ChangedWorkflow workflow, DiagramLayout layout)
    {
        var variant = workflow.Variant.WireName();
        var process = new XElement(Model + "process", new XAttribute("id", ProcessId), new XAttribute("name", workflow.Title),
            new XAttribute("isExecutable", "false"),
            Documentation("Tegnet af FeeBridge ud fra kommunens konfiguration. " + workflow.Variant.Title() + ": " +
                string.Join(" ", workflow.Lanes.Select(l => $"{l.Title}: {l.Text}"))),
            new XElement(Model + "laneSet", new XAttribute("id", "LaneSet_claims"),
                workflow.Lanes.Select(l => new XElement(Model + "lane", new XAttribute("id", LaneId(l.Lane)), new XAttribute("name", l.Title),
                    Documentation(l.Text),
                    workflow.Moments.SelectMany(m => m.Steps.Where(s => s.Lane == l.Lane)
                        .Select(s => new XElement(Model + "flowNodeRef", StepId(m.Key, s))))))));
        foreach (var m in workflow.Moments)
        {
            foreach (var s in m.Steps) process.Add(Node(m, s));
            foreach (var f in m.Flows) process.Add(Flow(m, f));
        }
        foreach (var m in workflow.Moments)
            process.Add(new XElement(Model + "group", new XAttribute("id", $"Group_{m.Key}"), new XAttribute("categoryValueRef", $"CategoryValue_{m.Key}")));

        var plane = new XElement(BpmnDi + "BPMNPlane", new XAttribute("id", "BPMNPlane_claims"), new XAttribute("bpmnElement", CollaborationId),
            Shape(ParticipantId, layout.Pool, null, horizontal: true),
            layout.Lanes.Select(l => Shape(LaneId(l.Lane), l.Bounds, null, horizontal: true)),
            layout.Shapes.Select(s => Shape(StepId(s.Moment, s.Step), s.Bounds, s.Label, marker: s.Step.Kind == StepKind.Decision)),
            layout.Edges.Select(e => new XElement(BpmnDi + "BPMNEdge", new XAttribute("id", FlowId(e.Moment, e.Flow) + "_di"),
                new XAttribute("bpmnElement", FlowId(e.Moment, e.Flow)),
                e.Waypoints.Select(p => new XElement(Di + "waypoint", new XAttribute("x", Number(p.X)), new XAttribute("y", Number(p.Y)))),
                e.Label is { } label ? Label(label) : null)),
            layout.Frames.Select(f => Shape($"Group_{f.Moment}", f.Bounds, f.Label)));

        return new XDocument(new XElement(Model + "definitions",
            new XAttribute(XNamespace.Xmlns + "bpmn", Model), new XAttribute(XNamespace.Xmlns + "bpmndi", BpmnDi),
            new XAttribute(XNamespace.Xmlns + "dc", Dc), new XAttribute(XNamespace.Xmlns + "di", Di), new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
            new XAttribute("id", $"Definitions_{workflow.MunicipalityCode}_{variant}"),
            new XAttribute("targetNamespace", $"https://feebridge.dk/rollout/{workflow.MunicipalityCode}/workflow/{variant}"),
            new XAttribute("exporter", "FeeBridge"), new XAttribute("exporterVersion", "1"),
            new XElement(Model + "category", new XAttribute("id", "Category_moments"),
                workflow.Moments.Select(m => new XElement(Model + "categoryValue", new XAttribute("id", $"CategoryValue_{m.Key}"), new XAttribute("value", m.Title)))),
            new XElement(Model + "collaboration", new XAttribute("id", CollaborationId),
                new XElement(Model + "participant", new XAttribute("id", ParticipantId), new XAttribute("name", workflow.Title), new XAttribute("processRef", ProcessId))),
            process,
            new XElement(BpmnDi + "BPMNDiagram", new XAttribute("id", "BPMNDiagram_claims"), new XAttribute("name", workflow.Title), plane)));
    }

    private static XElement Node(WorkflowMoment m, WorkflowStep s)
    {
        var id = StepId(m.Key, s);
        var element = new XElement(Model + ElementName(s.Kind), new XAttribute("id", id), new XAttribute("name", s.Label),
            s.Documentation is { } d ? Documentation(d) : null,
            m.Flows.Where(f => f.To == s.Key).Select(f => new XElement(Model + "incoming", FlowId(m.Key, f))),
            m.Flows.Where(f => f.From == s.Key).Select(f => new XElement(Model + "outgoing", FlowId(m.Key, f))));
        if (s.Kind is StepKind.TimerStart or StepKind.TimerWait) element.Add(new XElement(Model + "timerEventDefinition", new XAttribute("id", id + "_timer")));
        if (s.Kind == StepKind.MessageStart) element.Add(new XElement(Model + "messageEventDefinition", new XAttribute("id", id + "_message")));
        if (s.Kind == StepKind.Decision && m.Flows.SingleOrDefault(f => f.From == s.Key && f.IsDefault) is { } byDefault)
            element.Add(new XAttribute("default", FlowId(m.Key, byDefault)));
        return element;
    }

    private static XElement Flow(WorkflowMoment m, WorkflowFlow f)
    {
        var flow = new XElement(Model + "sequenceFlow", new XAttribute("id", FlowId(m.Key, f)),
            f.Label is { } name ? new XAttribute("name", name) : null,
            new XAttribute("sourceRef", StepId(m.Key, m.Step(f.From))), new XAttribute("targetRef", StepId(m.Key, m.Step(f.To))));
        // The condition in words (the process is not executable); the default way needs none.
        if (f.Label is { } answer && !f.IsDefault)
            flow.Add(new XElement(Model + "conditionExpression", new XAttribute(Xsi + "type", "bpmn:tFormalExpression"),
                $"{m.Step(f.From).Label} {answer}"));
        return flow;
    }

    private static string ElementName(StepKind kind) => kind switch
    {
        StepKind.Start or StepKind.MessageStart or StepKind.TimerStart => "startEvent",
        StepKind.UserTask => "userTask",
        StepKind.ManualTask => "manualTask",
        StepKind.ServiceTask => "serviceTask",
        StepKind.Decision => "exclusiveGateway",
        StepKind.TimerWait => "intermediateCatchEvent",
        StepKind.End => "endEvent",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static XElement Documentation(string text) => new(Model + "documentation", text);

    private static XElement Shape(string element, Box bounds, Box? label, bool horizontal = false, bool marker = false) =>
        new(BpmnDi + "BPMNShape", new XAttribute("id", element + "_di"), new XAttribute("bpmnElement", element),
            horizontal ? new XAttribute("isHorizontal", "true") : null,
            marker ? new XAttribute("isMarkerVisible", "true") : null,
            Bounds(bounds), label is { } l ? Label(l) : null);

    private static XElement Label(Box bounds) => new(BpmnDi + "BPMNLabel", Bounds(bounds));

    private static XElement Bounds(Box b) => new(Dc + "Bounds",
        new XAttribute("x", Number(b.X)), new XAttribute("y", Number(b.Y)), new XAttribute("width", Number(b.Width)), new XAttribute("height", Number(b.Height)));

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}

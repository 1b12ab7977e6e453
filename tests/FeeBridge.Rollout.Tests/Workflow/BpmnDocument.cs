using System.Globalization;
using System.Xml.Linq;
using FeeBridge.Rollout.Workflow.Bpmn;

namespace FeeBridge.Rollout.Tests.Workflow;

/// <summary>A written BPMN file read back with plain XML, independently of the writer's own types.</summary>
public sealed class BpmnDocument
{
    public static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    public static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    public static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";

    /// <summary>The flow node elements of BPMN 2.0 this writer may use.</summary>
    public static readonly string[] FlowNodeNames =
        ["startEvent", "endEvent", "intermediateCatchEvent", "userTask", "manualTask", "serviceTask", "task", "exclusiveGateway"];

    public BpmnDocument(string xml)
    {
        Xml = xml;
        Root = XDocument.Parse(xml).Root!;
    }

    public string Xml { get; }
    public XElement Root { get; }

    public IEnumerable<XElement> Process => Root.Elements(Model + "process");
    public IEnumerable<XElement> FlowNodes => Root.Descendants().Where(e => e.Name.Namespace == Model && FlowNodeNames.Contains(e.Name.LocalName));
    public IEnumerable<XElement> SequenceFlows => Root.Descendants(Model + "sequenceFlow");
    public IEnumerable<XElement> Lanes => Root.Descendants(Model + "lane");
    public IEnumerable<XElement> Shapes => Root.Descendants(BpmnDi + "BPMNShape");
    public IEnumerable<XElement> Edges => Root.Descendants(BpmnDi + "BPMNEdge");

    public static string Id(XElement e) => (string)e.Attribute("id")!;

    public XElement ShapeOf(string id) => Shapes.Single(s => (string?)s.Attribute("bpmnElement") == id);

    public static Box Bounds(XElement shapeOrLabel)
    {
        var b = shapeOrLabel.Element(Dc + "Bounds")!;
        int N(string name) => int.Parse((string)b.Attribute(name)!, CultureInfo.InvariantCulture);
        return new Box(N("x"), N("y"), N("width"), N("height"));
    }

    public static IReadOnlyList<Waypoint> Waypoints(XElement edge) =>
        [.. edge.Elements(Di + "waypoint").Select(w => new Waypoint(
            int.Parse((string)w.Attribute("x")!, CultureInfo.InvariantCulture), int.Parse((string)w.Attribute("y")!, CultureInfo.InvariantCulture)))];
}

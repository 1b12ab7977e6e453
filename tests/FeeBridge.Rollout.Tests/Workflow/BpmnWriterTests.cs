using System.Xml.Linq;
using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Workflow;
using FeeBridge.Rollout.Workflow.Bpmn;
using static FeeBridge.Rollout.Tests.Workflow.BpmnDocument;

namespace FeeBridge.Rollout.Tests.Workflow;

/// <summary>
/// CONTRACTS.md §6 <c>workflow.bpmn</c>: "BPMN 2.0 XML with diagram interchange" that opens in bpmn.io and Camunda
/// Modeler: a shape for the participant, every lane and every flow node, an edge with waypoints for every sequence
/// flow, unique ids, every reference resolving, laid out without overlaps. (The real bpmnlint run is in the server's
/// tests, on the live configuration.)
/// </summary>
public sealed class BpmnWriterTests
{
    public static IEnumerable<object[]> Cases() =>
        WorkflowFacts.All().SelectMany(c => Enum.GetValues<WorkflowVariant>().Select(v => new object[] { c[0], v }));

    private static BpmnDocument Written(string code, WorkflowVariant variant) =>
        new(BpmnWriter.Write(ChangedWorkflows.Build(WorkflowFacts.Of(code), variant)));

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryIdIsUnique_AndEveryReferenceResolves(string code, WorkflowVariant variant)
    {
        var doc = Written(code, variant);
        var ids = doc.Root.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        ids.Distinct().Count().ShouldBe(ids.Count);
        var known = ids.ToHashSet();
        foreach (var attribute in (string[])["sourceRef", "targetRef", "bpmnElement", "processRef", "default", "categoryValueRef"])
            foreach (var reference in doc.Root.Descendants().Select(e => (string?)e.Attribute(attribute)).OfType<string>())
                known.ShouldContain(reference, $"{attribute}={reference}");
        foreach (var name in (string[])["incoming", "outgoing", "flowNodeRef"])
            foreach (var reference in doc.Root.Descendants(Model + name).Select(e => e.Value))
                known.ShouldContain(reference, $"{name} {reference}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryFlowNodeLaneAndTheParticipantHasAShape_AndEveryFlowAnEdgeWithWaypoints(string code, WorkflowVariant variant)
    {
        var doc = Written(code, variant);
        var shaped = doc.Shapes.Select(s => (string)s.Attribute("bpmnElement")!).ToHashSet();
        doc.FlowNodes.ShouldNotBeEmpty();
        foreach (var node in doc.FlowNodes.Concat(doc.Lanes).Concat(doc.Root.Descendants(Model + "participant")))
            shaped.ShouldContain(Id(node));
        var edged = doc.Edges.ToDictionary(e => (string)e.Attribute("bpmnElement")!);
        foreach (var flow in doc.SequenceFlows)
            Waypoints(edged[Id(flow)]).Count.ShouldBeGreaterThanOrEqualTo(2);
        doc.Edges.Count().ShouldBe(doc.SequenceFlows.Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void IncomingAndOutgoing_AgreeWithTheFlows_AndEachNodeIsInOneLane(string code, WorkflowVariant variant)
    {
        var doc = Written(code, variant);
        foreach (var node in doc.FlowNodes)
        {
            var id = Id(node);
            node.Elements(Model + "incoming").Select(e => e.Value).Order()
                .ShouldBe(doc.SequenceFlows.Where(f => (string)f.Attribute("targetRef")! == id).Select(Id).Order());
            node.Elements(Model + "outgoing").Select(e => e.Value).Order()
                .ShouldBe(doc.SequenceFlows.Where(f => (string)f.Attribute("sourceRef")! == id).Select(Id).Order());
            doc.Lanes.Count(l => l.Elements(Model + "flowNodeRef").Any(r => r.Value == id)).ShouldBe(1, id);
            (node.Attribute("name")?.Value ?? "").Trim().ShouldNotBeEmpty(id);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheLayout_HasNoOverlaps_EveryNodeSitsInItsLane_AndEdgesRunOrthogonallyFromBorderToBorder(string code, WorkflowVariant variant)
    {
        var doc = Written(code, variant);
        var pool = Bounds(doc.ShapeOf(BpmnWriter.ParticipantId));
        var nodes = doc.FlowNodes.Select(n => (Id: Id(n), Box: Bounds(doc.ShapeOf(Id(n))))).ToList();
        var labels = doc.Shapes.Select(s => s.Element(BpmnDi + "BPMNLabel")).OfType<XElement>()
            .Concat(doc.Edges.Select(e => e.Element(BpmnDi + "BPMNLabel")).OfType<XElement>()).Select(Bounds).ToList();
        for (var i = 0; i < nodes.Count; i++)
        {
            pool.Contains(nodes[i].Box).ShouldBeTrue(nodes[i].Id);
            for (var j = i + 1; j < nodes.Count; j++) nodes[i].Box.Overlaps(nodes[j].Box).ShouldBeFalse($"{nodes[i].Id} and {nodes[j].Id}");
            foreach (var label in labels) label.Overlaps(nodes[i].Box).ShouldBeFalse($"a label over {nodes[i].Id}");
        }
        foreach (var lane in doc.Lanes)
        {
            var box = Bounds(doc.ShapeOf(Id(lane)));
            pool.Contains(box).ShouldBeTrue();
            foreach (var r in lane.Elements(Model + "flowNodeRef")) box.Contains(nodes.Single(n => n.Id == r.Value).Box).ShouldBeTrue(r.Value);
        }
        foreach (var flow in doc.SequenceFlows)
        {
            var points = Waypoints(doc.Edges.Single(e => (string)e.Attribute("bpmnElement")! == Id(flow)));
            var (from, to) = (nodes.Single(n => n.Id == (string)flow.Attribute("sourceRef")!), nodes.Single(n => n.Id == (string)flow.Attribute("targetRef")!));
            points[0].ShouldBe(new Waypoint(from.Box.Right, from.Box.CenterY));
            points[^1].ShouldBe(new Waypoint(to.Box.X, to.Box.CenterY));
            for (var k = 1; k < points.Count; k++)
            {
                (points[k].X == points[k - 1].X || points[k].Y == points[k - 1].Y).ShouldBeTrue($"{Id(flow)} has a slanted segment");
                // No segment passes through a node other than its own two ends.
                var segment = Segment(points[k - 1], points[k]);
                foreach (var other in nodes.Where(n => n.Id != from.Id && n.Id != to.Id))
                    segment.Overlaps(other.Box).ShouldBeFalse($"{Id(flow)} crosses {other.Id}");
            }
        }
    }

    // A segment as a thin box (one pixel either side), for crossing tests.
    private static Box Segment(Waypoint a, Waypoint b) =>
        new(Math.Min(a.X, b.X) - 1, Math.Min(a.Y, b.Y) - 1, Math.Abs(a.X - b.X) + 2, Math.Abs(a.Y - b.Y) + 2);

    [Fact]
    public void DecisionsNameEveryWayOut_GiveTheOthersAConditionInWords_AndPointToTheirDefault()
    {
        var doc = Written("223", WorkflowVariant.After);
        foreach (var gateway in doc.Root.Descendants(Model + "exclusiveGateway"))
        {
            var outgoing = doc.SequenceFlows.Where(f => (string)f.Attribute("sourceRef")! == Id(gateway)).ToList();
            outgoing.Count.ShouldBeGreaterThan(1);
            var byDefault = (string)gateway.Attribute("default")!;
            foreach (var f in outgoing)
            {
                ((string?)f.Attribute("name")).ShouldNotBeNullOrWhiteSpace();
                if (Id(f) == byDefault) f.Element(Model + "conditionExpression").ShouldBeNull();
                else f.Element(Model + "conditionExpression")!.Value.ShouldStartWith((string)gateway.Attribute("name")!);
            }
        }
    }

    [Fact]
    public void TheSameFacts_GiveTheSameFile_AndAChangedCutOverDateAnother()
    {
        var facts = WorkflowFacts.Hørsholm;
        var first = BpmnWriter.Write(ChangedWorkflows.Build(facts, WorkflowVariant.After));
        BpmnWriter.Write(ChangedWorkflows.Build(facts with { }, WorkflowVariant.After)).ShouldBe(first);
        var moved = facts with { Libraries = [facts.Libraries[0] with { CutOverDate = new DateOnly(2027, 6, 1) }] };
        var changed = BpmnWriter.Write(ChangedWorkflows.Build(moved, WorkflowVariant.After));
        changed.ShouldNotBe(first);
        changed.ShouldContain("Oprettet før 1. juni 2027?");
    }

    [Fact]
    public void NamesWithMarkup_AreEscaped_AndReadBackAsWritten()
    {
        var name = "Bibliotek <\"Øst\"> & 'Vest'";
        var facts = WorkflowFacts.Rudersdal with { Name = "Kommune & <Co>", Libraries = [WorkflowFacts.Rudersdal.Libraries[0] with { Name = name }, WorkflowFacts.Rudersdal.Libraries[1]] };
        var doc = new BpmnDocument(BpmnWriter.Write(ChangedWorkflows.Build(facts, WorkflowVariant.After)));
        doc.Xml.ShouldNotContain("<\"Øst\">");
        ((string)doc.Root.Descendants(Model + "participant").Single().Attribute("name")!).ShouldContain("Kommune & <Co>");
        doc.FlowNodes.ShouldContain(n => ((string)n.Attribute("name")!).Contains(name));
    }

    [Fact]
    public void TheFile_DeclaresUtf8_AndTheBpmnNamespaces()
    {
        var xml = BpmnWriter.Write(ChangedWorkflows.Build(WorkflowFacts.Hørsholm, WorkflowVariant.Before));
        xml.ShouldStartWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        var root = XDocument.Parse(xml).Root!;
        root.Name.ShouldBe(Model + "definitions");
        root.Element(BpmnDi + "BPMNDiagram")!.Element(BpmnDi + "BPMNPlane")!.Attribute("bpmnElement")!.Value.ShouldBe(BpmnWriter.CollaborationId);
        root.Descendants(Model + "group").Count().ShouldBe(6);
        root.Descendants(Model + "lane").Select(l => (string)l.Attribute("name")!).ShouldBe(WorkflowLanes.All.Select(l => l.Title()));
        root.Descendants(Model + "lane").ShouldAllBe(l => l.Element(Model + "documentation") != null);
    }
}

using System.Text.RegularExpressions;
using FeeBridge.Rollout.Workflow.Bpmn;

namespace FeeBridge.Rollout.Workflow;

/// <summary>
/// What a drawable workflow must be, so its BPMN passes bpmnlint's <c>recommended</c> rules by construction: each
/// moment a tree from one start event (no implicit start, no join that is not one), every path ending in an end
/// event (no implicit end), splits only at decisions whose ways out are all named with one default (no implicit
/// split, conditional flows), one blank start event in the process, a name on every step, and task names that fit
/// their box.
/// </summary>
public static partial class WorkflowRules
{
    /// <summary>Lines a task's name may wrap to inside its 100 × 80 box.</summary>
    public const int TaskLines = 5;

    public static IReadOnlyList<string> Problems(ChangedWorkflow workflow)
    {
        var problems = new List<string>();
        if (workflow.Moments.Select(m => m.Key).Distinct(StringComparer.Ordinal).Count() != workflow.Moments.Count) problems.Add("moment keys repeat");
        if (workflow.Moments.SelectMany(m => m.Steps).Count(s => s.Kind == StepKind.Start) > 1)
            problems.Add("more than one blank start event in the process");
        foreach (var m in workflow.Moments) problems.AddRange(Check(m).Select(p => $"{m.Key}: {p}"));
        return problems;
    }

    private static IEnumerable<string> Check(WorkflowMoment m)
    {
        if (!Key().IsMatch(m.Key)) yield return $"key '{m.Key}' is not [a-z0-9-]";
        var keys = m.Steps.Select(s => s.Key).ToList();
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count) yield return "step keys repeat";
        foreach (var s in m.Steps)
        {
            if (!Key().IsMatch(s.Key)) yield return $"step key '{s.Key}' is not [a-z0-9-]";
            if (string.IsNullOrWhiteSpace(s.Label)) yield return $"{s.Key} has no name";
            if (s.IsTask && LabelSize.Lines(s.Label) > TaskLines) yield return $"{s.Key}: the name does not fit the task's box";
            // bpmn-js breaks a word wider than the box in the middle ("debitorsystem|et").
            if (s.IsTask && s.Label.Split(' ').Any(w => w.Length >= LabelSize.CharactersPerLine)) yield return $"{s.Key}: a word of the name is wider than the task's box";
        }
        foreach (var f in m.Flows.Where(f => !keys.Contains(f.From) || !keys.Contains(f.To))) yield return $"flow {f.From}→{f.To} names a missing step";
        var starts = m.Steps.Where(s => s.IsStart).ToList();
        if (starts.Count != 1) { yield return $"{starts.Count} start events, not one"; yield break; }
        foreach (var s in m.Steps)
        {
            var incoming = m.Flows.Count(f => f.To == s.Key);
            var outgoing = m.Flows.Where(f => f.From == s.Key).ToList();
            if (s.IsStart ? incoming != 0 : incoming != 1) yield return $"{s.Key} has {incoming} ways in";
            if (s.Kind == StepKind.End ? outgoing.Count != 0 : outgoing.Count == 0) yield return $"{s.Key} has {outgoing.Count} ways out";
            if (s.Kind != StepKind.Decision && outgoing.Count > 1) yield return $"{s.Key} splits without a decision";
            if (s.Kind != StepKind.Decision && outgoing.Any(f => f.Label is not null || f.IsDefault)) yield return $"{s.Key}: only a decision's ways out are named";
            if (s.Kind == StepKind.Decision)
            {
                if (outgoing.Count < 2) yield return $"decision {s.Key} has one way out";
                if (outgoing.Any(f => string.IsNullOrWhiteSpace(f.Label))) yield return $"decision {s.Key} has an unnamed way out";
                if (outgoing.Count(f => f.IsDefault) != 1) yield return $"decision {s.Key} needs exactly one default way out";
            }
        }
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>([starts[0].Key]);
        while (next.TryPop(out var key))
            if (reached.Add(key)) foreach (var f in m.Flows.Where(f => f.From == key)) next.Push(f.To);
        foreach (var s in m.Steps.Where(s => !reached.Contains(s.Key))) yield return $"{s.Key} cannot be reached from the start";
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Key();
}

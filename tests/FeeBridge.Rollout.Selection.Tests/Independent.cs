using FeeBridge.Rollout.Selection;
using Google.OrTools.LinearSolver;

namespace FeeBridge.Rollout.Selection.Tests;

/// <summary>
/// The test's own answers, computed without the selection's code: the compliant panels by enumerating every subset
/// of the panel size, and the MAXIMIN optimum over all of them by its own LP.
/// </summary>
public static class Independent
{
    public static bool Compliant(TrackPool pool, IReadOnlyCollection<int> members)
    {
        if (members.Count != pool.PanelSize) return false;
        if (members.Select(i => pool.Members[i].Municipality).Distinct().Count() != members.Count) return false;
        foreach (var q in pool.Quotas)
        {
            var c = members.Count(i => pool.Members[i].Features[q.Feature] == q.Value);
            if (c < q.Min || c > q.Max) return false;
        }
        return true;
    }

    public static List<int[]> AllCompliantPanels(TrackPool pool)
    {
        var result = new List<int[]>();
        void Walk(int from, List<int> chosen)
        {
            if (chosen.Count == pool.PanelSize) { if (Compliant(pool, chosen)) result.Add([.. chosen]); return; }
            for (var i = from; i < pool.Members.Count; i++) { chosen.Add(i); Walk(i + 1, chosen); chosen.RemoveAt(chosen.Count - 1); }
        }
        Walk(0, []);
        return result;
    }

    /// <summary>max z: every applicant on some compliant panel has chance ≥ z; over all compliant panels.</summary>
    public static double MaximinOptimum(TrackPool pool)
    {
        var panels = AllCompliantPanels(pool);
        using var lp = Solver.CreateSolver("GLOP");
        var x = panels.Select(_ => lp.MakeNumVar(0, 1, "")).ToArray();
        var z = lp.MakeNumVar(0, 1, "z");
        var one = lp.MakeConstraint(1, 1);
        foreach (var v in x) one.SetCoefficient(v, 1);
        for (var i = 0; i < pool.Members.Count; i++)
        {
            var holding = Enumerable.Range(0, panels.Count).Where(j => panels[j].Contains(i)).ToList();
            if (holding.Count == 0) continue;
            var c = lp.MakeConstraint(0, double.PositiveInfinity);
            foreach (var j in holding) c.SetCoefficient(x[j], 1);
            c.SetCoefficient(z, -1);
        }
        lp.Objective().SetCoefficient(z, 1);
        lp.Objective().SetMaximization();
        lp.Solve().ShouldBe(Solver.ResultStatus.OPTIMAL);
        return z.SolutionValue();
    }
}

using Google.OrTools.LinearSolver;

namespace FeeBridge.Rollout.Selection;

/// <summary>
/// MAXIMIN over a given set of panels (GLOP): the lottery whose smallest chance among the applicants some panel
/// holds is largest. LEXIMIN's fallback when time runs out; over all compliant panels its value is LEXIMIN's minimum.
/// </summary>
public static class Maximin
{
    /// <summary>The MAXIMIN lottery over <paramref name="panels"/> as a distribution of <paramref name="method"/>.</summary>
    internal static TrackDistribution Over(TrackPool pool, IReadOnlyList<Panel> panels, SelectionMethod method, int oracleCalls, int stages)
    {
        var probabilities = Probabilities(pool.Members.Count, panels);
        return new TrackDistribution(panels, probabilities, TrackDistribution.MarginalsOf(pool.Members.Count, panels, probabilities),
            method, panels.Count, oracleCalls, stages);
    }

    /// <summary>max z s.t. Σ_{P ∋ i} x_P ≥ z for every member on some panel, Σ x_P = 1, x ≥ 0; the x.</summary>
    public static double[] Probabilities(int members, IReadOnlyList<Panel> panels)
    {
        using var lp = Solver.CreateSolver("GLOP");
        var x = panels.Select((_, j) => lp.MakeNumVar(0, 1, $"x{j}")).ToArray();
        var z = lp.MakeNumVar(0, 1, "z");
        var total = lp.MakeConstraint(1, 1, "total");
        foreach (var v in x) total.SetCoefficient(v, 1);
        for (var i = 0; i < members; i++)
        {
            var holding = Enumerable.Range(0, panels.Count).Where(j => panels[j].Contains(i)).ToList();
            if (holding.Count == 0) continue;
            var row = lp.MakeConstraint(0, double.PositiveInfinity, $"m{i}");
            foreach (var j in holding) row.SetCoefficient(x[j], 1);
            row.SetCoefficient(z, -1);
        }
        lp.Objective().SetCoefficient(z, 1);
        lp.Objective().SetMaximization();
        lp.Solve();
        return Leximin.Normalised(x.Select(v => v.SolutionValue()));
    }
}

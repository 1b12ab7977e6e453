using Google.OrTools.LinearSolver;

namespace FeeBridge.Rollout.Selection;

/// <summary>
/// LEXIMIN (Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 596, 2021) by column generation: among all lotteries
/// over quota-compliant panels, the one whose smallest selection probability is largest, then the second smallest,
/// and so on. Each stage solves the dual of "maximise z: every unfixed applicant's chance ≥ z, every fixed one's ≥
/// its value" over the panels known so far (GLOP); the panel oracle (CP-SAT) then looks for the panel whose members'
/// dual weights sum highest — if that exceeds the dual's cap, the panel is a new column and the stage goes on; if
/// not, the known panels suffice, and every applicant with a positive dual weight is fixed at the stage's value
/// (complementary slackness: their constraint binds in every optimal lottery, so their chance cannot rise). A last
/// primal LP finds the panel probabilities that give the fixed chances. When <see cref="SelectionOptions.TimeLimit"/>
/// passes first, the MAXIMIN lottery over the panels found so far is returned instead (<see cref="SelectionMethod.Maximin"/>).
/// </summary>
public static class Leximin
{
    // The tolerance the reference implementation (sortition-algorithms) uses to call a column "not violated".
    internal const double Eps = 0.0005;

    /// <summary>The distribution for <paramref name="pool"/>, or null when no panel meets the quotas (ask <see cref="QuotaFeasibility"/> why).</summary>
    public static TrackDistribution? Find(TrackPool pool, SelectionOptions options, TimeProvider clock)
    {
        var n = pool.Members.Count;
        if (pool.EveryoneFits)
        {
            var all = new Panel(Enumerable.Range(0, n));
            if (!pool.Admits(all)) return null;
            return new TrackDistribution([all], [1.0], [.. Enumerable.Repeat(1.0, n)], SelectionMethod.Everyone, 1, 0, 0);
        }
        var started = clock.GetTimestamp();
        bool OutOfTime() => clock.GetElapsedTime(started) > options.TimeLimit;

        var oracle = new PanelOracle(pool);
        var panels = InitialPanels.Find(pool, oracle, options.InitialRounds(n), out var coverable);
        if (panels.Count == 0) return null;

        var fixedAt = new double?[n];
        for (var i = 0; i < n; i++) if (!coverable[i]) fixedAt[i] = 0; // in no compliant panel: their chance is 0
        var stages = 0;
        while (fixedAt.Any(f => f is null))
        {
            if (OutOfTime()) return Maximin.Over(pool, panels, SelectionMethod.Maximin, oracle.Calls, stages);
            stages++;
            if (!RunStage(pool, oracle, panels, fixedAt, OutOfTime))
                return Maximin.Over(pool, panels, SelectionMethod.Maximin, oracle.Calls, stages);
        }

        var probabilities = FinalPrimal(n, panels, fixedAt.Select(f => f!.Value).ToArray());
        return new TrackDistribution(panels, probabilities, TrackDistribution.MarginalsOf(n, panels, probabilities),
            SelectionMethod.Leximin, panels.Count, oracle.Calls, stages);
    }

    /// <summary>One stage: column generation until no panel violates the dual, then fix who cannot rise. False when out of time (or the LP keeps failing).</summary>
    private static bool RunStage(TrackPool pool, PanelOracle oracle, List<Panel> panels, double?[] fixedAt, Func<bool> outOfTime)
    {
        var n = pool.Members.Count;
        var known = new HashSet<Panel>(panels);
        var relaxations = 0;
        while (true)
        {
            using var dual = Solver.CreateSolver("GLOP");
            var y = Enumerable.Range(0, n).Select(i => dual.MakeNumVar(0, double.PositiveInfinity, $"y{i}")).ToArray();
            var cap = dual.MakeNumVar(0, double.PositiveInfinity, "cap");
            var unfixedSum = dual.MakeConstraint(1, 1, "unfixed");
            for (var i = 0; i < n; i++) if (fixedAt[i] is null) unfixedSum.SetCoefficient(y[i], 1);
            foreach (var p in panels) AddPanelRow(dual, y, cap, p);
            var objective = dual.Objective();
            objective.SetCoefficient(cap, 1);
            for (var i = 0; i < n; i++) if (fixedAt[i] is { } f) objective.SetCoefficient(y[i], -f);
            objective.SetMinimization();

            while (true)
            {
                var status = dual.Solve();
                if (status != Solver.ResultStatus.OPTIMAL)
                {
                    // Rounding can leave the fixed chances barely out of reach (the dual then has no optimum): lower
                    // them by 1e-4 and build the stage again, as the reference implementation does.
                    if (++relaxations > 50) return false;
                    for (var i = 0; i < n; i++) if (fixedAt[i] is { } f && f > 0) fixedAt[i] = Math.Max(0, f - 1e-4);
                    break;
                }
                var weights = y.Select(v => v.SolutionValue()).ToArray();
                var capValue = cap.SolutionValue();
                var value = objective.Value();
                var best = oracle.Best(weights);
                var bestWeight = best is null ? 0 : best.Members.Sum(i => weights[i]);
                if (best is null || bestWeight <= capValue + Eps || known.Contains(best))
                {
                    for (var i = 0; i < n; i++)
                        if (fixedAt[i] is null && weights[i] > Eps) fixedAt[i] = Math.Max(0, value);
                    return true;
                }
                if (outOfTime()) return false;
                panels.Add(best);
                known.Add(best);
                AddPanelRow(dual, y, cap, best);
            }
        }
    }

    private static void AddPanelRow(Solver lp, Variable[] y, Variable cap, Panel panel)
    {
        // Σ_{i ∈ P} y_i − cap ≤ 0
        var row = lp.MakeConstraint(double.NegativeInfinity, 0);
        foreach (var i in panel.Members) row.SetCoefficient(y[i], 1);
        row.SetCoefficient(cap, -1);
    }

    /// <summary>Panel probabilities giving everyone at least their fixed chance, less the smallest uniform shortfall ε.</summary>
    private static double[] FinalPrimal(int n, IReadOnlyList<Panel> panels, double[] fixedAt)
    {
        using var lp = Solver.CreateSolver("GLOP");
        var x = panels.Select((_, j) => lp.MakeNumVar(0, 1, $"x{j}")).ToArray();
        var eps = lp.MakeNumVar(0, double.PositiveInfinity, "eps");
        var total = lp.MakeConstraint(1, 1, "total");
        foreach (var v in x) total.SetCoefficient(v, 1);
        for (var i = 0; i < n; i++)
        {
            var row = lp.MakeConstraint(fixedAt[i], double.PositiveInfinity, $"p{i}");
            for (var j = 0; j < panels.Count; j++) if (panels[j].Contains(i)) row.SetCoefficient(x[j], 1);
            row.SetCoefficient(eps, 1);
        }
        lp.Objective().SetCoefficient(eps, 1);
        lp.Objective().SetMinimization();
        lp.Solve();
        return Normalised(x.Select(v => v.SolutionValue()));
    }

    /// <summary>Clipped to [0, 1] and scaled to sum to 1 (solver values stray by 1e-9).</summary>
    internal static double[] Normalised(IEnumerable<double> values)
    {
        var clipped = values.Select(v => Math.Clamp(v, 0, 1)).ToArray();
        var sum = clipped.Sum();
        return sum <= 0 ? clipped : [.. clipped.Select(v => v / sum)];
    }
}

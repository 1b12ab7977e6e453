using Google.OrTools.Sat;

namespace FeeBridge.Rollout.Selection;

/// <summary>
/// The integer program behind every selection method: one yes/no per applicant, exactly the panel size, at most one
/// per municipality, every quota's min and max. Asked for the panel of largest total weight (CP-SAT, one worker and
/// a fixed seed, so the same question always gets the same panel).
/// </summary>
internal sealed class PanelOracle
{
    // Column generation compares weights to 5e-4; integer weights at 1e-7 resolution lose nothing that matters.
    private const double WeightScale = 1e7;
    private readonly TrackPool _pool;
    private readonly CpModel _model = new();
    private readonly BoolVar[] _chosen;

    public PanelOracle(TrackPool pool)
    {
        _pool = pool;
        _chosen = [.. Enumerable.Range(0, pool.Members.Count).Select(i => _model.NewBoolVar($"x{i}"))];
        _model.Add(LinearExpr.Sum(_chosen) == pool.PanelSize);
        foreach (var sameMunicipality in Enumerable.Range(0, pool.Members.Count).GroupBy(i => pool.Members[i].Municipality).Where(g => g.Count() > 1))
            _model.AddAtMostOne(sameMunicipality.Select(i => (ILiteral)_chosen[i]));
        foreach (var q in pool.Quotas)
        {
            var counted = Enumerable.Range(0, pool.Members.Count).Where(i => pool.Counts(i, q)).Select(i => _chosen[i]).ToArray();
            _model.AddLinearConstraint(LinearExpr.Sum(counted), q.Min, q.Max);
        }
    }

    /// <summary>Solver calls so far (the benchmark reports them).</summary>
    public int Calls { get; private set; }

    // One worker and a fixed seed: the same question always gets the same panel (the lottery must be reproducible).
    private const string Parameters = "num_workers:1 random_seed:1 max_time_in_seconds:20";

    /// <summary>The panel maximising Σ weight·chosen, or null when no panel meets the quotas.</summary>
    public Panel? Best(IReadOnlyList<double> weights)
    {
        _model.Model.Objective = null; // Maximize adds to the proto; start from none
        var coefficients = weights.Select(w => (long)Math.Round(Math.Max(0, w) * WeightScale)).ToArray();
        _model.Maximize(LinearExpr.WeightedSum(_chosen, coefficients));
        return Solve();
    }

    /// <summary>A panel with <paramref name="member"/> on it, or null when no quota-compliant panel can hold them.</summary>
    public Panel? Containing(int member)
    {
        var weights = new double[_chosen.Length];
        weights[member] = 1;
        var panel = Best(weights);
        return panel is not null && panel.Contains(member) ? panel : null;
    }

    private Panel? Solve()
    {
        Calls++;
        var solver = new CpSolver { StringParameters = Parameters };
        var status = solver.Solve(_model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible)) return null;
        return new Panel(Enumerable.Range(0, _chosen.Length).Where(i => solver.BooleanValue(_chosen[i])));
    }
}

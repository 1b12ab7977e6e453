using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.WorkingGroups;
using Google.OrTools.Sat;

namespace FeeBridge.Rollout.Selection;

/// <summary>A quota moved so that a panel exists: <see cref="NewMin"/>/<see cref="NewMax"/> instead of the quota's own.</summary>
public sealed record QuotaChange(TrackQuota Quota, int NewMin, int NewMax)
{
    /// <summary>The change in plain Danish: "Sporet implementering: sænk mindstetallet for Region Nordjylland fra 2 til 1."</summary>
    public string Danish
    {
        get
        {
            var what = SelectionFeatures.DanishValue(Quota.Feature, Quota.Value);
            var parts = new List<string>();
            if (NewMin != Quota.Min) parts.Add($"sænk mindstetallet for {what} fra {Quota.Min} til {NewMin}");
            if (NewMax != Quota.Max) parts.Add($"hæv det højeste tal for {what} fra {Quota.Max} til {NewMax}");
            return $"Sporet {Quota.Track}: {string.Join(" og ", parts)}.";
        }
    }
}

/// <summary>Whether a track's quotas can be met, and if not, the smallest change of them that can.</summary>
public sealed record FeasibilityReport(string Track, bool Feasible, IReadOnlyList<QuotaChange> Changes)
{
    /// <summary>The changes in Danish, one sentence each.</summary>
    public IReadOnlyList<string> Danish => [.. Changes.Select(c => c.Danish)];
}

/// <summary>
/// Asks CP-SAT whether some panel meets every quota; when none does, finds the smallest relaxation: each quota's
/// minimum may drop and its maximum rise, at a cost per step — raising a maximum costs 1, lowering a minimum
/// costs 1 + 2/minimum (the Sortition Foundation's weighting: a low minimum is reluctant to move), and taking a
/// minimum all the way to 0 costs 2 more, since leaving a group out entirely is the change people notice most (a
/// region minimum of 2 for five regions and 6 seats becomes 1 for four regions, never 0 for two).
/// </summary>
public static class QuotaFeasibility
{
    /// <summary>The report for an actual pool of applicants.</summary>
    public static FeasibilityReport Check(TrackPool pool)
    {
        var model = new CpModel();
        var chosen = Enumerable.Range(0, pool.Members.Count).Select(i => model.NewBoolVar($"x{i}")).ToArray();
        model.Add(LinearExpr.Sum(chosen) == pool.PanelSize);
        foreach (var same in Enumerable.Range(0, pool.Members.Count).GroupBy(i => pool.Members[i].Municipality).Where(g => g.Count() > 1))
            model.AddAtMostOne(same.Select(i => (ILiteral)chosen[i]));
        var lower = new List<IntVar>();
        var raise = new List<IntVar>();
        var cost = new List<long>();
        var vars = new List<IntVar>();
        foreach (var q in pool.Quotas)
        {
            var counted = LinearExpr.Sum(Enumerable.Range(0, pool.Members.Count).Where(i => pool.Counts(i, q)).Select(i => chosen[i]));
            var down = model.NewIntVar(0, q.Min, "down");
            var up = model.NewIntVar(0, Math.Max(0, pool.PanelSize), "up");
            model.Add(counted + down >= q.Min);
            model.Add(counted - up <= q.Max);
            lower.Add(down);
            raise.Add(up);
            vars.Add(down); cost.Add(q.Min == 0 ? 0 : (long)Math.Round(100 + 200.0 / q.Min));
            vars.Add(up); cost.Add(100);
            if (q.Min > 0)
            {
                // Dropping a minimum to 0 leaves a group out entirely: that costs 2 steps more.
                var dropped = model.NewBoolVar("dropped");
                model.Add(down <= q.Min - 1 + dropped);
                vars.Add(dropped); cost.Add(200);
            }
        }
        if (vars.Count > 0) model.Minimize(LinearExpr.WeightedSum(vars, cost));
        var solver = new CpSolver { StringParameters = "num_workers:1 random_seed:1 max_time_in_seconds:20" };
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            // Only the panel size itself can fail (never: it is at most the pool); say so rather than invent a change.
            return new FeasibilityReport(pool.Track, false, []);
        var changes = new List<QuotaChange>();
        for (var i = 0; i < pool.Quotas.Count; i++)
        {
            var q = pool.Quotas[i];
            var down = (int)solver.Value(lower[i]);
            var up = (int)solver.Value(raise[i]);
            if (down > 0 || up > 0) changes.Add(new QuotaChange(q, q.Min - down, q.Max + up));
        }
        return new FeasibilityReport(pool.Track, changes.Count == 0, changes);
    }

    /// <summary>
    /// The reports for a group before anyone applied: could its quotas be met if every municipality applied for every
    /// track, with either library type? A group whose quotas fail even then is refused with the changes.
    /// </summary>
    public static IReadOnlyList<FeasibilityReport> CheckGroup(WorkingGroup group, MunicipalityRegister register) =>
    [
        .. group.Tracks.Select(t =>
        {
            var everyone = register.All.SelectMany(m => Enum.GetValues<LibraryType>().Select(type =>
            {
                var sample = new GroupApplication($"{m.Code}-{SelectionFeatures.WireName(type)}", group.Id, t.Id, m.Code, "", default, t.Roles[0], type, default, "");
                return new PoolMember(sample.Id, m.Code, ApplicantFeatures.Of(sample, register));
            }));
            return Check(new TrackPool(t.Id, everyone, group.QuotasOf(t.Id), t.SeatsMax));
        }),
    ];
}

namespace FeeBridge.Rollout.Selection;

/// <summary>What LEGACY did over many draws: each applicant's share of the successful draws, and how often it failed.</summary>
public sealed record LegacyEstimate(int Draws, int Failures, IReadOnlyList<double> Frequencies)
{
    /// <summary>The smallest share of the successful draws anyone got (0 when every draw failed).</summary>
    public double MinFrequency => Frequencies.Count == 0 || Draws == Failures ? 0 : Frequencies.Min();
}

/// <summary>
/// The older greedy method, kept to compare against (DOMAIN.md §8: it left its least-favoured volunteers ≤ 0.03–2.24 %).
/// One seat at a time: take the quota that most needs people — the largest (minimum − seated) / still available —
/// and seat someone chosen at random among those available who count for it (anyone available when every minimum is
/// met); then nobody else from that municipality is available, nor anyone of a quota that reached its maximum. A draw
/// fails when people run out or a minimum is left unmet.
/// </summary>
public static class Legacy
{
    /// <summary>One greedy draw: a compliant panel, or null when it failed.</summary>
    public static Panel? Draw(TrackPool pool, Random random)
    {
        var n = pool.Members.Count;
        var available = new List<int>(Enumerable.Range(0, n));
        var seated = new int[pool.Quotas.Count];
        var chosen = new List<int>();
        for (var q = 0; q < pool.Quotas.Count; q++)
            if (pool.Quotas[q].Max == 0) available.RemoveAll(i => pool.Counts(i, pool.Quotas[q]));
        while (chosen.Count < pool.PanelSize)
        {
            if (available.Count == 0) return null;
            var urgent = -1;
            var urgency = 0.0;
            for (var q = 0; q < pool.Quotas.Count; q++)
            {
                var quota = pool.Quotas[q];
                var left = available.Count(i => pool.Counts(i, quota));
                if (left == 0 || quota.Min <= seated[q]) continue;
                var ratio = (quota.Min - seated[q]) / (double)left;
                if (ratio > urgency) { urgency = ratio; urgent = q; }
            }
            var candidates = urgent < 0 ? available : [.. available.Where(i => pool.Counts(i, pool.Quotas[urgent]))];
            var pick = candidates[random.Next(candidates.Count)];
            chosen.Add(pick);
            available.RemoveAll(i => pool.Members[i].Municipality == pool.Members[pick].Municipality);
            for (var q = 0; q < pool.Quotas.Count; q++)
            {
                if (!pool.Counts(pick, pool.Quotas[q])) continue;
                if (++seated[q] >= pool.Quotas[q].Max) available.RemoveAll(i => pool.Counts(i, pool.Quotas[q]));
            }
        }
        var panel = new Panel(chosen);
        return pool.Admits(panel) ? panel : null;
    }

    /// <summary><paramref name="draws"/> draws from a generator seeded with <paramref name="seed"/>.</summary>
    public static LegacyEstimate Estimate(TrackPool pool, int draws, int seed)
    {
        var random = new Random(seed);
        var counts = new int[pool.Members.Count];
        var failures = 0;
        for (var d = 0; d < draws; d++)
        {
            if (Draw(pool, random) is { } panel) foreach (var i in panel.Members) counts[i]++;
            else failures++;
        }
        var successes = draws - failures;
        return new LegacyEstimate(draws, failures, [.. counts.Select(c => successes == 0 ? 0 : c / (double)successes)]);
    }
}

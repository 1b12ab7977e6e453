using System.Diagnostics;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Selection;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.Bench;

/// <summary>
/// Scenario "selection" (issue #17): the working groups' selection in process, no database. Per track of the FBS 2.0
/// group (6 seats, implementering's quotas; 8 seats, uddannelse's), pools of 98 applicants drawn with weights that
/// favour the capital region (×3) and large municipalities (×2) — several from one municipality can be in a pool, the
/// panels still take at most one each — and a quarter school libraries. For each pool: the quota check, LEXIMIN's
/// time, panels generated, oracle calls and stages; the smallest chance in the rounded lottery and before rounding;
/// LEGACY's smallest share over 10,000 greedy draws on the same pool, and how many of those draws failed the quotas.
/// The aim: LEXIMIN under 10 s per track. Compare with DOMAIN.md §8 (LEGACY ≤ 0.03–2.24 %, LEXIMIN 2.4–32.5 %).
/// </summary>
public static class SelectionScenario
{
    private const int PoolSize = 98;
    private const int LegacyDraws = 10_000;
    private const int PoolsPerTrack = 3;

    public static Task RunAsync(BenchOptions o)
    {
        var register = MunicipalityRegister.Denmark;
        var group = WorkingGroupValidation.Validate(Fbs2WorkingGroup.Draft(Fbs2WorkingGroup.WebinarDeadline), register).Value!;
        Console.WriteLine($"# selection: {PoolsPerTrack} pools of {PoolSize} per track, skewed to Region Hovedstaden (×3) and large municipalities (×2), {LegacyDraws:N0} LEGACY draws, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine();
        Console.WriteLine("| seats | pool | municipalities | quota check ms | LEXIMIN s | method | panels | oracle calls | stages | min chance (lottery) | min (LP) | max (lottery) | LEGACY min | LEGACY max | LEGACY failed | LEGACY s |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var track in group.Tracks)
        {
            for (var seed = 1; seed <= PoolsPerTrack; seed++)
            {
                var pool = SkewedPool(track, group.QuotasOf(track.Id), register, seed);
                var watch = Stopwatch.StartNew();
                var report = QuotaFeasibility.Check(pool);
                var checkMs = watch.Elapsed.TotalMilliseconds;
                if (!report.Feasible)
                    pool = new TrackPool(track.Id, pool.Members, [.. pool.Quotas.Select(q => report.Changes.FirstOrDefault(c => c.Quota == q) is { } c ? q with { Min = c.NewMin, Max = c.NewMax } : q)], track.SeatsMax);
                watch.Restart();
                var d = Leximin.Find(pool, SelectionOptions.Default, TimeProvider.System)!;
                var leximinSeconds = watch.Elapsed.TotalSeconds;
                var counts = LotteryRounding.Round(d.Probabilities);
                var lotteryChances = new double[pool.Members.Count];
                for (var j = 0; j < d.Panels.Count; j++) foreach (var i in d.Panels[j].Members) lotteryChances[i] += counts[j] / (double)Lottery.Size;
                watch.Restart();
                var legacy = Legacy.Estimate(pool, LegacyDraws, seed);
                var legacySeconds = watch.Elapsed.TotalSeconds;
                Console.WriteLine($"| {track.SeatsMax} | {seed} | {pool.Members.Select(m => m.Municipality).Distinct().Count()} | {checkMs:F0} | {leximinSeconds:F2} | {d.Method.ToString().ToLowerInvariant()} | {d.PanelsGenerated} | {d.OracleCalls} | {d.Stages} | {Pct(lotteryChances.Min())} | {Pct(d.MinProbability)} | {Pct(lotteryChances.Max())} | {Pct(legacy.MinFrequency)} | {Pct(legacy.Frequencies.Max())} | {legacy.Failures:N0} ({Pct(legacy.Failures / (double)LegacyDraws)}) | {legacySeconds:F2} |");
                if (report.Changes.Count > 0) Console.WriteLine($"|  | quota changes: {string.Join(" ", report.Danish)} |");
            }
        }
        return Task.CompletedTask;
    }

    private static string Pct(double p) => (p * 100).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " %";

    /// <summary>98 applicants drawn with replacement: weight 3 for Region Hovedstaden, 2 for a large municipality (they multiply).</summary>
    private static TrackPool SkewedPool(WorkingGroupTrack track, IReadOnlyList<TrackQuota> quotas, MunicipalityRegister register, int seed)
    {
        var random = new Random(seed * 7919 + track.SeatsMax);
        var weights = register.All.Select(m => (m.Region == "Region Hovedstaden" ? 3.0 : 1.0) * (register.SizeOf(m) == MunicipalitySize.Large ? 2.0 : 1.0)).ToArray();
        var total = weights.Sum();
        var members = new List<PoolMember>();
        for (var i = 0; i < PoolSize; i++)
        {
            var pick = random.NextDouble() * total;
            var k = 0;
            while (pick > weights[k]) { pick -= weights[k]; k++; }
            var m = register.All[k];
            var type = random.NextDouble() < 0.25 ? LibraryType.Skolebibliotek : LibraryType.Folkebibliotek;
            members.Add(new PoolMember($"a{i:000}", m.Code, new Dictionary<SelectionFeature, string>
            {
                [SelectionFeature.Region] = m.Region,
                [SelectionFeature.Size] = register.SizeOf(m) == MunicipalitySize.Large ? "large" : "small",
                [SelectionFeature.LibraryType] = SelectionFeatures.WireName(type),
            }));
        }
        return new TrackPool(track.Id, members, quotas, track.SeatsMax);
    }
}

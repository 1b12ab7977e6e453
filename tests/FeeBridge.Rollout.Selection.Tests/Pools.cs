using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Selection;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.Rollout.Selection.Tests;

/// <summary>A random small pool with random quotas, built from a seed (the seed is what FsCheck reports on failure).</summary>
public sealed record PoolCase(int Seed, TrackPool Pool)
{
    public override string ToString() =>
        $"seed {Seed}: {Pool.Members.Count} applicants, {Pool.PanelSize} seats, quotas " +
        string.Join("; ", Pool.Quotas.Select(q => $"{q.Feature}={q.Value} {q.Min}-{q.Max}"));
}

public static class Pools
{
    public static readonly MunicipalityRegister Register = MunicipalityRegister.Denmark;

    /// <summary>The municipalities this test project may use (PREAMBLE: 259..480).</summary>
    public static readonly DanishMunicipality[] Ours = [.. Register.All.Where(m => int.Parse(m.Code.ToString()) is >= 259 and <= 480)];

    public static PoolMember Member(string id, DanishMunicipality m, LibraryType type) =>
        new(id, m.Code, new Dictionary<SelectionFeature, string>
        {
            [SelectionFeature.Region] = m.Region,
            [SelectionFeature.Size] = Register.SizeOf(m) == MunicipalitySize.Large ? "large" : "small",
            [SelectionFeature.LibraryType] = SelectionFeatures.WireName(type),
        });

    /// <summary>5–9 applicants (now and then two from one municipality), 2–4 seats, 1–4 quotas; relaxed to feasible.</summary>
    public static PoolCase Random(int seed)
    {
        var r = new Random(seed);
        var n = r.Next(5, 10);
        var k = r.Next(2, Math.Min(4, n - 1) + 1);
        var members = new List<PoolMember>();
        for (var i = 0; i < n; i++)
        {
            var m = i > 0 && r.NextDouble() < 0.15
                ? Register.Find(members[r.Next(members.Count)].Municipality)!
                : Ours[r.Next(Ours.Length)];
            members.Add(Member($"a{i:00}-{r.Next(1000):000}", m, r.NextDouble() < 0.3 ? LibraryType.Skolebibliotek : LibraryType.Folkebibliotek));
        }
        var quotas = new List<TrackQuota>();
        var quotaCount = r.Next(1, 5);
        for (var q = 0; q < quotaCount; q++)
        {
            var feature = SelectionFeatures.All[r.Next(3)];
            var value = members[r.Next(n)].Features[feature];
            if (quotas.Any(x => x.Feature == feature && x.Value == value)) continue;
            var min = r.Next(0, 3);
            quotas.Add(new TrackQuota("t", feature, value, min, r.Next(min, k + 1)));
        }
        var pool = new TrackPool("t", members, quotas, k);
        var report = QuotaFeasibility.Check(pool);
        if (!report.Feasible)
            pool = new TrackPool("t", members, [.. quotas.Select(q => report.Changes.FirstOrDefault(c => c.Quota == q) is { } c ? q with { Min = c.NewMin, Max = c.NewMax } : q)], k);
        return new PoolCase(seed, pool);
    }
}

using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.Rollout.Selection;

/// <summary>
/// What the selection found for one track: the pool's size and seats, the quota changes it had to make (the applicants
/// could not meet the quotas as set; empty when they could), the LEXIMIN distribution, LEGACY on the same pool for
/// comparison, and the largest amount any chance moved when the lottery was rounded to 1,000 panels.
/// </summary>
public sealed record TrackPlan(
    WorkingGroupTrack Track,
    int Applicants,
    int Seats,
    IReadOnlyList<QuotaChange> QuotaChanges,
    TrackDistribution Distribution,
    LegacyEstimate Legacy,
    double LargestRoundingShift);

/// <summary>The prepared selection of a group: each track's plan and the lottery to publish before the draw.</summary>
public sealed record SelectionPlan(IReadOnlyList<TrackPlan> Tracks, Lottery Lottery);

/// <summary>The panel drawn for a track and who is on it.</summary>
public sealed record TrackDraw(string Track, int Index, IReadOnlyList<string> Selected);

/// <summary>
/// The selection of a working group, start to end and without I/O: per track, the pool of applications; the quota
/// check (when the applicants cannot meet the quotas, the smallest change is made and reported — it is part of the
/// published list, so nobody can move a quota unseen); LEXIMIN (MAXIMIN after the time limit); the rounding to
/// 1,000 panels; the lottery's canonical list and hash; and, given the public random value, the draw.
/// </summary>
public static class WorkingGroupSelection
{
    /// <summary>Prepares the lottery. <paramref name="legacyDraws"/> greedy draws per track measure LEGACY on the same pool.</summary>
    public static SelectionPlan Prepare(
        WorkingGroup group,
        IReadOnlyList<GroupApplication> applications,
        MunicipalityRegister register,
        SelectionOptions options,
        TimeProvider clock,
        int legacyDraws = 10_000)
    {
        var plans = new List<TrackPlan>();
        var lotteries = new List<TrackLottery>();
        foreach (var track in group.Tracks)
        {
            var pool = TrackPool.For(group, track, applications, register);
            var report = QuotaFeasibility.Check(pool);
            if (!report.Feasible)
            {
                var relaxed = pool.Quotas.Select(q => report.Changes.FirstOrDefault(c => c.Quota == q) is { } c ? q with { Min = c.NewMin, Max = c.NewMax } : q).ToList();
                pool = new TrackPool(track.Id, pool.Members, relaxed, track.SeatsMax);
            }
            var distribution = Leximin.Find(pool, options, clock)
                ?? throw new InvalidOperationException($"Track {track.Id}: no panel even after relaxing the quotas."); // cannot happen: relaxing reaches every panel
            var counts = LotteryRounding.Round(distribution.Probabilities);
            var panels = distribution.Panels.SelectMany((p, j) => Enumerable.Repeat(p, counts[j])).Order().ToList();
            var members = pool.Members.Select(m => new LotteryMember(m.ApplicationId,
                m.Features.GetValueOrDefault(SelectionFeature.Region, ""), m.Features.GetValueOrDefault(SelectionFeature.Size, ""),
                m.Features.GetValueOrDefault(SelectionFeature.LibraryType, ""))).ToList();
            var lottery = new TrackLottery(track.Id, pool.PanelSize, pool.Quotas, members,
                [.. panels.Select(p => (IReadOnlyList<string>)[.. p.Members.Select(i => pool.Members[i].ApplicationId)])]);
            var chances = lottery.Chances;
            var shift = pool.Members.Select((m, i) => Math.Abs(chances[m.ApplicationId] - distribution.Marginals[i])).DefaultIfEmpty(0).Max();
            var legacy = pool.EveryoneFits ? new LegacyEstimate(0, 0, [.. distribution.Marginals]) : Legacy.Estimate(pool, legacyDraws, seed: 17);
            plans.Add(new TrackPlan(track, pool.Members.Count, pool.PanelSize, report.Changes, distribution, legacy, shift));
            lotteries.Add(lottery);
        }
        return new SelectionPlan(plans, new Lottery(group.Id, lotteries));
    }

    /// <summary>The draw: per track, panel <see cref="Lottery.DrawIndex"/> of the published list.</summary>
    public static IReadOnlyList<TrackDraw> Draw(Lottery lottery, string randomValue) =>
    [
        .. lottery.Tracks.Select(t =>
        {
            var index = Lottery.DrawIndex(randomValue, t.Track);
            return new TrackDraw(t.Track, index, t.Panels.Count == 0 ? [] : t.Panels[index % t.Panels.Count]);
        }),
    ];
}

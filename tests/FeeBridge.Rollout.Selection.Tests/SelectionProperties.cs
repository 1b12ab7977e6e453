using FeeBridge.Rollout.Selection;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FeeBridge.Rollout.Selection.Tests;

/// <summary>
/// The selection's invariants over random pools and quotas (issue #17): every drawn panel meets every quota and the
/// one-per-municipality rule; the chances sum to the seats; the smallest chance equals the MAXIMIN optimum computed
/// independently; LEXIMIN is never below LEGACY's empirical minimum. Small pools (5–9), so CI stays fast.
/// </summary>
public sealed class SelectionProperties
{
    private static readonly SelectionOptions Options = new(TimeSpan.FromSeconds(30));

    private static Arbitrary<PoolCase> Cases() => Gen.Choose(0, int.MaxValue).Select(Pools.Random).ToArbitrary();

    private static (TrackDistribution Distribution, TrackLottery Lottery) Select(TrackPool pool)
    {
        var d = Leximin.Find(pool, Options, TimeProvider.System)!;
        var counts = LotteryRounding.Round(d.Probabilities);
        var panels = d.Panels.SelectMany((p, j) => Enumerable.Repeat(p, counts[j])).Order()
            .Select(p => (IReadOnlyList<string>)[.. p.Members.Select(i => pool.Members[i].ApplicationId)]).ToList();
        return (d, new TrackLottery(pool.Track, pool.PanelSize, pool.Quotas,
            [.. pool.Members.Select(m => new LotteryMember(m.ApplicationId, "", "", ""))], panels));
    }

    [Property(MaxTest = 20)]
    public Property EveryPanelOfTheLottery_MeetsEveryQuota_AndTheOnePerMunicipalityRule() =>
        Prop.ForAll(Cases(), c =>
        {
            var (_, lottery) = Select(c.Pool);
            var index = c.Pool.Members.Select((m, i) => (m.ApplicationId, i)).ToDictionary(x => x.ApplicationId, x => x.i);
            return (lottery.Panels.Count == Lottery.Size
                && lottery.Panels.All(p => Independent.Compliant(c.Pool, [.. p.Select(id => index[id])]))).Label(c.ToString());
        });

    [Property(MaxTest = 20)]
    public Property TheChances_SumToTheSeats_BeforeAndAfterRounding() =>
        Prop.ForAll(Cases(), c =>
        {
            var (d, lottery) = Select(c.Pool);
            var seats = c.Pool.PanelSize;
            return (Math.Abs(d.Marginals.Sum() - seats) < 1e-6 && Math.Abs(lottery.Chances.Values.Sum() - seats) < 1e-9
                && Math.Abs(d.Probabilities.Sum() - 1) < 1e-9).Label(c.ToString());
        });

    [Property(MaxTest = 20)]
    public Property TheSmallestChance_IsTheMaximinOptimum_ComputedIndependently() =>
        Prop.ForAll(Cases(), c =>
        {
            var (d, _) = Select(c.Pool);
            var optimum = Independent.MaximinOptimum(c.Pool);
            // MAXIMIN is over those some compliant panel can hold (the rest have chance 0 under any lottery).
            var onSome = Independent.AllCompliantPanels(c.Pool).SelectMany(p => p).ToHashSet();
            var min = onSome.Count == 0 ? 0 : onSome.Min(i => d.Marginals[i]);
            // Column generation stops when no panel beats the dual by more than 5e-4 (Leximin.Eps).
            return (Math.Abs(min - optimum) <= 1e-3).Label($"{c}: leximin min {min}, maximin {optimum}");
        });

    [Property(MaxTest = 20)]
    public Property Leximin_IsNeverBelow_LegacysEmpiricalMinimum() =>
        Prop.ForAll(Cases(), c =>
        {
            var (d, _) = Select(c.Pool);
            var legacy = Legacy.Estimate(c.Pool, draws: 400, seed: c.Seed);
            // LEGACY's successful draws are themselves a lottery over compliant panels, so their minimum cannot beat MAXIMIN.
            return (legacy.Draws == legacy.Failures || d.MinProbability >= legacy.MinFrequency - 1e-3)
                .Label($"{c}: leximin {d.MinProbability}, legacy {legacy.MinFrequency} ({legacy.Failures} failures)");
        });

    [Property(MaxTest = 10)]
    public Property TheSameInputs_GiveTheSameLottery() =>
        Prop.ForAll(Cases(), c =>
        {
            var a = new Lottery("g", [Select(c.Pool).Lottery]);
            var b = new Lottery("g", [Select(Pools.Random(c.Seed).Pool).Lottery]);
            return (a.Hash == b.Hash).Label(c.ToString());
        });

    [Property(MaxTest = 20)]
    public Property AnApplicantOnNoCompliantPanel_HasChanceZero_AndEveryoneElseMore() =>
        Prop.ForAll(Cases(), c =>
        {
            var (d, _) = Select(c.Pool);
            var onSome = Independent.AllCompliantPanels(c.Pool).SelectMany(p => p).ToHashSet();
            return Enumerable.Range(0, c.Pool.Members.Count).All(i => onSome.Contains(i) ? d.Marginals[i] > 1e-6 : d.Marginals[i] < 1e-9)
                .Label(c.ToString());
        });
}

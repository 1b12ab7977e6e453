using FeeBridge.Rollout.Selection;

namespace FeeBridge.Rollout.Selection.Tests;

/// <summary>Issue #17: "MAXIMIN as fallback when a time limit is reached" — still a lottery over compliant panels, said so.</summary>
public sealed class MaximinFallbackTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(2061245530)]
    [InlineData(617418017)]
    public void WhenTheTimeLimitIsReached_TheMaximinLotteryOverThePanelsFound_IsTaken_AndSaysSo(int seed)
    {
        var c = Pools.Random(seed);
        if (c.Pool.EveryoneFits) return; // nothing to select
        var d = Leximin.Find(c.Pool, new SelectionOptions(TimeSpan.Zero), TimeProvider.System)!;
        d.Method.ShouldBe(SelectionMethod.Maximin);
        d.Panels.ShouldAllBe(p => Independent.Compliant(c.Pool, p.Members.ToArray()));
        d.Marginals.Sum().ShouldBe(c.Pool.PanelSize, 1e-6);
        // Over the panels found so far: never above the optimum over all panels.
        var onSome = Independent.AllCompliantPanels(c.Pool).SelectMany(p => p).ToHashSet();
        onSome.Min(i => d.Marginals[i]).ShouldBeLessThanOrEqualTo(Independent.MaximinOptimum(c.Pool) + 1e-6);
    }
}

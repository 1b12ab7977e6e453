using FeeBridge.Domain.Claims;
using static FeeBridge.Domain.Tests.Claims.TestClaims;

namespace FeeBridge.Domain.Tests.Claims;

/// <summary><see cref="ClaimState.EventsFolded"/> is process-wide: these run alone, after every parallel test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FoldCounter
{
    public const string Name = "fold counter";
}

/// <summary>
/// Issue 14: 2,000 reports on one claim took minutes, because each refolded the whole history. Moving a claim on by
/// one event must cost that event, not the history: counted, not timed.
/// </summary>
[Collection(FoldCounter.Name)]
public class FoldCostTests
{
    [Fact]
    public void TwoThousandReports_OneAtATime_FoldEachEventOnce_AndFindTheirKeysWithoutAScan()
    {
        var s = Queued(Header("120.00"));
        var before = ClaimState.EventsFolded;
        var ids = new List<Guid>();
        for (var i = 0; i < 2000; i++)
        {
            var r = new DebtorSystemReported(Guid.NewGuid(), DebtorEventKind.Covered, Money.Parse("0.01"), new DateOnly(2026, 12, 1), null, Money.FromOre(12000 - i - 1));
            ids.Add(r.HaendelseId);
            if (DebtorEvents.Record(s, r, Now) is CommandOutcome.Accepted a) s = s.With(a.Events);
        }
        // Refolded per report: 2,000 × 1,000 on average.
        (ClaimState.EventsFolded - before).ShouldBe(2000);
        s.Paid.ShouldBe(Money.Parse("20.00"));
        s.Events.Count.ShouldBe(2002);
        s.FindByKey(DebtorEvents.Key(ids[0])).ShouldNotBeNull();
        s.NeedsReconciliation.ShouldBeFalse();
    }

    [Fact]
    public void AStateMovedOn_LeavesTheOneItCameFrom_AsItWas()
    {
        var s = Queued(Header("120.00"));
        var paid = s.With([new DebtorSystemReported(Guid.NewGuid(), DebtorEventKind.Covered, Money.Parse("120.00"), new DateOnly(2026, 12, 1), null, Money.Zero) { Seq = 3, At = Now }]);
        var downOnLine = s.With([new ClaimWrittenDown("w", Money.Parse("20.00"), WriteDownReason.MaterialReturned, "1") { Seq = 3, At = Now }]);
        s.Events.Count.ShouldBe(2);
        s.Status.ShouldBe(ClaimStatus.Queued);
        s.LineOutstanding("1").ShouldBe(Money.Parse("120.00"));
        paid.Status.ShouldBe(ClaimStatus.Paid);
        downOnLine.LineOutstanding("1").ShouldBe(Money.Parse("100.00"));
        downOnLine.FindByKey("write-down:w").ShouldNotBeNull();
        paid.FindByKey("write-down:w").ShouldBeNull();
    }
}

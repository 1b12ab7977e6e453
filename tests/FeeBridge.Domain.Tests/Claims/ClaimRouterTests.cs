using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using static FeeBridge.Domain.Tests.Claims.TestClaims;

namespace FeeBridge.Domain.Tests.Claims;

public class ClaimRouterTests
{
    private static RoutingDecision Route(ClaimHeader h, MunicipalityRules? rules = null, string waiting = "0.00") =>
        ClaimRouter.Route(h, CphLibrary, rules ?? Copenhagen, Money.Parse(waiting));

    [Fact]
    public void CutOver_ClaimCreatedBeforeTheAgencysCutOverDate_StaysWithTheLibrary() =>
        Route(Header(createdAt: "2020-11-29T12:00:00+01:00")).ShouldBe(new RoutingDecision.Hold(HoldReason.BeforeCutOver));

    [Fact]
    public void CutOver_ClaimCreatedOnTheCutOverDate_Goes() =>
        Route(Header(createdAt: "2020-11-30T00:05:00+01:00")).ShouldBeOfType<RoutingDecision.Queue>();

    [Fact]
    public void CutOver_IsDecidedOnTheDanishDate_NotUtc()
    {
        // 23:30 UTC on the 29th is 00:30 on the 30th in Copenhagen.
        Route(Header(createdAt: "2020-11-29T23:30:00Z")).ShouldBeOfType<RoutingDecision.Queue>();
        Route(Header(createdAt: "2020-11-29T22:59:00Z")).ShouldBe(new RoutingDecision.Hold(HoldReason.BeforeCutOver));
    }

    [Fact]
    public void CutOver_ComesBeforeTheKindRule() =>
        Route(Header(kind: ClaimKind.Compensation, createdAt: "2019-01-01T12:00:00+01:00")).ShouldBe(new RoutingDecision.Hold(HoldReason.BeforeCutOver));

    [Fact]
    public void Kinds_FeeGoesAsBIBGEBYR() =>
        Route(Header()).ShouldBeOfType<RoutingDecision.Queue>().Event.ClaimType.ShouldBe(DebtorClaimType.BIBGEBYR);

    [Fact]
    public void Kinds_AcknowledgedCompensationGoesAsBIBERSTATNING() =>
        Route(Header(kind: ClaimKind.Compensation, acknowledged: true)).ShouldBeOfType<RoutingDecision.Queue>().Event.ClaimType.ShouldBe(DebtorClaimType.BIBERSTATNING);

    [Fact]
    public void Kinds_UnacknowledgedCompensation_HeldWhereTheMunicipalityHoldsIt() =>
        Route(Header(kind: ClaimKind.Compensation)).ShouldBe(new RoutingDecision.Hold(HoldReason.CompensationNotAcknowledged));

    [Fact]
    public void Kinds_UnacknowledgedCompensation_SentAsCivilWhereTheMunicipalitySendsIt() =>
        Route(Header(kind: ClaimKind.Compensation), Aarhus).ShouldBeOfType<RoutingDecision.Queue>().Event.ClaimType.ShouldBe(DebtorClaimType.BIBERSTATNINGCIVIL);

    [Fact]
    public void Minimum_ClaimBelowItWaits() =>
        Route(Header(amount: "99.99")).ShouldBe(new RoutingDecision.Hold(HoldReason.BelowMinimum));

    [Fact]
    public void Minimum_ClaimExactlyAtItGoes_AndReleasesNothing() =>
        Route(Header(amount: "100.00")).ShouldBeOfType<RoutingDecision.Queue>().ReleaseWaiting.ShouldBeFalse();

    [Fact]
    public void Minimum_WhenThePatronsWaitingClaimsTogetherReachIt_AllGo() =>
        Route(Header(amount: "20.00"), waiting: "80.00").ShouldBeOfType<RoutingDecision.Queue>().ReleaseWaiting.ShouldBeTrue();

    [Fact]
    public void Minimum_WaitingClaimsStillShort_KeepWaiting() =>
        Route(Header(amount: "20.00"), waiting: "79.99").ShouldBe(new RoutingDecision.Hold(HoldReason.BelowMinimum));

    [Fact]
    public void Minimum_CountsAllLinesOfTheClaim() =>
        Route(Header("60.00", ClaimKind.Fee, false, "2026-11-20T10:15:00+01:00", null, "40.00")).ShouldBeOfType<RoutingDecision.Queue>();

    [Fact]
    public void LastOnTimePaymentDate_IsCreationPlus30Days_MovedToTheNextBankingDay()
    {
        // 2026-11-20 + 30 = 2026-12-20, a Sunday → Monday 2026-12-21.
        var q = Route(Header()).ShouldBeOfType<RoutingDecision.Queue>().Event;
        q.LastOnTimePaymentDate.ShouldBe(new DateOnly(2026, 12, 21));
        q.DueDate.ShouldBe(new DateOnly(2026, 11, 20));
    }

    [Fact]
    public void LastOnTimePaymentDate_SkipsChristmasAndNewYear()
    {
        // 2026-11-24 + 30 = 2026-12-24 (Christmas Eve, Thursday) → 25, 26 (Sat), 27 (Sun) → Monday 28th.
        PaymentDeadline.LastOnTimePaymentDate(DateTimeOffset.Parse("2026-11-24T12:00:00+01:00"), 30).ShouldBe(new DateOnly(2026, 12, 28));
        // 2026-12-01 + 30 = 2026-12-31 (closed) → 1 Jan (closed) → Sat, Sun → Monday 4 January 2027.
        PaymentDeadline.LastOnTimePaymentDate(DateTimeOffset.Parse("2026-12-01T12:00:00+01:00"), 30).ShouldBe(new DateOnly(2027, 1, 4));
    }

    [Fact]
    public void LastOnTimePaymentDate_UsesTheMunicipalitysNumberOfDays()
    {
        var rules = Copenhagen with { PaymentDays = 14 };
        // 2026-11-20 + 14 = 2026-12-04, a Friday.
        ClaimRouter.QueuedEvent(Header(), DebtorClaimType.BIBGEBYR, rules).LastOnTimePaymentDate.ShouldBe(new DateOnly(2026, 12, 4));
    }

    [Fact]
    public void LastOnTimePaymentDate_CountsFromTheDanishCreationDate() =>
        // 23:30 UTC on 30 April is 1 May in Copenhagen; + 30 = 31 May 2026 (Sunday) → 1 June.
        PaymentDeadline.LastOnTimePaymentDate(DateTimeOffset.Parse("2026-04-30T23:30:00Z"), 30).ShouldBe(new DateOnly(2026, 6, 1));

    [Fact]
    public void Guardian_ClaimWithAGuardian_MakesTheGuardianLiable()
    {
        var guardian = Cpr.Parse("0505751234");
        var h = Header(guardian: guardian);
        h.LiableParty(h.Debtor).ShouldBe(DebtorId.Person(guardian));
        Queued(h).LiableParty.ShouldBe(DebtorId.Person(guardian));
    }

    [Fact]
    public void Guardian_WithoutOne_TheDebtorIsLiable()
    {
        var h = Header();
        Queued(h).LiableParty.ShouldBe(h.Debtor);
    }
}

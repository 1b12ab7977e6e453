using FeeBridge.Domain.Claims;
using static FeeBridge.Domain.Tests.Claims.TestClaims;

namespace FeeBridge.Domain.Tests.Claims;

public class ClaimLedgerTests
{
    [Fact]
    public void StatusAndAmounts_AreDerivedFromTheEvents()
    {
        var s = Queued();
        s.Status.ShouldBe(ClaimStatus.Queued);
        s.Route.ShouldBe(ClaimRoute.DebtorSystem);
        s.Amount.ShouldBe(Money.Parse("120.00"));
        s.Outstanding.ShouldBe(Money.Parse("120.00"));
        s.Events.Select(e => e.Seq).ShouldBe([1, 2]);
    }

    [Fact]
    public void WriteDown_ReducesOutstanding_AndToZeroMeansWrittenDown()
    {
        var s = Queued().Apply(ClaimCommands.WriteDown(Queued(), "w1", Money.Parse("20.00"), WriteDownReason.MaterialReturned, null, Now));
        s.WrittenDown.ShouldBe(Money.Parse("20.00"));
        s.Outstanding.ShouldBe(Money.Parse("100.00"));
        s.Status.ShouldBe(ClaimStatus.Queued);

        var zero = s.Apply(ClaimCommands.WriteDown(s, "w2", Money.Parse("100.00"), WriteDownReason.Error, null, Now));
        zero.Status.ShouldBe(ClaimStatus.WrittenDown);
        zero.Outstanding.ShouldBe(Money.Zero);
        zero.IsClosed.ShouldBeTrue();
    }

    [Fact]
    public void WriteDown_SameIdSameContent_IsAlreadyDone_DifferentContent_IsAConflict()
    {
        var s = Queued();
        s = s.Apply(ClaimCommands.WriteDown(s, "w1", Money.Parse("20.00"), WriteDownReason.MaterialReturned, null, Now));
        ClaimCommands.WriteDown(s, "w1", Money.Parse("20.00"), WriteDownReason.MaterialReturned, null, Now).ShouldBeOfType<CommandOutcome.AlreadyDone>();
        ClaimCommands.WriteDown(s, "w1", Money.Parse("21.00"), WriteDownReason.MaterialReturned, null, Now).ShouldBeOfType<CommandOutcome.Conflict>();
    }

    [Fact]
    public void WriteDown_AboveOutstanding_IsInvalid() =>
        ClaimCommands.WriteDown(Queued(), "w", Money.Parse("120.01"), WriteDownReason.Other, null, Now)
            .ShouldBeOfType<CommandOutcome.Invalid>().Field.ShouldBe("amount");

    [Fact]
    public void WriteDown_OnALine_IsLimitedToThatLine_AndUnknownLinesAreInvalid()
    {
        var s = Queued(Header("100.00", ClaimKind.Fee, false, "2026-11-20T10:15:00+01:00", null, "30.00"));
        ClaimCommands.WriteDown(s, "w", Money.Parse("30.01"), WriteDownReason.Other, "2", Now).ShouldBeOfType<CommandOutcome.Invalid>();
        ClaimCommands.WriteDown(s, "w", Money.Parse("1.00"), WriteDownReason.Other, "7", Now).ShouldBeOfType<CommandOutcome.Invalid>().Field.ShouldBe("lineId");
        var after = s.Apply(ClaimCommands.WriteDown(s, "w", Money.Parse("30.00"), WriteDownReason.Other, "2", Now));
        after.LineOutstanding("2").ShouldBe(Money.Zero);
        after.LineOutstanding("1").ShouldBe(Money.Parse("100.00"));
    }

    [Fact]
    public void WriteDown_WithoutALine_TakesFromTheLinesInOrder()
    {
        var s = Queued(Header("100.00", ClaimKind.Fee, false, "2026-11-20T10:15:00+01:00", null, "30.00"));
        var after = s.Apply(ClaimCommands.WriteDown(s, "w", Money.Parse("110.00"), WriteDownReason.Other, null, Now));
        after.LineOutstanding("1").ShouldBe(Money.Zero);
        after.LineOutstanding("2").ShouldBe(Money.Parse("20.00"));
    }

    [Fact]
    public void Cancel_ClosesTheClaim_RepeatIsAlreadyDone_AndNoMoreWriteDowns()
    {
        var s = Queued().Apply(ClaimCommands.Cancel(Queued(), "fejl", Now));
        s.Status.ShouldBe(ClaimStatus.Cancelled);
        ClaimCommands.Cancel(s, "igen", Now).ShouldBeOfType<CommandOutcome.AlreadyDone>();
        ClaimCommands.WriteDown(s, "w", Money.Parse("1.00"), WriteDownReason.Other, null, Now).ShouldBeOfType<CommandOutcome.Conflict>();
    }

    [Fact]
    public void DebtorChange_OpenClaimFollowsTheNewDebtor_SameDebtorChangesNothing()
    {
        var newDebtor = DebtorId.Person(Cpr.Parse("0202021234"));
        var s = Queued().Apply(ClaimCommands.ChangeDebtor(Queued(), newDebtor, Now));
        s.Debtor.ShouldBe(newDebtor);
        s.LiableParty.ShouldBe(newDebtor);
        ClaimCommands.ChangeDebtor(s, newDebtor, Now).ShouldBeOfType<CommandOutcome.AlreadyDone>();
    }

    [Fact]
    public void DebtorChange_ToACompany_ByCvr()
    {
        var company = DebtorId.Organisation(Cvr.Parse("29189846"));
        Queued().Apply(ClaimCommands.ChangeDebtor(Queued(), company, Now)).Debtor.IsPerson.ShouldBeFalse();
    }

    [Fact]
    public void DebtorChange_ClosedClaimKeepsItsDebtor()
    {
        var s = Queued().Apply(ClaimCommands.Cancel(Queued(), "fejl", Now));
        ClaimCommands.ChangeDebtor(s, DebtorId.Person(Cpr.Parse("0202021234")), Now).ShouldBeOfType<CommandOutcome.AlreadyDone>();
    }

    [Fact]
    public void NewEvents_AreNumberedAfterTheExistingOnes()
    {
        var o = ClaimCommands.Cancel(Queued(), "fejl", Now).ShouldBeOfType<CommandOutcome.Accepted>();
        o.Events.Single().Seq.ShouldBe(3);
    }

    [Fact]
    public void DebtorId_PrintsTheCprMasked() =>
        DebtorId.Person(Cpr.Parse("0101901234")).ToString().ShouldBe("CPR 010190-****");

}

public class DebtorSystemHandlingsTests
{
    private static ClaimState HeldBelowMinimum() =>
        ClaimState.Fold(TestClaims.Header(amount: "20.00"), [new ClaimReceived(Money.Parse("20.00")) { Seq = 1 }, new ClaimHeld(HoldReason.BelowMinimum) { Seq = 2 }]);

    [Fact]
    public void Handlings_QueuingAClaimRegistersIt() =>
        DebtorSystemHandlings.For(HeldBelowMinimum(), new ClaimQueued(DebtorClaimType.BIBGEBYR, default, default)).ShouldBe(HandlingKind.OpretDebitorkonto);

    [Fact]
    public void Handlings_UpdatesOfAQueuedClaimGoToTheDebtorSystem()
    {
        var q = TestClaims.Queued();
        DebtorSystemHandlings.For(q, new ClaimWrittenDown("w", Money.Parse("1.00"), WriteDownReason.Other, null)).ShouldBe(HandlingKind.NedskrivFordring);
        DebtorSystemHandlings.For(q, new ClaimCancelled("fejl")).ShouldBe(HandlingKind.AnnullerFordring);
        DebtorSystemHandlings.For(q, new DebtorChanged(DebtorId.Person(Cpr.Parse("0202021234")))).ShouldBe(HandlingKind.SkiftJuridiskAnsvarlig);
    }

    [Fact]
    public void Handlings_UpdatesOfAHeldClaimChangeItLocallyAndSendNothing()
    {
        var held = HeldBelowMinimum();
        DebtorSystemHandlings.For(held, new ClaimWrittenDown("w", Money.Parse("1.00"), WriteDownReason.Other, null)).ShouldBeNull();
        DebtorSystemHandlings.For(held, new ClaimCancelled("fejl")).ShouldBeNull();
        DebtorSystemHandlings.For(held, new DebtorChanged(DebtorId.Person(Cpr.Parse("0202021234")))).ShouldBeNull();
    }

    [Fact]
    public void Handlings_ARejectedClaim_IsSentAgainOnceItsDebtorIsCorrected_AndOtherChangesStayLocal()
    {
        var rejected = TestClaims.Queued().With([new ClaimRejected("UKENDT_PERSON", "Personen findes ikke i CPR.") { Seq = 3 }]);
        rejected.Status.ShouldBe(ClaimStatus.Rejected);
        DebtorSystemHandlings.For(rejected, new DebtorChanged(DebtorId.Person(Cpr.Parse("0202021234")))).ShouldBe(HandlingKind.OpretDebitorkonto);
        DebtorSystemHandlings.For(rejected, new ClaimWrittenDown("w", Money.Parse("1.00"), WriteDownReason.Other, null)).ShouldBeNull();
        DebtorSystemHandlings.For(rejected, new ClaimCancelled("fejl")).ShouldBeNull();
    }

    [Fact]
    public void StatusSince_IsWhenTheClaimTookItsStatus_AndChangesThatKeepTheStatusLeaveIt()
    {
        var (rejectedAt, writtenDownAt, correctedAt) = (Now.AddHours(1), Now.AddHours(2), Now.AddHours(3));
        Queued().StatusSince.ShouldBe(Now);
        var rejected = Queued().With([new ClaimRejected("UKENDT_PERSON", "Personen findes ikke i CPR.") { Seq = 3, At = rejectedAt }]);
        rejected.StatusSince.ShouldBe(rejectedAt);

        // A partial write-down changes the claim (UpdatedAt) but not its status: the finance queue keeps its place and version.
        var writtenDown = rejected.With([new ClaimWrittenDown("w", Money.Parse("1.00"), WriteDownReason.Other, null) { Seq = 4, At = writtenDownAt }]);
        writtenDown.Status.ShouldBe(ClaimStatus.Rejected);
        writtenDown.UpdatedAt.ShouldBe(writtenDownAt);
        writtenDown.StatusSince.ShouldBe(rejectedAt);

        var cancelled = writtenDown.With([new ClaimCancelled("fejl") { Seq = 5, At = correctedAt }]);
        cancelled.StatusSince.ShouldBe(correctedAt);
    }

    [Fact]
    public void Handlings_WithAGuardian_ThePatronsNewNumberMovesNoLiability()
    {
        var withGuardian = TestClaims.Queued(TestClaims.Header(guardian: Cpr.Parse("0505751234")));
        DebtorSystemHandlings.For(withGuardian, new DebtorChanged(DebtorId.Person(Cpr.Parse("0202021234")))).ShouldBeNull();
    }
}

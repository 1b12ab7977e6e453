using FeeBridge.Domain.Claims;
using static FeeBridge.Domain.Tests.Claims.TestClaims;

namespace FeeBridge.Domain.Tests.Claims;

/// <summary>What the library side hears when a claim changes (CONTRACTS.md §1 callbacks, §2 FBS; docs/fbs.md).</summary>
public class LibraryNoticeTests
{
    private static readonly ClaimState Registered = Queued().With([new ClaimRegistered("DS-1") { Seq = 3, At = Now }]);

    private static ClaimState Report(ClaimState s, DebtorEventKind kind, string amount) =>
        s.With([new DebtorSystemReported(Guid.NewGuid(), kind, Money.Parse(amount), new DateOnly(2026, 12, 1), null, Money.Zero) { Seq = s.NextSeq, At = Now }]);

    [Fact]
    public void Registration_IsACallback_AndFbsHearsNothing()
    {
        var notices = LibraryNotices.For(Queued(), Registered, agencyUsesFbs: true);
        notices.ShouldBe([new LibraryNotice(LibraryNotices.Registered, NoticeTarget.Webhook)]);
    }

    [Fact]
    public void FullPayment_IsRegisteredInFbs_AndACallback()
    {
        var paid = Report(Registered, DebtorEventKind.Covered, "120.00");
        var notices = LibraryNotices.For(Registered, paid, agencyUsesFbs: true);
        notices.Select(n => (n.EventType, n.Target)).ShouldBe([(LibraryNotices.Paid, NoticeTarget.Webhook), (LibraryNotices.Paid, NoticeTarget.Fbs)]);
    }

    [Fact]
    public void APartPayment_CannotGoToFbs_WhichPaysWhole_SoStaffSeeIt()
    {
        var part = Report(Registered, DebtorEventKind.Covered, "20.00");
        var notices = LibraryNotices.For(Registered, part, agencyUsesFbs: true);
        notices.ShouldContain(n => n.Target == NoticeTarget.Webhook && n.EventType == LibraryNotices.PartiallyPaid);
        notices.ShouldNotContain(n => n.Target == NoticeTarget.Fbs);
        notices.Single(n => n.Target == NoticeTarget.Staff).Note!.ShouldContain("20.00");
    }

    [Fact]
    public void EachFurtherPartPayment_IsACallbackToo()
    {
        var first = Report(Registered, DebtorEventKind.Covered, "20.00");
        var second = Report(first, DebtorEventKind.Covered, "30.00");
        LibraryNotices.For(first, second, agencyUsesFbs: false).ShouldBe([new LibraryNotice(LibraryNotices.PartiallyPaid, NoticeTarget.Webhook)]);
    }

    [Fact]
    public void AWriteOff_HasNoFbsCall_SoStaffAreTold()
    {
        var off = Report(Registered, DebtorEventKind.WrittenOff, "120.00");
        var notices = LibraryNotices.For(Registered, off, agencyUsesFbs: true);
        notices.ShouldContain(n => n.Target == NoticeTarget.Webhook && n.EventType == LibraryNotices.WrittenOff);
        notices.ShouldContain(n => n.Target == NoticeTarget.Staff);
        notices.ShouldNotContain(n => n.Target == NoticeTarget.Fbs);
    }

    [Fact]
    public void AReversalAfterSettlement_TellsFbsNothing_AndStaffAreTold()
    {
        var paid = Report(Registered, DebtorEventKind.Covered, "120.00");
        var reversed = Report(paid, DebtorEventKind.PaymentReversed, "120.00");
        var notices = LibraryNotices.For(paid, reversed, agencyUsesFbs: true);
        notices.ShouldNotContain(n => n.Target == NoticeTarget.Fbs);
        notices.ShouldContain(n => n.Target == NoticeTarget.Webhook && n.EventType == LibraryNotices.Reopened);
        notices.ShouldContain(n => n.Target == NoticeTarget.Staff);
    }

    [Fact]
    public void HandOffToCollection_IsACallback_AndTheBlockStays()
    {
        var handed = Report(Registered, DebtorEventKind.HandedToCollection, "120.00");
        LibraryNotices.For(Registered, handed, agencyUsesFbs: true).ShouldBe([new LibraryNotice(LibraryNotices.InCollection, NoticeTarget.Webhook)]);
    }

    [Fact]
    public void AnAgencyWithoutFbs_HearsOnlyThroughItsWebhook()
    {
        var paid = Report(Registered, DebtorEventKind.Covered, "120.00");
        LibraryNotices.For(Registered, paid, agencyUsesFbs: false).ShouldBe([new LibraryNotice(LibraryNotices.Paid, NoticeTarget.Webhook)]);
    }

    [Fact]
    public void NoChange_NoNotice() =>
        LibraryNotices.For(Registered, Registered, agencyUsesFbs: true).ShouldBeEmpty();
}

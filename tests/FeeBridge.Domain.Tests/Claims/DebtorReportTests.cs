using FeeBridge.Domain.Claims;
using static FeeBridge.Domain.Tests.Claims.TestClaims;

namespace FeeBridge.Domain.Tests.Claims;

/// <summary>The debtor system's reports applied to the ledger (CONTRACTS.md §3.2, issue #4).</summary>
public class DebtorReportTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);

    private static ClaimState Registered(string amount = "120.00") =>
        Queued(Header(amount)).With([new ClaimRegistered("DS-1") { Seq = 3, At = Now }]);

    private static DebtorSystemReported Report(DebtorEventKind kind, string beloeb, string restsaldo, int day = 0, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), kind, Money.Parse(beloeb), Day.AddDays(day), kind == DebtorEventKind.Covered ? "MobilePay" : null, Money.Parse(restsaldo));

    private static ClaimState Record(ClaimState s, params DebtorSystemReported[] reports)
    {
        foreach (var r in reports)
        {
            if (DebtorEvents.Record(s, r, Now) is CommandOutcome.Accepted a) s = s.With(a.Events);
        }
        return s;
    }

    [Fact]
    public void Daekning_Partial_MakesThePartiallyPaid_ThenFull_MakesItPaid()
    {
        var s = Record(Registered(), Report(DebtorEventKind.Covered, "50.00", "70.00"));
        s.Status.ShouldBe(ClaimStatus.PartiallyPaid);
        s.Paid.ShouldBe(Money.Parse("50.00"));
        s.Outstanding.ShouldBe(Money.Parse("70.00"));
        s.IsClosed.ShouldBeFalse();

        s = Record(s, Report(DebtorEventKind.Covered, "70.00", "0.00", day: 1));
        s.Status.ShouldBe(ClaimStatus.Paid);
        s.Outstanding.ShouldBe(Money.Zero);
        s.IsClosed.ShouldBeTrue();
        s.NeedsReconciliation.ShouldBeFalse();
    }

    [Fact]
    public void OverPayment_NeverMakesOutstandingNegative_ItIsACreditOwedBack()
    {
        var s = Record(Registered(), Report(DebtorEventKind.Covered, "150.00", "0.00"));
        s.Status.ShouldBe(ClaimStatus.Paid);
        s.Paid.ShouldBe(Money.Parse("120.00"));
        s.Outstanding.ShouldBe(Money.Zero);
        s.Credit.ShouldBe(Money.Parse("30.00"));
    }

    [Fact]
    public void AWriteDownAfterFullPayment_BecomesACredit_NotANegativeBalance()
    {
        var s = Record(Registered(), Report(DebtorEventKind.Covered, "120.00", "0.00"));
        s = s.With([new ClaimWrittenDown("w1", Money.Parse("20.00"), WriteDownReason.MaterialReturned, null) { Seq = s.NextSeq, At = Now }]);
        s.Outstanding.ShouldBe(Money.Zero);
        s.Credit.ShouldBe(Money.Parse("20.00"));
    }

    [Fact]
    public void Afskrivning_OfWhatIsLeft_MakesTheClaimWrittenOff()
    {
        var s = Record(Registered(), Report(DebtorEventKind.Covered, "20.00", "100.00"), Report(DebtorEventKind.WrittenOff, "100.00", "0.00", day: 1));
        s.Status.ShouldBe(ClaimStatus.WrittenOff);
        s.WrittenOff.ShouldBe(Money.Parse("100.00"));
        s.Paid.ShouldBe(Money.Parse("20.00"));
        s.Outstanding.ShouldBe(Money.Zero);
    }

    [Fact]
    public void Nedregulering_ReducesTheClaim_AsAWriteDownOnTheDebtorSide()
    {
        var s = Record(Registered(), Report(DebtorEventKind.AdjustedDown, "20.00", "100.00"));
        s.WrittenDown.ShouldBe(Money.Parse("20.00"));
        s.Outstanding.ShouldBe(Money.Parse("100.00"));
        s.Status.ShouldBe(ClaimStatus.Registered);
    }

    [Fact]
    public void Tilbagefoersel_AfterSettlement_ReopensWhatItReverses()
    {
        var paid = Record(Registered(), Report(DebtorEventKind.Covered, "120.00", "0.00"));
        paid.Status.ShouldBe(ClaimStatus.Paid);

        var reversed = Record(paid, Report(DebtorEventKind.PaymentReversed, "120.00", "120.00", day: 1));
        reversed.Status.ShouldBe(ClaimStatus.Registered);
        reversed.Outstanding.ShouldBe(Money.Parse("120.00"));
        reversed.IsClosed.ShouldBeFalse();
    }

    [Fact]
    public void OversendtTilInddrivelse_KeepsTheClaimInCollection_UntilTheCollectorReportsPayment()
    {
        var s = Record(Registered(), Report(DebtorEventKind.HandedToCollection, "370.84", "120.00"));
        s.Status.ShouldBe(ClaimStatus.InCollection);
        s.IsClosed.ShouldBeFalse();

        var part = Record(s, Report(DebtorEventKind.Covered, "20.00", "100.00", day: 5));
        part.Status.ShouldBe(ClaimStatus.InCollection, "a part payment through collection does not end collection");

        var paid = Record(part, Report(DebtorEventKind.Covered, "100.00", "0.00", day: 9));
        paid.Status.ShouldBe(ClaimStatus.Paid);
    }

    [Fact]
    public void InddrivelseTilbagekaldt_EndsCollection()
    {
        var s = Record(Registered(), Report(DebtorEventKind.HandedToCollection, "120.00", "120.00"), Report(DebtorEventKind.CollectionRecalled, "0.00", "120.00", day: 1));
        s.Status.ShouldBe(ClaimStatus.Registered);
        s.InCollection.ShouldBeFalse();
    }

    [Fact]
    public void KontoLukket_ClosesOutWhatIsLeft()
    {
        var s = Record(Registered(), Report(DebtorEventKind.AccountClosed, "120.00", "0.00"));
        s.Status.ShouldBe(ClaimStatus.WrittenOff);
        s.Outstanding.ShouldBe(Money.Zero);
    }

    [Fact]
    public void TheSameReportTwice_IsRecordedOnce()
    {
        var r = Report(DebtorEventKind.Covered, "50.00", "70.00");
        var s = Record(Registered(), r, r, r);
        s.Paid.ShouldBe(Money.Parse("50.00"));
        s.Events.Count(e => e is DebtorSystemReported).ShouldBe(1);
        DebtorEvents.Record(s, r, Now).ShouldBeOfType<CommandOutcome.AlreadyDone>();
    }

    [Fact]
    public void RestsaldoMismatch_RaisesTheFlag_AndNothingIsOverwritten()
    {
        var s = Record(Registered(), Report(DebtorEventKind.Covered, "50.00", "60.00"));
        s.NeedsReconciliation.ShouldBeTrue();
        s.DebtorSystemRestsaldo.ShouldBe(Money.Parse("60.00"));
        s.Outstanding.ShouldBe(Money.Parse("70.00"), "FeeBridge keeps its own figure; reconciliation decides");
    }

    [Fact]
    public void RestsaldoIsCompared_WithTheLatestReport_SoAnOlderOneArrivingLateRaisesNoFlag()
    {
        var first = Report(DebtorEventKind.Covered, "50.00", "70.00", day: 0);
        var second = Report(DebtorEventKind.Covered, "70.00", "0.00", day: 3);
        var s = Record(Registered(), second, first);
        s.NeedsReconciliation.ShouldBeFalse();
        s.Status.ShouldBe(ClaimStatus.Paid);
    }

    [Theory]
    [InlineData(DebtorEventKind.Covered, "-1.00", "0.00")]
    [InlineData(DebtorEventKind.Covered, "0.00", "120.00")]
    [InlineData(DebtorEventKind.WrittenOff, "500.00", "0.00")]
    [InlineData(DebtorEventKind.AdjustedDown, "0.00", "120.00")]
    [InlineData(DebtorEventKind.Covered, "10.00", "500.00")]
    [InlineData(DebtorEventKind.Covered, "10.00", "-5.00")]
    public void AnImpossibleAmount_IsRefusedWithAReason(DebtorEventKind kind, string beloeb, string restsaldo) =>
        DebtorEvents.Impossibility(Money.Parse("120.00"), kind, Money.Parse(beloeb), Money.Parse(restsaldo)).ShouldNotBeNullOrWhiteSpace();

    [Theory]
    [InlineData(DebtorEventKind.Covered, "150.00", "0.00")]
    [InlineData(DebtorEventKind.HandedToCollection, "370.84", "120.00")]
    [InlineData(DebtorEventKind.CollectionRecalled, "0.00", "120.00")]
    public void APossibleAmount_IsAccepted(DebtorEventKind kind, string beloeb, string restsaldo) =>
        DebtorEvents.Impossibility(Money.Parse("120.00"), kind, Money.Parse(beloeb), Money.Parse(restsaldo)).ShouldBeNull();

    // DOMAIN: reductions (write-downs and Nedreguleringer) never exceed the principal. What the receiver could not
    // refuse (two deliveries at once) is capped in the figures and flagged, whatever the order (issue 14: 300 on 120).
    [Fact]
    public void Nedreguleringer_BeyondThePrincipal_AreCapped_AndFlaggedForReconciliation_InEitherOrder()
    {
        var a = Report(DebtorEventKind.AdjustedDown, "100.00", "20.00");
        var b = Report(DebtorEventKind.AdjustedDown, "200.00", "0.00", day: 1);
        foreach (var s in new[] { Record(Registered(), a, b), Record(Registered(), b, a) })
        {
            s.WrittenDown.ShouldBe(Money.Parse("120.00"));
            s.Outstanding.ShouldBe(Money.Zero);
            s.ReductionsExceedPrincipal.ShouldBeTrue();
            s.NeedsReconciliation.ShouldBeTrue();
        }
    }

    // DOMAIN: a Tilbagefoersel reverses a payment. One that arrives before its payment is flagged until the payment
    // comes; one that reverses more than was ever paid stays flagged.
    [Fact]
    public void ATilbagefoersel_BeyondThePayments_IsFlagged_UntilThePaymentArrives()
    {
        var reversal = Report(DebtorEventKind.PaymentReversed, "50.00", "120.00", day: 1);
        var early = Record(Registered(), reversal);
        early.ReversalsExceedPayments.ShouldBeTrue();
        early.NeedsReconciliation.ShouldBeTrue();
        early.Outstanding.ShouldBe(Money.Parse("120.00"), "nothing was paid, so nothing is owed again");
        var settled = Record(early, Report(DebtorEventKind.Covered, "50.00", "70.00"));
        settled.ReversalsExceedPayments.ShouldBeFalse();
        settled.NeedsReconciliation.ShouldBeFalse();
        Record(Registered(), Report(DebtorEventKind.PaymentReversed, "500.00", "120.00")).NeedsReconciliation.ShouldBeTrue();
    }

    // At receipt FeeBridge knows what the claim was told so far (applied, waiting, earlier in the delivery): it
    // refuses a reduction beyond the principal and a reversal beyond the payments reported.
    [Theory]
    [InlineData(DebtorEventKind.AdjustedDown, "100.00", "20.01", "0.00", true)]
    [InlineData(DebtorEventKind.AdjustedDown, "100.00", "20.00", "0.00", false)]
    [InlineData(DebtorEventKind.PaymentReversed, "0.00", "500.00", "0.00", true)]
    [InlineData(DebtorEventKind.PaymentReversed, "0.00", "50.01", "50.00", true)]
    [InlineData(DebtorEventKind.PaymentReversed, "0.00", "50.00", "50.00", false)]
    [InlineData(DebtorEventKind.Covered, "120.00", "500.00", "0.00", false)]
    public void AtReceipt_AReportBeyondWhatTheClaimWasToldSoFar_IsRefused(DebtorEventKind kind, string reductions, string beloeb, string netPayments, bool refused)
    {
        var soFar = new ReportedSoFar(Money.Parse(reductions), Money.Parse(netPayments));
        var reason = DebtorEvents.Impossibility(Money.Parse("120.00"), soFar, kind, Money.Parse(beloeb), Money.Parse("0.00"));
        (reason is not null).ShouldBe(refused, reason);
    }

    // Money.MaxClaimAmount holds for reports too, a payment included (an over-payment is otherwise a credit).
    [Fact]
    public void AReportAboveMaxClaimAmount_IsRefused() =>
        DebtorEvents.Impossibility(Money.Parse("120.00"), DebtorEventKind.Covered, Money.Parse("1000000.01"), Money.Zero)!
            .ShouldContain(Money.MaxClaimAmount.ToString());

    /// <summary>
    /// The property the issue asks for: every report delivered three times, in a random order, gives the same
    /// claim as one ordered delivery — over many random orders and many random histories.
    /// </summary>
    [Fact]
    public void AnyOrderAndAnyNumberOfDeliveries_GiveTheSameClaim_AsOneOrderedDelivery()
    {
        var random = new Random(20261122);
        for (var history = 0; history < 200; history++)
        {
            var reports = RandomHistory(random);
            var ordered = Record(Registered(), [.. reports]);
            for (var order = 0; order < 20; order++)
            {
                var deliveries = reports.Concat(reports).Concat(reports).ToArray();
                random.Shuffle(deliveries);
                var shuffled = Record(Registered(), deliveries);
                var why = $"history {history}, order {order}";
                shuffled.Status.ShouldBe(ordered.Status, why);
                shuffled.Paid.ShouldBe(ordered.Paid, why);
                shuffled.Outstanding.ShouldBe(ordered.Outstanding, why);
                shuffled.WrittenOff.ShouldBe(ordered.WrittenOff, why);
                shuffled.WrittenDown.ShouldBe(ordered.WrittenDown, why);
                shuffled.Credit.ShouldBe(ordered.Credit, why);
                shuffled.NeedsReconciliation.ShouldBe(ordered.NeedsReconciliation, why);
                shuffled.Events.Count.ShouldBe(ordered.Events.Count, why);
            }
        }
    }

    // A plausible history as a debtor system would report it: payments, a reversal, collection and its recall,
    // a write-off of what is left; each with the principal left after it.
    private static List<DebtorSystemReported> RandomHistory(Random random)
    {
        var left = 12000L;
        var paid = 0L;
        var day = 0;
        var list = new List<DebtorSystemReported>();
        DebtorSystemReported Add(DebtorEventKind kind, long ore)
        {
            var r = new DebtorSystemReported(Guid.NewGuid(), kind, Money.FromOre(ore), Day.AddDays(day++), null, Money.FromOre(left));
            list.Add(r);
            return r;
        }
        for (var i = random.Next(1, 6); i > 0 && left > 0; i--)
        {
            switch (random.Next(5))
            {
                case 0 or 1:
                    var pay = Math.Min(random.Next(1, 9000), left + random.Next(0, 3) * 1000);
                    var onPrincipal = Math.Min(pay, left);
                    left -= onPrincipal;
                    paid += onPrincipal;
                    Add(DebtorEventKind.Covered, pay);
                    break;
                case 2 when paid > 0:
                    var back = random.Next(1, (int)paid + 1);
                    paid -= back;
                    left += back;
                    Add(DebtorEventKind.PaymentReversed, back);
                    break;
                case 3:
                    Add(DebtorEventKind.HandedToCollection, left);
                    if (random.Next(2) == 0) Add(DebtorEventKind.CollectionRecalled, 0);
                    break;
                default:
                    var down = random.Next(1, (int)left + 1);
                    left -= down;
                    Add(DebtorEventKind.AdjustedDown, down);
                    break;
            }
        }
        if (left > 0 && random.Next(3) == 0)
        {
            var rest = left;
            left = 0;
            Add(DebtorEventKind.WrittenOff, rest);
        }
        return list;
    }
}

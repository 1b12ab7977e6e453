using FeeBridge.DebtorSystem.Contract;
using FeeBridge.Sandbox.DebtorSystem;

namespace FeeBridge.Server.Tests.Sandbox;

/// <summary>The debtor-system sandbox behaves like a debtor system: it validates, rejects with codes, and does each thing once.</summary>
public class DebtorSandboxTests
{
    private static readonly Kommunekode Cph = Kommunekode.Parse("101");
    private static readonly Party Jens = new(Cpr.Parse("0101901234"), null, "Jens Hansen");

    private static OpretDebitorkonto Opret(string id = "710100-C1", string art = "BIBGEBYR", string amount = "120.00", Party? debtor = null) =>
        new(Guid.NewGuid(), debtor ?? Jens, new Fordring(id, art, "Gebyr", new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 21),
            [new Delfordring("1", Money.Parse(amount), "Sen aflevering")], debtor ?? Jens, null));

    private static Kvittering Send(DebtorSandbox s, Handling h) =>
        s.Process(new DebitorRegistrering(Cph, "FeeBridge", Guid.NewGuid(), [h])).Kvitteringer.Single();

    private static void ShouldBeRejected(Kvittering k, string code)
    {
        k.Status.ShouldBe(KvitteringStatus.Afvist);
        k.Fejlkode.ShouldBe(code);
        k.Fejltekst.ShouldNotBeNullOrEmpty();
        k.Fejltekst!.ShouldNotContain("0101901234");
    }

    [Fact]
    public void Registration_IsAccepted_WithTheDebtorSystemsOwnId_AndAnFiInvoice()
    {
        var s = new DebtorSandbox();
        var k = Send(s, Opret());
        k.Status.ShouldBe(KvitteringStatus.Udfoert);
        k.DebitorsystemFordringId.ShouldStartWith("DS-");
        var claim = s.Claims("101").Single();
        FiPaymentId.TryParse(claim.BetalingsId.Value, out _, out _).ShouldBeTrue();
        FiPaymentId.IsValidCreditorNumber(claim.Kreditornummer).ShouldBeTrue();
        claim.Restsaldo.ShouldBe(Money.Parse("120.00"));
    }

    [Fact]
    public void Rejects_UnknownFordringsart() => ShouldBeRejected(Send(new DebtorSandbox(), Opret(art: "BIBFOO")), "UKENDT_FORDRINGSART");

    [Fact]
    public void Rejects_ImpossibleCpr() => ShouldBeRejected(Send(new DebtorSandbox(), Opret(debtor: new Party(null, null, "?"))), "UGYLDIGT_CPR");

    [Fact]
    public void Rejects_APersonUnknownInTheCprRegister() =>
        ShouldBeRejected(Send(new DebtorSandbox(), Opret(debtor: new Party(Cpr.Parse("0101900000"), null, null))), "UKENDT_PERSON");

    [Fact]
    public void Rejects_AmountZeroOrLess() => ShouldBeRejected(Send(new DebtorSandbox(), Opret(amount: "0.00")), "UGYLDIGT_BELOEB");

    [Fact]
    public void Rejects_WriteDownAboveTheBalance()
    {
        var s = new DebtorSandbox();
        Send(s, Opret());
        ShouldBeRejected(Send(s, new NedskrivFordring(Guid.NewGuid(), "710100-C1", null, Money.Parse("120.01"), "x")), "NEDSKRIVNING_OVER_SALDO");
        Send(s, new NedskrivFordring(Guid.NewGuid(), "710100-C1", null, Money.Parse("20.00"), "x")).Status.ShouldBe(KvitteringStatus.Udfoert);
        s.Claims("101").Single().Restsaldo.ShouldBe(Money.Parse("100.00"));
    }

    [Fact]
    public void Rejects_UpdatesOfAnUnknownClaim() =>
        ShouldBeRejected(Send(new DebtorSandbox(), new AnnullerFordring(Guid.NewGuid(), "710100-nope", "x")), "UKENDT_FORDRING");

    [Fact]
    public void Rejects_AClaimIdRegisteredTwiceWithDifferentContent_AcceptsTheSameContentAgain()
    {
        var s = new DebtorSandbox();
        var first = Send(s, Opret());
        var again = Send(s, Opret());
        again.Status.ShouldBe(KvitteringStatus.Udfoert);
        again.DebitorsystemFordringId.ShouldBe(first.DebitorsystemFordringId);
        ShouldBeRejected(Send(s, Opret(amount: "130.00")), "FORDRING_FINDES");
        s.Claims("101").Count.ShouldBe(1);
    }

    [Fact]
    public void Rejects_AnythingOnACancelledClaim()
    {
        var s = new DebtorSandbox();
        Send(s, Opret());
        Send(s, new AnnullerFordring(Guid.NewGuid(), "710100-C1", "fejl")).Status.ShouldBe(KvitteringStatus.Udfoert);
        ShouldBeRejected(Send(s, new NedskrivFordring(Guid.NewGuid(), "710100-C1", null, Money.Parse("1.00"), "x")), "FORDRING_ANNULLERET");
    }

    [Fact]
    public void SameForsendelseIdAgain_GetsTheSameAnswer_AndChangesNothing()
    {
        var s = new DebtorSandbox();
        var shipment = new DebitorRegistrering(Cph, "FeeBridge", Guid.NewGuid(),
            [Opret(), new NedskrivFordring(Guid.NewGuid(), "710100-C1", null, Money.Parse("20.00"), "x")]);
        var first = s.Process(shipment);
        var second = s.Process(shipment);
        second.ShouldBeSameAs(first);
        s.Claims("101").Single().Restsaldo.ShouldBe(Money.Parse("100.00"));
    }

    [Fact]
    public void SameHandlingIdInAnotherShipment_IsCarriedOutOnce()
    {
        var s = new DebtorSandbox();
        Send(s, Opret());
        var writeDown = new NedskrivFordring(Guid.NewGuid(), "710100-C1", null, Money.Parse("20.00"), "x");
        Send(s, writeDown);
        Send(s, writeDown).Status.ShouldBe(KvitteringStatus.Udfoert);
        s.Claims("101").Single().Restsaldo.ShouldBe(Money.Parse("100.00"));
    }

    [Fact]
    public void HandlingsInAShipment_AreCarriedOutInOrder()
    {
        var s = new DebtorSandbox();
        var answer = s.Process(new DebitorRegistrering(Cph, "FeeBridge", Guid.NewGuid(),
        [
            Opret(),
            new NedskrivFordring(Guid.NewGuid(), "710100-C1", "1", Money.Parse("20.00"), "x"),
            new SkiftJuridiskAnsvarlig(Guid.NewGuid(), "710100-C1", new Party(Cpr.Parse("0202021234"), null, null)),
            new AnnullerFordring(Guid.NewGuid(), "710100-C1", "fejl"),
        ]));
        answer.Kvitteringer.ShouldAllBe(k => k.Status == KvitteringStatus.Udfoert);
        var claim = s.Claims("101").Single();
        claim.Status.ShouldBe("Annulleret");
        claim.LiableParty.ShouldBe("020202-****");
        claim.Nedskrevet.ShouldBe(Money.Parse("20.00"));
    }
}

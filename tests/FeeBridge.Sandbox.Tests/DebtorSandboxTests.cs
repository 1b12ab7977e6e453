using FeeBridge.DebtorSystem.Contract;
using FeeBridge.Sandbox.DebtorSystem;

namespace FeeBridge.Sandbox.Tests;

/// <summary>The debtor-system sandbox behaves like a debtor system: it validates, rejects with codes, and does each thing once.</summary>
public class DebtorSandboxTests
{
    private static readonly Kommunekode Cph = Kommunekode.Parse("101");
    private static readonly Kommunekode Aarhus = Kommunekode.Parse("751");
    private static readonly Party Jens = new(Cpr.Parse("0101901234"), null, "Jens Hansen");
    private static readonly Party Impossible = new(null, null, "?"); // what the contract reader makes of a CPR that is no date

    private readonly DebtorSandbox _sandbox = new();

    private static OpretDebitorkonto Opret(string id = "710100-C1", string art = "BIBGEBYR", string amount = "120.00", Party? debtor = null, Party? liable = null) =>
        new(Guid.NewGuid(), debtor ?? Jens, new Fordring(id, art, "Gebyr", new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 21),
            [new Delfordring("1", Money.Parse(amount), "Sen aflevering"), new Delfordring("2", Money.Parse("10.00"), "Gebyr")], liable ?? debtor ?? Jens, null));

    private static NedskrivFordring Nedskriv(string amount, string? line = null, string id = "710100-C1") => new(Guid.NewGuid(), id, line, Money.Parse(amount), "material-returned");

    private Kvittering Send(Handling h, Kommunekode? kommune = null) =>
        _sandbox.Process(new DebitorRegistrering(kommune ?? Cph, "FeeBridge", Guid.NewGuid(), [h])).Kvitteringer.Single();

    private SandboxClaim TheClaim() => _sandbox.Claims(Cph).Single();

    private static void ShouldBeRejected(Kvittering k, string code)
    {
        k.Status.ShouldBe(KvitteringStatus.Afvist);
        k.Fejlkode.ShouldBe(code);
        k.DebitorsystemFordringId.ShouldBeNull();
        k.Fejltekst.ShouldNotBeNullOrEmpty();
        k.Fejltekst!.ShouldNotContain("0101901234");
        k.Fejltekst!.ShouldNotContain("010190");
    }

    [Fact]
    public void Registration_IsAccepted_WithTheDebtorSystemsOwnId_AndAnFiInvoice()
    {
        var k = Send(Opret());

        k.Status.ShouldBe(KvitteringStatus.Udfoert);
        k.DebitorsystemFordringId.ShouldBe("DS-00000001");
        var claim = TheClaim();
        claim.DebitorsystemFordringId.ShouldBe(k.DebitorsystemFordringId);
        FiPaymentId.TryParse(claim.BetalingsId.Value, out _, out _).ShouldBeTrue();
        FiPaymentId.IsValidCreditorNumber(claim.Kreditornummer).ShouldBeTrue();
        claim.Kreditornummer.ShouldBe("81010001");
        claim.Hovedstol.ShouldBe(Money.Parse("130.00"));
        claim.Restsaldo.ShouldBe(Money.Parse("130.00"));
        claim.Status.ShouldBe("Aaben");
        claim.Debtor.ShouldBe("010190-****");
        claim.SidsteRettidigeBetalingsdato.ShouldBe(new DateOnly(2026, 12, 21));
        claim.Registrations.ShouldBe(1);
    }

    [Fact]
    public void FiPaymentIds_RunPerMunicipality_AndCreditorNumbersDiffer()
    {
        Send(Opret("710100-C1"));
        Send(Opret("710100-C2"));
        Send(Opret("775100-C1"), Aarhus);

        _sandbox.Claims(Cph).Select(c => c.BetalingsId).ShouldBe([FiPaymentId.FromSequence(1), FiPaymentId.FromSequence(2)]);
        var aarhus = _sandbox.Claims(Aarhus).Single();
        aarhus.BetalingsId.ShouldBe(FiPaymentId.FromSequence(1));
        aarhus.Kreditornummer.ShouldBe("87510001");
        aarhus.BetalingsId.ToPaymentLine(aarhus.Kreditornummer).ShouldBe("+71<000000000000018+87510001<");
    }

    [Fact]
    public void ACvrDebtor_IsShownByCvr()
    {
        Send(Opret(debtor: new Party(null, Cvr.Parse("29189846"), "Firma A/S"))).Status.ShouldBe(KvitteringStatus.Udfoert);
        TheClaim().Debtor.ShouldBe("CVR 29189846");
    }

    [Fact]
    public void Rejects_UnknownFordringsart() => ShouldBeRejected(Send(Opret(art: "BIBFOO")), "UKENDT_FORDRINGSART");

    [Theory]
    [InlineData("BIBGEBYR")]
    [InlineData("BIBERSTATNING")]
    [InlineData("BIBERSTATNINGCIVIL")]
    public void Accepts_TheThreeLibraryFordringsarter(string art) => Send(Opret(art: art)).Status.ShouldBe(KvitteringStatus.Udfoert);

    [Fact]
    public void Rejects_ImpossibleCpr_OfTheDebtor() => ShouldBeRejected(Send(Opret(debtor: Impossible)), "UGYLDIGT_CPR");

    [Fact]
    public void Rejects_ImpossibleCpr_OfTheLiableParty() => ShouldBeRejected(Send(Opret(liable: Impossible)), "UGYLDIGT_CPR");

    [Fact]
    public void Rejects_ImpossibleCpr_OfANewLiableParty()
    {
        Send(Opret());
        ShouldBeRejected(Send(new SkiftJuridiskAnsvarlig(Guid.NewGuid(), "710100-C1", Impossible)), "UGYLDIGT_CPR");
        TheClaim().LiableParty.ShouldBe("010190-****");
    }

    [Fact]
    public void Rejects_APersonUnknownInTheCprRegister() =>
        ShouldBeRejected(Send(Opret(debtor: new Party(Cpr.Parse("0101900000"), null, null))), "UKENDT_PERSON");

    [Theory]
    [InlineData("0.00")]
    [InlineData("-1.00")]
    public void Rejects_ALineAmountOfZeroOrLess(string amount)
    {
        ShouldBeRejected(Send(Opret(amount: amount)), "UGYLDIGT_BELOEB");
        _sandbox.Claims(Cph).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("0.00")]
    [InlineData("-5.00")]
    public void Rejects_AWriteDownOfZeroOrLess(string amount)
    {
        Send(Opret());
        ShouldBeRejected(Send(Nedskriv(amount)), "UGYLDIGT_BELOEB");
        TheClaim().Restsaldo.ShouldBe(Money.Parse("130.00"));
    }

    [Fact]
    public void Rejects_AWriteDownAboveTheClaimsBalance()
    {
        Send(Opret());
        ShouldBeRejected(Send(Nedskriv("130.01")), "NEDSKRIVNING_OVER_SALDO");
        Send(Nedskriv("30.00")).Status.ShouldBe(KvitteringStatus.Udfoert);
        ShouldBeRejected(Send(Nedskriv("100.01")), "NEDSKRIVNING_OVER_SALDO");
        Send(Nedskriv("100.00")).Status.ShouldBe(KvitteringStatus.Udfoert);

        var claim = TheClaim();
        claim.Nedskrevet.ShouldBe(Money.Parse("130.00"));
        claim.Restsaldo.ShouldBe(Money.Zero);
    }

    [Fact]
    public void Rejects_AWriteDownAboveTheLinesBalance()
    {
        Send(Opret());
        ShouldBeRejected(Send(Nedskriv("10.01", line: "2")), "NEDSKRIVNING_OVER_SALDO");
        Send(Nedskriv("10.00", line: "2")).Status.ShouldBe(KvitteringStatus.Udfoert);
        TheClaim().Lines["2"].ShouldBe(Money.Zero);
        TheClaim().Restsaldo.ShouldBe(Money.Parse("120.00"));
    }

    public static TheoryData<Handling> UpdatesOfAnUnknownClaim() =>
    [
        Nedskriv("1.00", id: "710100-nope"),
        new AnnullerFordring(Guid.NewGuid(), "710100-nope", "fejl"),
        new SkiftJuridiskAnsvarlig(Guid.NewGuid(), "710100-nope", Jens),
        new RetFordringTilstand(Guid.NewGuid(), "710100-nope", Tilstand.Berostillet),
    ];

    [Theory]
    [MemberData(nameof(UpdatesOfAnUnknownClaim))]
    public void Rejects_UpdatesOfAnUnknownClaim(Handling update)
    {
        Send(Opret());
        ShouldBeRejected(Send(update), "UKENDT_FORDRING");
    }

    [Fact]
    public void Rejects_AnUpdateOfAClaimInAnotherMunicipality()
    {
        Send(Opret());
        ShouldBeRejected(Send(Nedskriv("1.00"), Aarhus), "UKENDT_FORDRING");
    }

    [Fact]
    public void IdenticalReRegistration_IsUdfoert_WithTheSameDebitorsystemFordringId()
    {
        var first = Send(Opret());
        var again = Send(Opret());

        again.Status.ShouldBe(KvitteringStatus.Udfoert);
        again.DebitorsystemFordringId.ShouldBe(first.DebitorsystemFordringId);
        _sandbox.Claims(Cph).Count.ShouldBe(1);
        // Counted, so a sender that registers one claim twice under new handling ids is caught by its tests.
        TheClaim().Registrations.ShouldBe(2);
    }

    [Fact]
    public void Rejects_AClaimIdRegisteredAgainWithDifferentContent()
    {
        Send(Opret());
        ShouldBeRejected(Send(Opret(amount: "130.00")), "FORDRING_FINDES");
        ShouldBeRejected(Send(Opret(art: "BIBERSTATNING")), "FORDRING_FINDES");
        TheClaim().Hovedstol.ShouldBe(Money.Parse("130.00"));
        TheClaim().Registrations.ShouldBe(1);
    }

    public static TheoryData<Handling> AnythingOnACancelledClaim() =>
    [
        Opret(),
        Nedskriv("1.00"),
        new AnnullerFordring(Guid.NewGuid(), "710100-C1", "igen"),
        new SkiftJuridiskAnsvarlig(Guid.NewGuid(), "710100-C1", new Party(Cpr.Parse("0202021234"), null, null)),
        new RetFordringTilstand(Guid.NewGuid(), "710100-C1", Tilstand.Berostillet),
    ];

    [Theory]
    [MemberData(nameof(AnythingOnACancelledClaim))]
    public void Rejects_AnythingOnACancelledClaim(Handling later)
    {
        Send(Opret());
        Send(new AnnullerFordring(Guid.NewGuid(), "710100-C1", "fejl")).Status.ShouldBe(KvitteringStatus.Udfoert);

        ShouldBeRejected(Send(later), "FORDRING_ANNULLERET");
        var claim = TheClaim();
        claim.Status.ShouldBe("Annulleret");
        claim.Restsaldo.ShouldBe(Money.Parse("130.00"));
        claim.LiableParty.ShouldBe("010190-****");
    }

    [Fact]
    public void RetFordringTilstand_SuspendsAndResumes()
    {
        Send(Opret());
        Send(new RetFordringTilstand(Guid.NewGuid(), "710100-C1", Tilstand.Berostillet)).Status.ShouldBe(KvitteringStatus.Udfoert);
        TheClaim().Status.ShouldBe("Berostillet");
        Send(new RetFordringTilstand(Guid.NewGuid(), "710100-C1", Tilstand.Aktiv)).Status.ShouldBe(KvitteringStatus.Udfoert);
        TheClaim().Status.ShouldBe("Aaben");
    }

    [Fact]
    public void SameForsendelseIdAgain_GetsTheStoredAnswer_EvenWithOtherContent_AndChangesNothing()
    {
        var shipment = new DebitorRegistrering(Cph, "FeeBridge", Guid.NewGuid(), [Opret(), Nedskriv("20.00")]);
        var first = _sandbox.Process(shipment);

        _sandbox.Process(shipment).ShouldBeSameAs(first);
        _sandbox.Process(shipment with { Handlinger = [Nedskriv("50.00"), Opret("710100-C9")] }).ShouldBeSameAs(first);

        TheClaim().Restsaldo.ShouldBe(Money.Parse("110.00"));
    }

    [Fact]
    public void SameHandlingIdInAnotherShipment_GetsItsStoredReceipt_AndIsCarriedOutOnce()
    {
        Send(Opret());
        var writeDown = Nedskriv("20.00");
        var first = Send(writeDown);

        Send(writeDown).ShouldBe(first);
        var bundled = _sandbox.Process(new DebitorRegistrering(Cph, "FeeBridge", Guid.NewGuid(), [Nedskriv("5.00"), writeDown]));

        bundled.Kvitteringer[1].ShouldBe(first);
        TheClaim().Nedskrevet.ShouldBe(Money.Parse("25.00"));
    }

    [Fact]
    public void SameHandlingIdAgain_KeepsItsFirstReceipt_EvenARejection()
    {
        var tooEarly = Nedskriv("20.00");
        ShouldBeRejected(Send(tooEarly), "UKENDT_FORDRING");
        Send(Opret());

        ShouldBeRejected(Send(tooEarly), "UKENDT_FORDRING");
        TheClaim().Nedskrevet.ShouldBe(Money.Zero);
    }

    [Fact]
    public void SameHandlingIdTwiceInOneShipment_IsCarriedOutOnce()
    {
        Send(Opret());
        var writeDown = Nedskriv("20.00");
        var answer = _sandbox.Process(new DebitorRegistrering(Cph, "FeeBridge", Guid.NewGuid(), [writeDown, writeDown]));

        answer.Kvitteringer.Count.ShouldBe(2);
        answer.Kvitteringer[1].ShouldBe(answer.Kvitteringer[0]);
        TheClaim().Nedskrevet.ShouldBe(Money.Parse("20.00"));
    }

    [Fact]
    public void HandlingsInAShipment_AreCarriedOutInOrder()
    {
        var answer = _sandbox.Process(new DebitorRegistrering(Cph, "FeeBridge", Guid.NewGuid(),
        [
            Opret(),
            Nedskriv("20.00", line: "1"),
            new SkiftJuridiskAnsvarlig(Guid.NewGuid(), "710100-C1", new Party(Cpr.Parse("0202021234"), null, null)),
            new AnnullerFordring(Guid.NewGuid(), "710100-C1", "fejl"),
            Nedskriv("1.00"),
        ]));

        answer.Kvitteringer.Take(4).ShouldAllBe(k => k.Status == KvitteringStatus.Udfoert);
        ShouldBeRejected(answer.Kvitteringer[4], "FORDRING_ANNULLERET");
        var claim = TheClaim();
        claim.Status.ShouldBe("Annulleret");
        claim.LiableParty.ShouldBe("020202-****");
        claim.Nedskrevet.ShouldBe(Money.Parse("20.00"));
    }

    [Fact]
    public void Claims_AreCopies_ThatLaterShipmentsDoNotChange()
    {
        Send(Opret());
        var before = TheClaim();
        Send(Nedskriv("20.00", line: "1"));

        before.Restsaldo.ShouldBe(Money.Parse("130.00"));
        TheClaim().Restsaldo.ShouldBe(Money.Parse("110.00"));
    }

    [Fact]
    public void Claims_OfAMunicipalityNeverHeardOf_AreEmpty() => _sandbox.Claims(Kommunekode.Parse("999")).ShouldBeEmpty();

    [Fact]
    public async Task ConcurrentResends_AreCarriedOutExactlyOnce()
    {
        // 50 claims, each shipment sent by 8 callers at once, and each handling again in a new shipment.
        var shipments = Enumerable.Range(1, 50)
            .Select(i => new DebitorRegistrering(Cph, "FeeBridge", Guid.NewGuid(), [Opret($"710100-C{i}"), Nedskriv("20.00", id: $"710100-C{i}")]))
            .ToList();
        var sends = shipments.SelectMany(s => Enumerable.Repeat(s, 8).Append(s with { ForsendelseId = Guid.NewGuid() }))
            .Select(s => Task.Run(() => _sandbox.Process(s)));

        var answers = await Task.WhenAll(sends);

        answers.SelectMany(a => a.Kvitteringer).ShouldAllBe(k => k.Status == KvitteringStatus.Udfoert);
        var claims = _sandbox.Claims(Cph);
        claims.Count.ShouldBe(50);
        claims.ShouldAllBe(c => c.Registrations == 1 && c.Nedskrevet == Money.Parse("20.00"));
        claims.Select(c => c.BetalingsId).Distinct().Count().ShouldBe(50);
    }
}

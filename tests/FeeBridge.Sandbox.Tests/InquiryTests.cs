using FeeBridge.DebtorSystem.Contract;
using FeeBridge.Sandbox.DebtorSystem;

namespace FeeBridge.Sandbox.Tests;

/// <summary>DebitorForespoergsel against the sandbox: by person, and every claim page by page.</summary>
public class InquiryTests
{
    private static readonly Kommunekode Cph = Kommunekode.Parse("101");
    private readonly DebtorSandbox _sandbox = new();

    private void Register(int i, Cpr who)
    {
        var party = new Party(who, null, null);
        _sandbox.Process(new DebitorRegistrering(Cph, "FeeBridge", Guid.NewGuid(),
        [
            new OpretDebitorkonto(Guid.NewGuid(), party, new Fordring($"710100-C{i}", "BIBGEBYR", null, new DateOnly(2026, 11, 20),
                new DateOnly(2026, 11, 20), _sandbox.Today.AddDays(30), [new Delfordring("1", Money.Parse("120.00"), null)], party, null)),
        ])).Kvitteringer.Single().Status.ShouldBe(KvitteringStatus.Udfoert);
    }

    [Fact]
    public void ByPerson_GivesTheClaimsThatPersonIsLiableFor_AndNoOneElses()
    {
        var jens = Cpr.Parse("0101901234");
        Register(1, jens);
        Register(2, Cpr.Parse("0202021234"));
        Register(3, jens);

        var answer = _sandbox.Inquire(new DebitorForespoergsel(Cph, "FeeBridge", new Party(jens, null, null), 0, null));

        answer.Fordringer.Select(f => f.FagsystemFordringId).ShouldBe(["710100-C1", "710100-C3"]);
        answer.Fordringer.ShouldAllBe(f => f.Restsaldo == Money.Parse("120.00") && f.Status == "Aaben");
    }

    [Fact]
    public void ByPage_GivesEveryClaimOnce_WithAContinuationUntilTheEnd()
    {
        for (var i = 0; i < 250; i++) Register(i, Cpr.Parse("0101901234"));
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = _sandbox.Inquire(new DebitorForespoergsel(Cph, "FeeBridge", null, 100, token));
            seen.AddRange(page.Fordringer.Select(f => f.FagsystemFordringId));
            token = page.Fortsaettelse;
            pages++;
        } while (token is not null);

        pages.ShouldBe(3);
        seen.Count.ShouldBe(250);
        seen.Distinct().Count().ShouldBe(250);
    }

    [Fact]
    public void Inquiry_ShowsWhatTheDebtorSystemAdded_InterestAndReminderFees()
    {
        Register(1, Cpr.Parse("0101901234"));
        _sandbox.AdvanceDays(32); // two days past the last on-time payment date

        var f = _sandbox.Inquire(new DebitorForespoergsel(Cph, "FeeBridge", null, 10, null)).Fordringer.Single();

        f.Status.ShouldBe("Overskredet");
        f.Rykkergebyrer.ShouldBe(Money.Parse("250.00"));
        f.Renter.ShouldBe(Money.Parse("0.84"));
    }
}

using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Communication.Drafts;
using static FeeBridge.Rollout.Tests.Workflow.WorkflowFacts;

namespace FeeBridge.Rollout.Tests.Communication;

/// <summary>
/// Issue 16 part 2: "When a fact changes (a new cut-over date) the drafts … show that they changed": the facts are
/// compared as a reader sees them, old → new, per library, and a change no reader would see is none.
/// </summary>
public sealed class DraftFactsTests
{
    [Fact]
    public void ANewCutOverDate_IsOneChange_OldToNew_NamingTheLibrary()
    {
        var moved = Rudersdal with { Libraries = [Rudersdal.Libraries[0], Rudersdal.Libraries[1] with { CutOverDate = new DateOnly(2027, 6, 1) }] };
        var change = DraftFacts.Changes(DraftFacts.Of(Rudersdal), DraftFacts.Of(moved)).ShouldHaveSingleItem();
        change.Key.ShouldBe("bibliotek.723099.skaeringsdato");
        change.Label.ShouldBe("Skæringsdato for Rudersdal Skolebiblioteker");
        change.Before.ShouldBe("5. april 2027");
        change.After.ShouldBe("1. juni 2027");
    }

    [Fact]
    public void TheSameFacts_AreNoChange() => DraftFacts.Changes(DraftFacts.Of(Hørsholm), DraftFacts.Of(Hørsholm)).ShouldBeEmpty();

    [Fact]
    public void ASpeedThatReadsTheSame_IsNoChange_OneThatReadsDifferently_Is()
    {
        var sameWords = Hørsholm with { Speed = Hørsholm.Speed with { Median = TimeSpan.FromMilliseconds(3_900), Payments = 2_000 } };
        DraftFacts.Changes(DraftFacts.Of(Hørsholm), DraftFacts.Of(sameWords)).ShouldBeEmpty("3,2 s and 3,9 s both read \"4 sekunder\"");
        var slower = Hørsholm with { Speed = Hørsholm.Speed with { P95 = TimeSpan.FromMinutes(3) } };
        DraftFacts.Changes(DraftFacts.Of(Hørsholm), DraftFacts.Of(slower)).ShouldHaveSingleItem().ShouldBe(
            new FactChange("hastighed.p95", "Målt hastighed, 95 %", "9 sekunder", "3 minutter"));
    }

    [Fact]
    public void ALibraryAdded_AndOneGone_ShowAsNewAndRemovedFacts()
    {
        var other = Hørsholm with { Libraries = [new LibraryFacts("722301", "Hørsholm Skolebibliotek", new DateOnly(2027, 8, 1), 20_000)] };
        var changes = DraftFacts.Changes(DraftFacts.Of(Hørsholm), DraftFacts.Of(other));
        changes.ShouldContain(new FactChange("bibliotek.722301.skaeringsdato", "Skæringsdato for Hørsholm Skolebibliotek", null, "1. august 2027"));
        changes.ShouldContain(new FactChange("bibliotek.722300.skaeringsdato", "Skæringsdato for Hørsholm Bibliotek", "1. marts 2027", null));
    }

    [Fact]
    public void TheMinimum_ThePaymentSite_AndTheDeadline_AreFacts()
    {
        var changed = Hørsholm with { Rules = Hørsholm.Rules! with { MinimumOre = 0, PaymentDays = 14 }, PaymentSite = null };
        var changes = DraftFacts.Changes(DraftFacts.Of(Hørsholm), DraftFacts.Of(changed)).ToDictionary(c => c.Key);
        changes["minimum"].ShouldBe(new FactChange("minimum", "Minimum", "100 kr.", "intet minimum"));
        changes["betalingsfrist"].After.ShouldBe("14 dage");
        changes["betalingsside"].After.ShouldBe("ikke sat op");
    }
}

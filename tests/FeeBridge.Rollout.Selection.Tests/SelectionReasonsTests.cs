using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Selection;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.Rollout.Selection.Tests;

/// <summary>Issue #17: "each applicant sees their probability, the outcome and the reason in plain Danish".</summary>
public sealed class SelectionReasonsTests
{
    private static readonly WorkingGroup Group = new("g", "G", new DateTimeOffset(2027, 3, 3, 23, 0, 0, TimeSpan.Zero),
        [new WorkingGroupTrack("t", "Implementering", 1, 1, [RoleId.Projektleder])], [new TrackQuota("t", SelectionFeature.Size, "large", 0, 1)], true);

    private static GroupApplication App(string id) => new(id, "g", "t", Kommunekode.Parse("259"), "N", EmailAddress.Parse("n@k.dk"), RoleId.Projektleder, LibraryType.Folkebibliotek, default, "u");

    // One seat; a1, a2 large, a3 small: a3 is on half the panels, a1 and a2 on a quarter each.
    private static readonly TrackLottery Track = new("t", 1, Group.Quotas,
        [new("a1", "Region Sjælland", "large", "folkebibliotek"), new("a2", "Region Sjælland", "large", "folkebibliotek"), new("a3", "Region Sjælland", "small", "folkebibliotek"), new("a4", "Region Sjælland", "small", "folkebibliotek")],
        [["a1"], ["a2"], ["a3"], ["a4"]]);

    [Fact]
    public void BeforeTheLottery_TheApplicantIsToldWhenItComes()
    {
        SelectionReasons.OutcomeOf("a1", null, null).ShouldBe(ApplicantOutcome.Pending);
        SelectionReasons.For(Group, App("a1"), null, null).ShouldContain("er ikke foretaget endnu");
        SelectionReasons.For(Group, App("a1"), null, null).ShouldContain("til og med 3. marts 2027");
    }

    [Fact]
    public void OnceTheLotteryIsPublished_TheChanceIsGivenInDanishPercent()
    {
        SelectionReasons.OutcomeOf("a1", Track, null).ShouldBe(ApplicantOutcome.ChanceKnown);
        SelectionReasons.For(Group, App("a1"), Track, null).ShouldContain("Din chance for en plads i sporet Implementering er 25 %.");
    }

    [Fact]
    public void AfterTheDraw_TheSelectedAndTheOthersAreToldWhichPanelWasDrawn()
    {
        var draw = new TrackDraw("t", 2, ["a3"]);
        SelectionReasons.OutcomeOf("a3", Track, draw).ShouldBe(ApplicantOutcome.Selected);
        SelectionReasons.OutcomeOf("a1", Track, draw).ShouldBe(ApplicantOutcome.NotSelected);
        SelectionReasons.For(Group, App("a3"), Track, draw).ShouldStartWith("Du er udtrukket til sporet Implementering. Din chance var 25 %.");
        SelectionReasons.For(Group, App("a1"), Track, draw).ShouldStartWith("Du blev ikke udtrukket til sporet Implementering denne gang.");
        SelectionReasons.For(Group, App("a1"), Track, draw).ShouldContain("sammensætning nr. 2 af 1.000");
    }

    [Fact]
    public void WhenEveryoneFits_TheReasonSaysSo()
    {
        var all = Track with { Seats = 4, Panels = [["a1", "a2", "a3", "a4"]] };
        SelectionReasons.For(Group, App("a2"), all, new TrackDraw("t", 0, ["a1", "a2", "a3", "a4"]))
            .ShouldBe("Der var 4 ansøgere til 4 pladser i sporet Implementering, så alle får plads.");
    }

    [Fact]
    public void AChanceBelowAverage_NamesTheQuotaThatHoldsItDown()
    {
        // Two large municipalities share at most one seat of 2: a1 and a2 get 1/4 each against an average of 1/2.
        var track = Track with { Seats = 2, Panels = [["a1", "a3"], ["a2", "a4"], ["a3", "a4"], ["a3", "a4"]] };
        SelectionReasons.For(Group, App("a1"), track, null).ShouldContain("Din chance er under gennemsnittet, fordi 2 ansøgere deler din kommunestørrelse (store kommuner), og kvoten giver dem højst 1 pladser.");
    }
}

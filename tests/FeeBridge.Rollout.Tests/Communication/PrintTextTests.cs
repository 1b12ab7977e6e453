using FeeBridge.Rollout.Communication.Print;
using static FeeBridge.Rollout.Tests.Workflow.WorkflowFacts;

namespace FeeBridge.Rollout.Tests.Communication;

/// <summary>Issue 16 part 2: "a poster (A4/A3 PDF) and a desk card (PDF) … in Danish, with the municipality's facts filled in".</summary>
public sealed class PrintTextTests
{
    private static string All(PrintText t) => string.Join("\n", [t.Headline, t.Lead, .. t.Points, t.Footer]);

    [Fact]
    public void ThePoster_CarriesTheDate_TheSite_MitId_TheMinimum_AndTheMeasuredSpeed()
    {
        var text = All(PrintTexts.Poster(Hørsholm));
        text.ShouldContain("Fra 1. marts 2027 sender biblioteket nye gebyrer og erstatninger til Hørsholm Kommune");
        text.ShouldContain("kommunens betalingsside, www.horsholm.dk/borger/betaling");
        text.ShouldContain("MitID");
        text.ShouldContain("Gebyrer fra før 1. marts 2027");
        text.ShouldContain("Gebyrer under 100 kr. samles");
        text.ShouldContain("typisk efter 4 sekunder (målt de seneste 7 dage)");
    }

    [Fact]
    public void ThePoster_ForTwoLibraries_NamesEachWithItsDate()
    {
        var text = All(PrintTexts.Poster(Rudersdal));
        text.ShouldContain("Rudersdal Bibliotekerne fra 1. februar 2027 og Rudersdal Skolebiblioteker fra 5. april 2027");
        text.ShouldContain("Gebyrer fra før bibliotekets skæringsdato");
    }

    [Fact]
    public void WithoutAMeasurement_NeitherPromisesAFigure_AndWithoutAMinimumNoneIsMentioned()
    {
        foreach (var t in new[] { PrintTexts.Poster(Egedal), PrintTexts.DeskCard(Egedal) })
        {
            var text = All(t);
            text.ShouldNotContain("sekund");
            text.ShouldNotContain("samles");
            text.ShouldContain("Når kommunen har registreret din betaling");
        }
    }

    [Fact]
    public void TheDeskCard_SaysWhereToPay_AndWhatToDoWithoutMitId()
    {
        var text = All(PrintTexts.DeskCard(Rudersdal));
        text.ShouldContain("Vi tager ikke imod betaling for nye gebyrer");
        text.ShouldContain("Betal på kommunens betalingsside, www.rudersdal.dk/betal med MitID");
        text.ShouldContain("Har du ikke MitID");
        text.ShouldContain("+71-linjen");
    }

    [Fact]
    public void AMunicipalityNotServed_GetsNoInventedDates()
    {
        var text = All(PrintTexts.Poster(Greve));
        text.ShouldContain("Greve Kommune er ikke sat op i FeeBridge endnu");
        text.ShouldNotContain("2027");
    }
}

using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Communication.Drafts;
using static FeeBridge.Rollout.Tests.Workflow.WorkflowFacts;

namespace FeeBridge.Rollout.Tests.Communication;

/// <summary>
/// Issue 16 part 2: "drafts written from the live configuration … safe templates — Liquid via Fluid.Core; editors cannot
/// run code; output sanitised", and the website text: "which lists it shows, paying needs MitID, older claims before the
/// cut-over, how fast a payment shows — FeeBridge's measured figure, never a promise it cannot keep".
/// </summary>
public sealed class DraftTemplateTests
{
    private static string Website(MunicipalityFacts facts)
    {
        var template = DraftTemplate.Parse(DefaultDrafts.Website);
        template.IsAccepted.ShouldBeTrue(template.ToString());
        var rendered = template.Value!.Render(facts);
        rendered.IsAccepted.ShouldBeTrue(rendered.ToString());
        rendered.Value!.UnknownNames.ShouldBeEmpty("the default draft uses only the model's names");
        return rendered.Value.Html;
    }

    private static RenderedDraft Rendered(string source, MunicipalityFacts? facts = null)
    {
        var template = DraftTemplate.Parse(source);
        template.IsAccepted.ShouldBeTrue(template.ToString());
        var rendered = template.Value!.Render(facts ?? Hørsholm);
        rendered.IsAccepted.ShouldBeTrue(rendered.ToString());
        return rendered.Value!;
    }

    [Fact]
    public void TheWebsiteText_NamesTheCutOverDate_TheTwoLists_MitId_ThePaymentSite_AndTheMeasuredSpeed()
    {
        var html = Website(Hørsholm);
        html.ShouldContain("Fra 1. marts 2027 sender biblioteket nye gebyrer og erstatninger til Hørsholm Kommune");
        html.ShouldContain("<a href=\"https://www.horsholm.dk/borger/betaling/\">kommunens betalingsside</a>");
        html.ShouldContain("MitID");
        html.ShouldContain("Betal her:");
        html.ShouldContain("Betal hos kommunen:");
        html.ShouldContain("under 100 kr.");
        html.ShouldContain("typisk betalingen efter 4 sekunder, og 95 % af betalingerne ses inden for 9 sekunder");
        html.ShouldContain("1.234 betalinger");
    }

    [Fact]
    public void ForTwoLibraries_EachIsListedWithItsOwnDate()
    {
        var html = Website(Rudersdal);
        html.ShouldContain("<li>Rudersdal Bibliotekerne: fra 1. februar 2027</li>");
        html.ShouldContain("<li>Rudersdal Skolebiblioteker: fra 5. april 2027</li>");
    }

    [Fact]
    public void WithoutAMeasurement_NoFigureIsPromised_AndWithoutAMinimumNoneIsMentioned()
    {
        var html = Website(Egedal);
        html.ShouldNotContain("sekund");
        html.ShouldNotContain("minut");
        html.ShouldContain("så snart kommunen har registreret betalingen");
        html.ShouldNotContain("samlet regning");
        html.ShouldNotContain("<a href", customMessage: "no payment site is configured");
    }

    [Fact]
    public void AMunicipalityNotConfigured_GetsNoInventedDates() =>
        Website(Greve).ShouldContain("Greve Kommune er ikke sat op i FeeBridge endnu");

    [Fact]
    public void AChangedCutOverDate_ChangesTheText()
    {
        var moved = Hørsholm with { Libraries = [Hørsholm.Libraries[0] with { CutOverDate = new DateOnly(2027, 9, 1) }] };
        Website(moved).ShouldContain("Fra 1. september 2027");
        Website(moved).ShouldNotBe(Website(Hørsholm));
    }

    [Fact]
    public void FactsAreEncoded_SoMarkupInAConfiguredNameIsText()
    {
        var facts = Hørsholm with { Name = "Kommune <script>alert(1)</script> & Co" };
        var html = Rendered("<p>{{ kommune.navn }}</p>", facts).Html;
        html.ShouldNotContain("<script");
        html.ShouldBe("<p>Kommune &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</p>");
    }

    [Fact]
    public void WhatAnEditorWrites_IsSanitised_ScriptsHandlersAndJavaScriptLinksGo()
    {
        var html = Rendered("""
            <h2>Nyt</h2><script>alert(1)</script><p onclick="steal()" style="color:red">Hej</p>
            <a href="javascript:alert(1)">klik</a><a href="https://bib.dk">bib</a><iframe src="https://evil.example"></iframe><img src=x onerror=alert(1)>
            """).Html;
        html.ShouldContain("<h2>Nyt</h2>");
        html.ShouldContain("<p>Hej</p>");
        html.ShouldContain("<a href=\"https://bib.dk\">bib</a>");
        foreach (var bad in (string[])["<script", "onclick", "style=", "javascript:", "<iframe", "<img", "onerror"]) html.ShouldNotContain(bad);
    }

    [Fact]
    public void OnlyTheModelIsReachable_NoDotNetMember_AndUnknownNamesAreReported()
    {
        var rendered = Rendered("[{{ Facts.Rules.MinimumOre }}][{{ kommune.GetType }}][{{ kommune.navn.Length }}][{{ skaeringsdatoen }}][{{ kommune.navn }}]");
        rendered.Html.ShouldBe("[][][][][Hørsholm Kommune]");
        rendered.UnknownNames.ShouldContain("Facts");
        rendered.UnknownNames.ShouldContain("skaeringsdatoen", customMessage: "a typo of skaeringsdato");
    }

    [Fact]
    public void ATemplateThatNeverEnds_IsStopped_AndRefusedWithAReason()
    {
        var template = DraftTemplate.Parse("{% for i in (1..1000000) %}{% for j in (1..1000000) %}x{% endfor %}{% endfor %}").Value!;
        var rendered = template.Render(Hørsholm);
        rendered.IsAccepted.ShouldBeFalse();
        rendered.Refusals.ShouldHaveSingleItem().Field.ShouldBe("template");
    }

    [Theory]
    [InlineData("{% if %}")]
    [InlineData("{{ kommune.navn ")]
    [InlineData("   ")]
    public void ATemplateThatDoesNotParse_IsRefusedSayingWhy(string source)
    {
        var parsed = DraftTemplate.Parse(source);
        parsed.IsAccepted.ShouldBeFalse();
        parsed.Refusals.ShouldHaveSingleItem().Reason.ShouldStartWith("Skabelonen");
    }

    [Theory]
    [InlineData("{% if %}", 1, 6)]
    [InlineData("<p>\n{% for x in biblioteker %}\nhej", 3, 4)]
    [InlineData("a\nb {% endif %}", 2, 11)]
    public void ATemplateThatDoesNotParse_SaysWhere_LineAndCharacter_WithoutRepeatingTheSource(string source, int line, int column)
    {
        var reason = DraftTemplate.Parse(source).Refusals.ShouldHaveSingleItem().Reason;
        reason.ShouldStartWith($"Skabelonen kan ikke læses (linje {line}, tegn {column}): ");
        reason.ShouldNotContain("Source");
    }

    [Theory]
    [InlineData("{% include 'appsettings.json' %}x")]
    [InlineData("{% render '../../etc/passwd' %}x")]
    public void NoFileCanBeIncluded(string source)
    {
        var rendered = DraftTemplate.Parse(source).Value!.Render(Hørsholm);
        rendered.IsAccepted.ShouldBeFalse();
        rendered.Refusals.ShouldHaveSingleItem().Reason.ShouldContain("kan ikke hente andre filer");
    }
}

using System.Net;
using System.Net.Http.Json;
using FeeBridge.Server.Tests.Citizen;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout.Drafts;

/// <summary>
/// Issue 16 part 5 over HTTP: "The FAQ per municipality: edited here (Markdown, sanitised, preview), with the defaults
/// /borger has today as a start, the question bank of real municipalities (cash, no MitID, children, refunds, where the
/// old claims went), and answers filled in from the configuration. /borger shows the published version; history kept"
/// — and offered as HTML for DPL CMS.
/// </summary>
public sealed class FaqApiTests(SqliteDraftSite site) : IClassFixture<SqliteDraftSite>
{
    private static string Url(string code) => $"/api/v1/rollout/municipalities/{code}/faq";

    [Fact]
    public async Task TheStart_IsWhatBorgerShowsToday_FilledIn_WithTheQuestionBankFromTheConfiguration()
    {
        using var leader = await site.StaffAsync("projektleder-607");
        var faq = await (await leader.GetAsync(Url("607"))).Json();
        ((bool)faq["isDefault"]!).ShouldBeTrue();
        var markdown = (string)faq["markdown"]!;
        markdown.ShouldContain("## Hvorfor skal jeg betale til kommunen og ikke til biblioteket?");
        markdown.ShouldContain("Fra 3. maj 2027 sender Fredericia Bibliotek nye gebyrer og erstatningskrav til Fredericia Kommune");
        markdown.ShouldContain("Du har 21 dage til at betale");
        var bank = faq["questionBank"]!.AsArray().ToDictionary(q => (string)q!["id"]!, q => (string)q!["answerMarkdown"]!);
        foreach (var id in (string[])["kontant", "uden-mitid", "boern", "tilbagebetaling", "gamle-krav", "minimum"]) bank.ShouldContainKey(id);
        bank["kontant"].ShouldContain("[kommunens betalingsside](https://www.fredericia.dk/betal)");
        bank["gamle-krav"].ShouldContain("fra før 3. maj 2027");
        bank["minimum"].ShouldContain("under 75 kr.");
        ((string)faq["cmsHtml"]!).ShouldContain("<h3>Hvorfor skal jeg betale til kommunen og ikke til biblioteket?</h3>");
    }

    [Fact]
    public async Task Saving_KeepsEveryVersion_SanitisesTheAnswers_AndPublishingNamesOne_Audited()
    {
        using var leader = await site.StaffAsync("projektleder-615");
        var hostile = "## Kan jeg betale kontant?\nNej, men i **Borgerservice**. [klik](javascript:alert(1))\n<script>alert(1)</script>\n## Hvem?\nRing til os.";
        using var first = await leader.PutAsJsonAsync(Url("615"), new { markdown = hostile });
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var saved = await first.Json();
        ((int)saved["version"]!).ShouldBe(1);
        saved["publishedVersion"].ShouldBeNull("saving does not publish");
        var html = (string)saved["cmsHtml"]!;
        html.ShouldContain("<strong>Borgerservice</strong>");
        html.ShouldNotContain("<script");
        html.ShouldNotContain("javascript:");
        (await leader.PutAsJsonAsync(Url("615"), new { markdown = "## Kan jeg betale kontant?\nI Borgerservice." })).EnsureSuccessStatusCode();

        (await leader.PostAsJsonAsync(Url("615") + "/publish", new { version = 7 })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        using var published = await leader.PostAsJsonAsync(Url("615") + "/publish", new { version = 1 });
        published.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((int)(await published.Json())["publishedVersion"]!).ShouldBe(1);
        var history = await (await leader.GetAsync(Url("615") + "/history")).Array();
        history.Select(h => ((int)h!["version"]!, (bool)h["published"]!)).ShouldBe([(2, false), (1, true)]);

        using var auditor = await site.StaffAsync("revisor");
        var log = await (await auditor.GetAsync("/api/v1/staff/audit?actor=projektleder-615")).Array();
        log.Count(e => (string)e!["action"]! == "rollout.faq.saved").ShouldBe(2);
        log.ShouldContain(e => (string)e!["action"]! == "rollout.faq.published" && (string)e["detail"]! == "version 1");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bare tekst uden spørgsmål.")]
    public async Task AFaqWithoutQuestions_Is422_AndNothingIsSaved(string markdown)
    {
        using var leader = await site.StaffAsync("projektleder-630");
        using var r = await leader.PutAsJsonAsync(Url("630"), new { markdown });
        r.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((string)(await r.Json())["errors"]!["markdown"]![0]!).ShouldNotBeNullOrEmpty();
        (await (await leader.GetAsync(Url("630") + "/history")).Array()).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnotherMunicipalitysFaq_Is403()
    {
        using var leader = await site.StaffAsync("projektleder-630");
        (await leader.GetAsync(Url("621"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await leader.PutAsJsonAsync(Url("621"), new { markdown = "## x\ny" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Borger_ShowsThePublishedVersion_ToTheMunicipalitysCitizens()
    {
        var cpr = CitizenSite.NewCpr();
        // A fee from Aabenraa's library, handed over through the Claims API as a library system does (CONTRACTS.md §1).
        using (var library = new HttpClient { BaseAddress = site.Address })
        {
            library.DefaultRequestHeaders.Authorization = new("Bearer", "sandbox-library-key");
            using var fee = await library.PutAsJsonAsync($"/api/v1/agencies/758000/claims/faq-{Guid.NewGuid():N}", new
            {
                patronId = "58001", debtor = new { cpr }, debtorName = "Birte Borger", kind = "fee", acknowledged = false,
                reason = "For sen aflevering", createdAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
                dueDate = (string?)null, lines = new[] { new { lineId = "1", amount = "30.00", text = "For sen aflevering" } },
            });
            fee.IsSuccessStatusCode.ShouldBeTrue(await fee.Content.ReadAsStringAsync());
        }
        using var citizen = await CitizenSession.LogInAsync(site.Address, cpr);
        var before = WebUtility.HtmlDecode(await citizen.GetStringAsync("/borger"));
        before.ShouldContain("Hvorfor skal jeg betale til kommunen og ikke til biblioteket?", customMessage: "the default until one is published");

        using var leader = await site.StaffAsync("projektleder-580");
        (await leader.PutAsJsonAsync(Url("580"), new { markdown = "## Må jeg betale med kontanter i Aabenraa?\nNej, men i Borgerservice på Skelbækvej." })).EnsureSuccessStatusCode();
        WebUtility.HtmlDecode(await citizen.GetStringAsync("/borger")).ShouldNotContain("Må jeg betale med kontanter i Aabenraa?", customMessage: "saved is not published");
        (await leader.PostAsJsonAsync(Url("580") + "/publish", new { version = 1 })).EnsureSuccessStatusCode();

        var after = WebUtility.HtmlDecode(await citizen.GetStringAsync("/borger"));
        after.ShouldContain("Må jeg betale med kontanter i Aabenraa?");
        after.ShouldContain("Borgerservice på Skelbækvej");
        after.ShouldNotContain("Hvorfor skal jeg betale til kommunen og ikke til biblioteket?");
    }
}

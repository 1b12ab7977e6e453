using System.Text.RegularExpressions;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FeeBridge.Server.Tests.Rollout.Drafts;

/// <summary>
/// Issue 16 part 7's screens for the drafts and the FAQ in a real browser, signed in through the staff stand-in: the
/// list, one page per channel (preview, edit refused saying where, saved as a version, the changed facts old → new
/// until marked seen, the SMS texts counted), and the FAQ editor (question bank, preview, save, publish). Each: no
/// WCAG 2.1 AA violations (axe-core), nothing sideways at 320 px, no script or style refused by the CSP, a screenshot.
/// </summary>
[Trait("store", "postgresql")]
public sealed partial class DraftPageTests(PostgresDraftSite site, Browser browser) : IClassFixture<PostgresDraftSite>, IClassFixture<Browser>
{
    private string Url(string path) => new Uri(site.Address, path).ToString();

    private Task<(IPage Page, List<string> Refused)> SignInAsync(string user, int width = 1280) =>
        StaffPages.SignInAsProjectLeaderAsync(browser, site.Address, user, width);

    private static Task ShouldBeAccessibleAndFitAsync(IPage page, string name, List<string> refused) =>
        StaffPages.ShouldBeAccessibleAndFitAsync(page, name, refused);

    [Fact]
    public async Task TheList_LeadsToEachDraft_WhichIsPreviewed_RefusedSayingWhere_AndSavedAsAVersion()
    {
        var (page, refused) = await SignInAsync("projektleder-607");
        await page.GotoAsync(Url("/staff/rollout/607"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Alle udkast fra konfigurationen" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-draft-row]")).ToHaveCountAsync(7);
        await Assertions.Expect(page.Locator("[data-pdf=plakat-a3]")).ToHaveAttributeAsync("href", "/api/v1/rollout/municipalities/607/drafts/plakat.pdf?size=A3");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-drafts", refused);

        await page.GetByRole(AriaRole.Link, new() { Name = "Mail til ledelsen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mail til ledelsen", Level = 1 })).ToBeVisibleAsync();
        var preview = page.Locator("[data-preview]");
        await Assertions.Expect(preview).ToContainTextAsync("Fra 3. maj 2027 sender biblioteket nye gebyrer og erstatningskrav");
        await Assertions.Expect(preview).ToContainTextAsync("Krav under 75 kr. venter");

        var template = page.GetByLabel("Skabelon (Liquid)");
        await template.FillAsync("<p>Kære ledelse i {{ kommune.navn }}</p>\n{% if %}");
        await page.Locator("[data-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-problems]")).ToContainTextAsync("linje 2, tegn 6");
        await Assertions.Expect(template).ToHaveValueAsync(new Regex("Kære ledelse"), new() { Timeout = 5000 });

        await template.FillAsync("<p>Kære ledelse i {{ kommune.navn }}: fra {{ skaeringsdato }}.</p>");
        await page.Locator("[data-preview-button]").ClickAsync();
        await Assertions.Expect(preview).ToHaveTextAsync("Kære ledelse i Fredericia Kommune: fra 3. maj 2027.");
        await Assertions.Expect(page.Locator("[data-message]")).ToContainTextAsync("ikke gemt");
        await page.Locator("[data-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-message]")).ToHaveTextAsync("Skabelonen er gemt som version 1.");
        await page.GotoAsync(Url("/staff/rollout/607/udkast"));
        await Assertions.Expect(page.Locator("[data-draft-row=ledelse]")).ToContainTextAsync("Egen, version 1");
    }

    [Fact]
    public async Task AChangedCutOverDate_ShowsOldToNew_UntilMarkedSeen()
    {
        var (page, refused) = await SignInAsync("projektleder-621");
        await page.GotoAsync(Url("/staff/rollout/621/udkast/hjemmeside"));
        await Assertions.Expect(page.Locator("[data-changed-facts]")).ToHaveCountAsync(0);
        await using (var store = site.OpenStore())
        {
            // Seen while Kolding's school libraries had another date: as if the configuration moved it since.
            var facts = (await FactsAsync()).Select(f =>
                f.Key == "bibliotek.762199.skaeringsdato" ? f with { Value = "1. marts 2027" } : f).ToList();
            await store.Rollout.Drafts.MarkSeenAsync(Kommunekode.Parse("621"), "hjemmeside", facts, DateTimeOffset.UtcNow, "projektleder-621", default);
        }
        await page.ReloadAsync();
        var changed = page.Locator("[data-change='bibliotek.762199.skaeringsdato']");
        await Assertions.Expect(changed).ToHaveTextAsync("Skæringsdato for Kolding Skolebiblioteker: 1. marts 2027 → 5. april 2027");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-draft-changed", refused);
        await page.GotoAsync(Url("/staff/rollout/621/udkast"));
        await Assertions.Expect(page.Locator("[data-draft-row=hjemmeside] [data-changed-count]")).ToHaveTextAsync("1 ændret");

        await page.GotoAsync(Url("/staff/rollout/621/udkast/hjemmeside"));
        await page.Locator("[data-mark-seen]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-message]")).ToHaveTextAsync("Ændringerne er markeret som set.");
        await Assertions.Expect(page.Locator("[data-changed-facts]")).ToHaveCountAsync(0);
    }

    /// <summary>The facts as the server has them today (the API lists them), for writing an older "seen" beside them.</summary>
    private async Task<List<FeeBridge.Rollout.Communication.Drafts.DraftFact>> FactsAsync()
    {
        using var api = await site.StaffAsync("projektleder-621");
        var facts = (await (await api.GetAsync("/api/v1/rollout/municipalities/621/drafts/hjemmeside")).Json())["facts"]!.AsArray();
        return [.. facts.Select(x => new FeeBridge.Rollout.Communication.Drafts.DraftFact((string)x!["key"]!, (string)x["label"]!, (string)x["value"]!))];
    }

    [Fact]
    public async Task TheSmsDraft_ShowsEachTextWithItsCount_At320Pixels()
    {
        var (page, refused) = await SignInAsync("projektleder-630", width: 320);
        await page.GotoAsync(Url("/staff/rollout/630/udkast/sms"));
        var texts = page.Locator("[data-sms]");
        await Assertions.Expect(texts).ToHaveCountAsync(3);
        await Assertions.Expect(texts.First).ToContainTextAsync("Fra 4. januar 2027 opkræver Vejle Kommune nye gebyrer");
        await Assertions.Expect(texts.First.Locator("[data-sms-count]")).ToContainTextAsync("GSM-7");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-draft-sms-320", refused);
    }

    [Fact]
    public async Task TheFaqEditor_AddsFromTheBank_Previews_Saves_AndPublishes()
    {
        var (page, refused) = await SignInAsync("projektleder-615");
        await page.GotoAsync(Url("/staff/rollout/615"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Spørgsmål og svar til /borger" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-faq-state]")).ToContainTextAsync("Intet er udgivet endnu");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-faq", refused);

        await page.GetByLabel("Kan jeg betale kontant på biblioteket?").CheckAsync();
        await page.Locator("[data-add-question]").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Spørgsmål og svar (Markdown)")).ToHaveValueAsync(new Regex("## Kan jeg betale kontant på biblioteket\\?\\nNej. Biblioteket tager ikke imod kontanter"));
        await Assertions.Expect(page.Locator("[data-faq-preview]")).ToContainTextAsync("Kan jeg betale kontant på biblioteket?");

        await page.GetByLabel("Spørgsmål og svar (Markdown)").FillAsync("## Kan jeg betale kontant?\nI **Borgerservice**.<script>alert(1)</script>");
        await page.Locator("[data-preview-button]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-faq-preview] strong")).ToHaveTextAsync("Borgerservice");
        (await page.Locator("[data-faq-preview] script").CountAsync()).ShouldBe(0);
        await page.Locator("[data-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-message]")).ToContainTextAsync("Gemt som version 1");
        await page.Locator("[data-publish='1']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-message]")).ToContainTextAsync("Version 1 er udgivet");
        await Assertions.Expect(page.Locator("[data-faq-state]")).ToContainTextAsync("/borger viser version 1");
        await Assertions.Expect(page.Locator("[data-version='1']")).ToContainTextAsync("Udgivet");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-faq-published", refused);
    }
}

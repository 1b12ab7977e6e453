using FeeBridge.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FeeBridge.Server.Tests.Citizen;

/// <summary>
/// The citizen page in a real browser: log-in through the MitID stand-in, both lists, paying, guardians, accessibility.
/// On PostgreSQL, as deployed; the access tests cover both stores.
/// </summary>
[Trait("store", "postgresql")]
public sealed partial class CitizenPageTests(PostgresCitizenSite site, Browser browser) : IClassFixture<PostgresCitizenSite>, IClassFixture<Browser>
{
    private string Url(string path) => new Uri(site.Address, path).ToString();

    /// <summary>From the start page through the stand-in (typing the number) back to the overview.</summary>
    private async Task LogInAsync(IPage page, string cprOrCvr)
    {
        await page.GotoAsync(Url("/borger"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Log ind med MitID" }).ClickAsync();
        await page.GetByLabel("CPR- eller CVR-nummer").FillAsync(cprOrCvr);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind", Exact = true }).ClickAsync();
        await ShouldArriveAtOverviewAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dit overblik over biblioteksgebyrer" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// Polls the address rather than using WaitForURLAsync: when the redirect has already landed, that waits for a "load"
    /// event it can miss (checked, then subscribed), and hung a CI run for its whole timeout.
    /// </summary>
    private static Task ShouldArriveAtOverviewAsync(IPage page) => Assertions.Expect(page).ToHaveURLAsync(OverviewAddress());

    [System.Text.RegularExpressions.GeneratedRegex("/borger$")]
    private static partial System.Text.RegularExpressions.Regex OverviewAddress();

    private static async Task ShouldBeAccessibleAsync(IPage page) =>
        (await Browser.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

    [Fact]
    public async Task Log_in_see_both_lists_with_totals_pay_in_the_debtor_system_reload_and_see_Betalt()
    {
        var cpr = CitizenSite.NewCpr();
        var municipal = await site.FeeAsync("7101", cpr, "Mette Hansen", "150.00", "Erstatning for bog", materialItemNumber: "5010123456");
        var old = await site.FeeAsync("7101", cpr, "Mette Hansen", "40.00", "For sen aflevering", createdAt: new DateTimeOffset(2019, 5, 1, 10, 0, 0, TimeSpan.FromHours(2)));
        await site.WaitForStatus(municipal, "registered");

        var page = await browser.NewPageAsync();
        await LogInAsync(page, cpr);

        await Assertions.Expect(page.Locator("[data-total=municipality]")).ToHaveTextAsync("150,00 kr.");
        await Assertions.Expect(page.Locator("[data-total=library]")).ToHaveTextAsync("40,00 kr.");
        await Assertions.Expect(page.Locator("[data-total=all]")).ToHaveTextAsync("190,00 kr.");
        var claim = page.Locator($"[data-list=municipality] [data-claim='{municipal}']");
        await Assertions.Expect(claim.Locator("[data-status]")).ToHaveTextAsync("Kommende betaling");
        await Assertions.Expect(claim).ToContainTextAsync("5010123456");
        await Assertions.Expect(claim.Locator("code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\+71<\d{15}\+8\d{7}<$"));
        await Assertions.Expect(claim.GetByRole(AriaRole.Link, new() { NameRegex = new("Betal på kommunens betalingsside") }))
            .ToHaveAttributeAsync("href", "https://betaling.kk.example/biblioteket");
        await Assertions.Expect(page.Locator($"[data-list=library] [data-claim='{old}']")).ToContainTextAsync("40,00 kr.");
        await Assertions.Expect(page.Locator("[data-list=library]")).ToContainTextAsync("Bibliotekernes app");
        await ShouldBeAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "borger-overview");

        await site.PayAsync(municipal, "150.00");
        await site.WaitForStatus(municipal, "paid");
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("[data-total=municipality]")).ToHaveTextAsync("0,00 kr.");
        await Assertions.Expect(page.Locator("[data-total=all]")).ToHaveTextAsync("40,00 kr.");
        await page.GetByText("Betalte og afsluttede krav de seneste 12 måneder").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-list=settled] [data-claim='{municipal}'] [data-status]")).ToHaveTextAsync("Betalt");
        // The page states the speed it measured, now that a payment has been applied.
        await Assertions.Expect(page.Locator(".speed")).ToContainTextAsync("vises den her typisk efter");
        await ShouldBeAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "borger-paid");
    }

    [Fact]
    public async Task A_guardian_sees_the_childs_claim_marked_with_the_childs_first_name()
    {
        var (guardian, child) = (CitizenSite.NewCpr(), "1503154321");
        var claimId = await site.FeeAsync("7102", child, "Freja Nielsen", "125.00", "Ikke afleveret", guardianCpr: guardian);
        await site.WaitForStatus(claimId, "registered");

        var page = await browser.NewPageAsync();
        await LogInAsync(page, guardian);
        var claim = page.Locator($"[data-claim='{claimId}']");
        await Assertions.Expect(claim.Locator("[data-child]")).ToHaveTextAsync("Freja");
        await Assertions.Expect(page.Locator("[data-total=municipality]")).ToHaveTextAsync("125,00 kr.");
        await ShouldBeAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "borger-guardian");
    }

    [Fact]
    public async Task A_person_with_no_claims_sees_a_friendly_empty_state()
    {
        var page = await browser.NewPageAsync();
        await LogInAsync(page, CitizenSite.NewCpr());
        await Assertions.Expect(page.GetByText("Du skylder ikke noget")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-list]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Spørgsmål og svar" })).ToBeVisibleAsync();
        await ShouldBeAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "borger-empty");
    }

    [Fact]
    public async Task The_accessibility_check_finds_violations_when_there_are_some()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Url("/borger"));
        await page.EvaluateAsync("() => { const i = document.createElement('img'); i.src = '/assets/img/logo-placeholder.png'; document.querySelector('main').appendChild(i); }");
        (await Browser.AccessibilityViolationsAsync(page)).ShouldContain(v => v.StartsWith("image-alt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_stand_in_and_the_start_page_are_accessible()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Url("/borger"));
        await ShouldBeAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Log ind med MitID" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log ind med MitID (sandkasse)" })).ToBeVisibleAsync();
        await ShouldBeAccessibleAsync(page);
    }

    [Fact]
    public async Task At_320_px_nothing_scrolls_sideways_and_the_page_works_by_keyboard_alone()
    {
        var cpr = CitizenSite.NewCpr();
        var claimId = await site.FeeAsync("7103", cpr, "Søren Sørensen", "160.00", "For sen aflevering");
        await site.WaitForStatus(claimId, "registered");
        var page = await browser.NewPageAsync(width: 320, height: 640);
        await page.GotoAsync(Url("/borger"));

        // Log in with Tab and Enter only.
        await TabToAsync(page, "a", "Log ind med MitID");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sandbox/mitid/authorize"));
        await TabToAsync(page, "input", null);
        await page.Keyboard.TypeAsync(cpr);
        await page.Keyboard.PressAsync("Enter");
        await ShouldArriveAtOverviewAsync(page);

        await Assertions.Expect(page.Locator("[data-total=all]")).ToHaveTextAsync("160,00 kr.");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(320);
        await ShouldBeAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "borger-320px");

        // Copy the payment line, then log out, by keyboard.
        await TabToAsync(page, "button", "Kopiér");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".copy-status").First).ToHaveTextAsync("Kopieret");
        (await page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).ShouldStartWith("+71<");
        await TabToAsync(page, "button", "Log ud");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("Du er logget ud.")).ToBeVisibleAsync();
    }

    /// <summary>Presses Tab until the focused element is the wanted one (by tag and, if given, text); fails after 60 presses.</summary>
    private static async Task TabToAsync(IPage page, string tag, string? text)
    {
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string[]>("() => [document.activeElement.tagName.toLowerCase(), document.activeElement.textContent.trim()]");
            if (focused[0] == tag && (text is null || focused[1].StartsWith(text, StringComparison.Ordinal))) return;
        }
        throw new ShouldAssertException($"Tab never reached <{tag}> {text}.");
    }
}

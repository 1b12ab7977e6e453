using System.Net;
using System.Text.RegularExpressions;
using FeeBridge.Server.Tests.Inbox;
using FeeBridge.Server.Tests.Infrastructure;
using FeeBridge.DebtorSystem.Contract;
using Microsoft.Playwright;

namespace FeeBridge.Server.Tests.Staff;

/// <summary>
/// The staff console's screens in a real browser, signed in through the staff stand-in's picker (CONTRACTS.md §5): the
/// library desk (search by keyboard, what to tell, the FI line, a write-down after "N krav, X kr."), the finance queue
/// (oldest first, several resolved after a confirmation, totals per day), the delivery log and the auditor's screen.
/// Each: no WCAG 2.1 AA violations (axe-core), nothing sideways, a screenshot in artifacts/screenshots. On PostgreSQL,
/// as deployed; the API tests cover both stores.
/// </summary>
[Trait("store", "postgresql")]
public sealed partial class StaffConsolePageTests(PostgresConsoleSite site, Browser browser) : IClassFixture<PostgresConsoleSite>, IClassFixture<Browser>
{
    private string Url(string path) => new Uri(site.Address, path).ToString();

    private async Task<IPage> SignInAsync(string user, int width = 1280)
    {
        var page = await browser.NewPageAsync(width: width);
        await page.GotoAsync(Url("/staff"));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sandbox/staff/oauth/authorize"));
        await page.Locator($"button[name=user][value='{user}']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(StartPage());
        return page;
    }

    [GeneratedRegex("/staff$")]
    private static partial Regex StartPage();

    private static async Task ShouldBeAccessibleAndFitAsync(IPage page, string name)
    {
        await Browser.ScreenshotAsync(page, name);
        (await Browser.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        var (scroll, window) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), page.ViewportSize!.Width);
        scroll.ShouldBeLessThanOrEqualTo(window, $"{name} scrolls sideways");
    }

    /// <summary>
    /// Issue 14: log-out ends the staff session on the server, as the citizen's does. A copy of the session cookie
    /// taken before (a shared desk computer, a proxy log) opens the staff pages until then, and not after, though it
    /// decrypts fine and has not expired. (The button itself was refused, 400, until the log-out page checked the
    /// form's token against the signed-in staff member.)
    /// </summary>
    [Fact]
    public async Task LogOut_EndsTheStaffSessionOnTheServer_ACookieCopiedBeforeIsRefusedAfter()
    {
        var page = await SignInAsync("bibliotekar");
        var copied = (await page.Context.CookiesAsync()).Where(c => c.Name.StartsWith("feebridge-staff", StringComparison.Ordinal)).ToList();
        copied.ShouldNotBeEmpty();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = site.Address };
        async Task<HttpStatusCode> StartPageWithTheCopy()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/staff");
            request.Headers.Add("Cookie", string.Join("; ", copied.Select(c => $"{c.Name}={c.Value}")));
            using var r = await http.SendAsync(request);
            return r.StatusCode;
        }
        (await StartPageWithTheCopy()).ShouldBe(HttpStatusCode.OK, "the copy works while the session lasts");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/staff/log-ud$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Du er logget ud" })).ToBeVisibleAsync();

        // Not signed in: the page sends the browser to the provider's sign-in instead.
        (await StartPageWithTheCopy()).ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task TheDesk_FindsAPatronByKeyboard_SaysWhatToTell_AndWritesDownOnlyAfterConfirmingNKravXKr()
    {
        var cpr = ConsoleSite.NewCpr();
        var tag = cpr[..6];
        var patron = "DESK-" + tag;
        await site.PutAsync($"{patron}-M", patron, cpr, "250.00", $"Mette Skranke {tag}");
        await site.PutAsync($"{patron}-L1", patron, cpr, "100.00", $"Mette Skranke {tag}", "2020-06-01T10:00:00+02:00");
        await site.PutAsync($"{patron}-L2", patron, cpr, "140.00", $"Mette Skranke {tag}", "2020-06-02T10:00:00+02:00");
        await site.PutAsync($"DESK2-{tag}-1", $"DESK2-{tag}", ConsoleSite.NewCpr(), "30.00", $"Mette Skranke {tag}b");
        await site.WaitForStatus($"{patron}-M", "registered");

        var page = await SignInAsync("bibliotekar");
        await page.GetByRole(AriaRole.Link, new() { Name = "Skranken: find en låner" }).ClickAsync();
        // The search field has the focus: type, Enter, arrow down, Enter.
        await Assertions.Expect(page.Locator("#soeg")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync($"mette skranke {tag}");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-results] li")).ToHaveCountAsync(2);
        await ShouldBeAccessibleAndFitAsync(page, "staff-desk-search");
        await page.Locator("#soeg").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.Locator("[data-results] a").First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/staff/desk/710100/patrons/{patron}$"));

        var registered = page.Locator($"[data-claim='{patron}-M']");
        await Assertions.Expect(registered.Locator("[data-status]")).ToHaveTextAsync("Hos kommunen");
        await Assertions.Expect(registered.Locator("[data-fi-line]")).ToContainTextAsync("+71<");
        await Assertions.Expect(registered.Locator("[data-claim-tell]")).ToContainTextAsync("Biblioteket kan ikke tage imod betalingen");
        await Assertions.Expect(page.Locator($"[data-claim='{patron}-L1'] [data-status]")).ToHaveTextAsync("Betales på biblioteket");
        await Assertions.Expect(page.Locator("[data-tell]")).ToContainTextAsync("Københavns Kommune");
        await Assertions.Expect(page.Locator("[data-payment-site]")).ToHaveTextAsync(ConsoleSite.PaymentUrl);
        await Assertions.Expect(page.Locator("[data-masked]")).ToHaveTextAsync(cpr[..6] + "-****");
        (await page.ContentAsync()).ShouldNotContain(cpr);
        await registered.GetByText("Tidslinje").ClickAsync();
        await Assertions.Expect(registered.Locator("[data-timeline] li[data-source=debtor-system]").First).ToBeVisibleAsync();
        await ShouldBeAccessibleAndFitAsync(page, "staff-desk");

        // Write the two library claims down: the page asks "2 krav, 240,00 kr.?" first, and Enter confirms.
        await page.Locator($"input[name=ClaimIds][value='{patron}-L1']").CheckAsync();
        await page.Locator($"input[name=ClaimIds][value='{patron}-L2']").CheckAsync();
        await page.GetByLabel("Nedskriv til 0 kr.").CheckAsync();
        await page.GetByLabel("Årsag til nedskrivningen").SelectOptionAsync("material-returned");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fortsæt" }).ClickAsync();
        await Assertions.Expect(page.Locator("#bekraeft")).ToHaveTextAsync("Nedskriv 2 krav, 240,00 kr.?");
        ((string)(await site.Claim($"{patron}-L1"))["status"]!).ShouldBe("held"); // nothing done before the confirmation
        await ShouldBeAccessibleAndFitAsync(page, "staff-desk-confirm");
        await Assertions.Expect(page.Locator("[data-confirm]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-message]")).ToHaveTextAsync("2 krav, 240,00 kr. er nedskrevet.");
        await Assertions.Expect(page.Locator($"[data-claim='{patron}-L1'] [data-status]")).ToHaveTextAsync("Trukket tilbage");
        ((string)(await site.Claim($"{patron}-L2"))["status"]!).ShouldBe("written-down");

        // A CPR number typed into the search is never in the address, and the page shows it masked.
        await page.GotoAsync(Url("/staff/desk"));
        await page.Locator("#soeg").FillAsync(cpr);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/staff/desk/710100/patrons/{patron}$"));
        page.Url.ShouldNotContain(cpr);
    }

    [Fact]
    public async Task TheFinanceQueue_ListsTheOldestFirst_ResolvesSeveralAfterConfirmation_AndShowsTheTotalsPerDay()
    {
        var wrong = ConsoleSite.NewCpr(unknown: true);
        var patron = "FIN-" + wrong[..6];
        await site.PutAsync($"{patron}-1", patron, wrong, "190.00", "Finn Kø");
        await site.WaitForStatus($"{patron}-1", "rejected");
        (await site.Anonymous.SendAsync("101", Reports.Of($"710100-UNKNOWN-{patron}", HaendelseType.Daekning, "40.00", "0.00")))
            .ShouldHaveSingleItem().Status.ShouldBe(HaendelseStatus.Afvist);

        var page = await SignInAsync("debitor");
        await page.GetByRole(AriaRole.Link, new() { Name = "Debitorkøen i Københavns Kommune" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/staff/finance/101$"));
        var rejected = page.Locator($"tr[data-item='claim:710100:{patron}-1']");
        await Assertions.Expect(rejected.Locator("[data-code]")).ToHaveTextAsync("UKENDT_PERSON");
        await Assertions.Expect(rejected.GetByRole(AriaRole.Link, new() { Name = $"{patron}-1" })).ToBeVisibleAsync();
        var refused = page.Locator("tr[data-kind=refused]").Filter(new() { HasText = $"710100-UNKNOWN-{patron}" });
        await Assertions.Expect(refused).ToHaveCountAsync(1);
        var times = await page.Locator("tr[data-item] time").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('datetime'))");
        times.Select(t => DateTimeOffset.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ShouldBeInOrder(SortDirection.Ascending);
        await Assertions.Expect(page.Locator("tr[data-day] [data-sent]").First).Not.ToHaveTextAsync("0");
        await ShouldBeAccessibleAndFitAsync(page, "staff-finance");

        await rejected.Locator("input[type=checkbox]").CheckAsync();
        await refused.Locator("input[type=checkbox]").CheckAsync();
        await page.GetByLabel("Hvad skal der ske?").SelectOptionAsync("dismiss");
        await page.GetByLabel("Begrundelse").FillAsync("Aftalt med biblioteket");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fortsæt" }).ClickAsync();
        // The rejected claim's 190,00 and the refused report's 40,00, as the queue shows them.
        await Assertions.Expect(page.Locator("#bekraeft")).ToHaveTextAsync("Afslut som håndteret: 2 punkter, 230,00 kr.?");
        await ShouldBeAccessibleAndFitAsync(page, "staff-finance-confirm");
        await page.Locator("[data-confirm]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-message]")).ToHaveTextAsync("2 punkter er løst.");
        await Assertions.Expect(rejected).ToHaveCountAsync(0);
        await Assertions.Expect(refused).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("tr[data-day] [data-resolved]").First).Not.ToHaveTextAsync("0");

        // A librarian has no queue, and no other municipality's.
        var librarian = await SignInAsync("bibliotekar");
        (await librarian.GotoAsync(Url("/staff/finance/101")))!.Status.ShouldBe(403);
        await Assertions.Expect(librarian.Locator("[data-refusal]")).ToContainTextAsync("egen kommunes");
        (await page.GotoAsync(Url("/staff/finance/751")))!.Status.ShouldBe(403);
    }

    [Fact]
    public async Task TheDeliveryLog_ShowsEveryAttempt_AndTheAuditorsScreen_ShowsWhoDidWhatAndWhy()
    {
        var cpr = ConsoleSite.NewCpr();
        var patron = 5_000_000 + Random.Shared.Next(1_000_000);
        var claimId = await site.FbsFeeAsync(patron, cpr, "250.00");
        await site.WaitForStatus(claimId, "registered");
        await site.PayAsync(claimId, "250.00");
        await site.WaitForStatus(claimId, "paid");

        var page = await SignInAsync("bibliotekar", width: 320);
        await page.GotoAsync(Url($"/staff/deliveries/710100?krav={claimId}"));
        var fbs = page.Locator("li[data-target=fbs]");
        for (var i = 0; i < 60 && await page.Locator("li[data-target=fbs][data-state=delivered]").CountAsync() == 0; i++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        await Assertions.Expect(fbs.Locator(".badge")).ToHaveTextAsync("Leveret");
        await fbs.GetByText("1 forsøg").ClickAsync();
        await Assertions.Expect(fbs.Locator("[data-attempts] li")).ToHaveCountAsync(1);
        await ShouldBeAccessibleAndFitAsync(page, "staff-deliveries-320px");
        await fbs.GetByLabel("Begrundelse for at sende igen").FillAsync("FBS viste ikke betalingen");
        await fbs.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Send igen") }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-message]")).ToContainTextAsync("sendes igen");

        var auditor = await SignInAsync("revisor");
        await auditor.GetByRole(AriaRole.Link, new() { Name = "Revisionsspor" }).ClickAsync();
        await auditor.GetByLabel("Medarbejder (brugernavn)").FillAsync("bibliotekar");
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Vis" }).ClickAsync();
        var replayed = auditor.Locator("tr[data-action='delivery.replayed']").First;
        await Assertions.Expect(replayed).ToContainTextAsync("FBS viste ikke betalingen");
        (await auditor.ContentAsync()).ShouldNotContain(cpr);
        await ShouldBeAccessibleAndFitAsync(auditor, "staff-audit");

        (await page.GotoAsync(Url("/staff/audit")))!.Status.ShouldBe(403);
        (await auditor.GotoAsync(Url("/staff/desk")))!.Status.ShouldBe(403);
    }
}

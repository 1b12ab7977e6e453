using System.Text.RegularExpressions;
using FeeBridge.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FeeBridge.Server.Tests.Rollout.CommunicationPlan;

/// <summary>
/// The communication plan's screens (issue 16 parts 1 and 4) in a real browser, signed in through the staff stand-in:
/// the plan with its overdue rows, adding a row (refused with the reasons first), editing one, sending its e-mail and
/// SMS and seeing each recipient's delivery. Each screen: no WCAG 2.1 AA violations (axe-core), nothing sideways at
/// 320 px, no script or style refused by the page's CSP, a screenshot.
/// </summary>
[Trait("store", "postgresql")]
public sealed partial class CommunicationPlanPageTests(PostgresCommunicationPlanSite site, Browser browser)
    : IClassFixture<PostgresCommunicationPlanSite>, IClassFixture<Browser>
{
    private string Url(string path) => new Uri(site.Address, path).ToString();

    private Task<(IPage Page, List<string> Refused)> SignInAsync(string user, int width = 1280) =>
        StaffPages.SignInAsProjectLeaderAsync(browser, site.Address, user, width);

    private static Task ShouldBeAccessibleAndFitAsync(IPage page, string name, List<string> refused) =>
        StaffPages.ShouldBeAccessibleAndFitAsync(page, name, refused);

    [Fact]
    public async Task ThePlan_MarksItsOverdueRows_RefusesABadRowWithItsReasons_AndAddsAGoodOne()
    {
        var (page, refused) = await SignInAsync("projektleder-540");
        await page.GotoAsync(Url("/staff/rollout/540"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Kommunikationsplan", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kommunikationsplan", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr[data-row]")).ToHaveCountAsync(10);
        // The first library cut over 60 days ago: every row of the default plan is overdue.
        await Assertions.Expect(page.Locator("tr[data-row] [data-overdue]")).ToHaveCountAsync(10);
        await Assertions.Expect(page.Locator("[data-plan-summary]")).ToContainTextAsync("10 overskredet");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-communication-plan", refused);

        // No occasion and no audience: refused, with the reasons, and nothing added.
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj rækken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Rækken blev ikke tilføjet");
        await Assertions.Expect(page.Locator("#maalgruppe .form-error-message")).ToContainTextAsync("mindst én målgruppe");
        await Assertions.Expect(page.Locator("tr[data-row]")).ToHaveCountAsync(10);
        await ShouldBeAccessibleAndFitAsync(page, "rollout-communication-plan-refused", refused);

        await page.GetByLabel("Anledning").FillAsync("Stand på biblioteksdagen");
        await page.GetByLabel("Borgerne").CheckAsync();
        await page.GetByLabel("Kanal").SelectOptionAsync("poster");
        await page.GetByLabel("En fast dato").CheckAsync();
        await page.GetByLabel("Fast dato", new() { Exact = true }).FillAsync(CommunicationPlanSite.Today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj rækken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Rækken er tilføjet" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr[data-row]")).ToHaveCountAsync(11);
        var added = page.Locator("tr[data-row]", new() { HasText = "Stand på biblioteksdagen" });
        await Assertions.Expect(added.Locator("[data-overdue]")).ToHaveCountAsync(0);
        await Assertions.Expect(added.Locator("[data-status]")).ToHaveTextAsync("Planlagt");

        var (phone, refusedOnPhone) = await SignInAsync("projektleder-540", width: 320);
        await phone.GotoAsync(Url("/staff/rollout/540/kommunikationsplan"));
        await ShouldBeAccessibleAndFitAsync(phone, "rollout-communication-plan-320px", refusedOnPhone);
        (await phone.GotoAsync(Url("/staff/rollout/530/kommunikationsplan")))!.Status.ShouldBe(403);
    }

    [Fact]
    public async Task ARow_IsEdited_ThenItsEmailIsSent_AndEachRecipientsDeliveryShows_TheBounceToo()
    {
        using var api = await site.StaffAsync("projektleder-530");
        var (_, staff, bouncing) = await site.GalleryAsync(api, "530");
        var (page, refused) = await SignInAsync("projektleder-530");
        await page.GotoAsync(Url("/staff/rollout/530/kommunikationsplan"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Informationsmøde for bibliotekspersonalet" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Informationsmøde for bibliotekspersonalet", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Status").SelectOptionAsync("in-progress");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem rækken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Rækken er gemt" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-status]")).ToHaveTextAsync("I gang");
        await Assertions.Expect(page.Locator("[data-history] li")).ToHaveCountAsync(2);
        await ShouldBeAccessibleAndFitAsync(page, "rollout-communication-plan-row", refused);

        await page.GotoAsync(Url("/staff/rollout/530/kommunikationsplan/d-01/send"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Send: Orientering af ledelsen", Level = 1 })).ToBeVisibleAsync();
        await ShouldBeAccessibleAndFitAsync(page, "rollout-communication-send", refused);
        // Nobody chosen: refused, nothing sent.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Der blev ikke sendt noget");
        await page.GetByLabel("Bibliotekspersonale (2 personer)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/kommunikationsplan/afsendelser/s-"));
        await Eventually.Until(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator("[data-completed]").CountAsync();
        }, n => n == 1);
        await Assertions.Expect(page.Locator($"tr[data-recipient='{staff}']")).ToHaveAttributeAsync("data-state", "accepted");
        await Assertions.Expect(page.Locator($"tr[data-recipient='{bouncing}']")).ToHaveAttributeAsync("data-state", "failed");
        await Assertions.Expect(page.Locator($"tr[data-recipient='{bouncing}']")).ToContainTextAsync("550");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-communication-deliveries", refused);
        ReminderMailServer.MessagesTo(staff).Count.ShouldBe(1);

        // The bounce in the role gallery, for that person; the row done.
        await page.GetByRole(AriaRole.Link, new() { Name = "Se rollegalleriet" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-warnings]")).ToContainTextAsync(bouncing);
        await Assertions.Expect(page.Locator("li", new() { HasText = bouncing }).Locator("[data-bounced]")).ToContainTextAsync("550");
        await page.GotoAsync(Url("/staff/rollout/530/kommunikationsplan"));
        await Assertions.Expect(page.Locator("tr[data-row='d-01'] [data-status]")).ToHaveTextAsync("Udført");
        await Assertions.Expect(page.Locator("[data-sends] li")).ToContainTextAsync("1 af 2 modtagere nået");
    }

    [Fact]
    public async Task AnSms_IsSentFromItsRow_ABadNumberRefusedFirst_AndItsDeliveryShows()
    {
        var (page, refused) = await SignInAsync("projektleder-575");
        await page.GotoAsync(Url("/staff/rollout/575/kommunikationsplan"));
        await page.GetByRole(AriaRole.Link, new() { Name = "SMS til lånere tilmeldt SMS-ordningen" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Send SMS fra denne række" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("SMS", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("[data-sms-summary]")).ToContainTextAsync("GSM-7");
        await page.GetByLabel("Telefonnumre").FillAsync("12 34");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-refusal='numbers[0]']")).ToContainTextAsync("8 cifre");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-communication-send-sms-refused", refused);
        await page.GetByLabel("Telefonnumre").FillAsync("20 12 34 56");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/kommunikationsplan/afsendelser/s-"));
        await Eventually.Until(async () =>
        {
            await page.ReloadAsync();
            return await page.Locator("[data-completed]").CountAsync();
        }, n => n == 1);
        await Assertions.Expect(page.Locator("tr[data-recipient='+4520123456']")).ToHaveAttributeAsync("data-state", "delivered");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-communication-sms-delivered", refused);
    }
}

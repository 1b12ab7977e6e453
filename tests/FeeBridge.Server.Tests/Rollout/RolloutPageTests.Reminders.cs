using FeeBridge.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FeeBridge.Server.Tests.Rollout;

/// <summary>The reminder choices page (issue 15 part 4: each person's reminders). Municipalities 706 and 707 are this part's own.</summary>
public sealed partial class RolloutPageTests
{
    [Fact]
    public async Task TheRemindersPage_ShowsEachPersonsReminders_AndTheProjectLeaderChangesThemByKeyboard_At320Px()
    {
        using (var api = await site.StaffAsync("projektleder-706"))
            await ExportSetup.GalleryAsync(api, "706", ("Åse Ærø", "aase@706.dk"), ("Bo Bøgh", "bo@706.dk"));
        var page = await SignInAsync("projektleder-706", width: 320);
        await page.GotoAsync(Url("/staff/rollout/706/organisation"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Påmindelser om frister: hvem får hvilke" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/staff/rollout/706/paamindelser$"));
        var aase = page.Locator("[data-person='aase@706.dk']");
        await Assertions.Expect(aase.Locator("[data-summary]")).ToHaveTextAsync("Standard: 3 dage før, på dagen; hver 7. dag efter fristen; fra kl. 08:00");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-reminders-320px");

        // Open Åse's form by keyboard, choose 7 days before and on the day, no repeats, from 07:00; save with Enter.
        await TabToAsync(page, "[data-person='aase@706.dk'] summary");
        await page.Keyboard.PressAsync("Enter");
        await aase.GetByLabel("7 dage før").CheckAsync();
        await aase.GetByLabel("3 dage før").UncheckAsync();
        await aase.GetByLabel("Mens fristen er overskredet").SelectOptionAsync("");
        await aase.GetByLabel("Tidligst klokken").FillAsync("07:00");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-reminders-form-320px");
        await TabToAsync(page, "[data-person='aase@706.dk'] button[type=submit]:not([name])");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("Påmindelserne for aase@706.dk er gemt.")).ToBeVisibleAsync();
        await Assertions.Expect(aase.Locator("[data-summary]")).ToHaveTextAsync("Egne valg: 7 dage før, på dagen; ingen efter fristen; fra kl. 07:00");
        await Assertions.Expect(page.Locator("[data-person='bo@706.dk'] [data-summary]")).ToContainTextAsync("Standard:");

        // The API says the same, and back to the default is one button.
        using (var api = await site.StaffAsync("projektleder-706"))
        {
            var list = await (await api.GetAsync("/api/v1/rollout/municipalities/706/reminder-preferences")).Json();
            var own = list["people"]!.AsArray().Single(p => (string)p!["email"]! == "aase@706.dk")!;
            own["reminders"]!["daysBefore"]!.AsArray().Select(d => (int)d!).ShouldBe([7, 0]);
        }
        await aase.Locator("summary").ClickAsync();
        await aase.GetByRole(AriaRole.Button, new() { Name = "Brug standarden for Åse Ærø" }).ClickAsync();
        await Assertions.Expect(aase.Locator("[data-summary]")).ToHaveTextAsync("Standard: 3 dage før, på dagen; hver 7. dag efter fristen; fra kl. 08:00");
    }

    [Fact]
    public async Task APersonOfTheGallery_SeesAndChangesOnlyTheirOwnReminders_AndAStrangerIsRefused()
    {
        using (var api = await site.StaffAsync("projektleder-707"))
            await ExportSetup.GalleryAsync(api, "707", ("Lise Bach", "bibliotekar@sandbox.feebridge.dk"), ("Carl Carlsen", "carl@707.dk"));
        var page = await SignInAsync("bibliotekar");
        await page.GotoAsync(Url("/staff/rollout/707/paamindelser"));
        await Assertions.Expect(page.Locator("[data-person]")).ToHaveCountAsync(1);
        var own = page.Locator("[data-person='bibliotekar@sandbox.feebridge.dk']");
        await own.Locator("summary").ClickAsync();
        await own.GetByLabel("1 dag før").CheckAsync();
        await own.GetByRole(AriaRole.Button, new() { Name = "Gem påmindelser for Lise Bach" }).ClickAsync();
        await Assertions.Expect(own.Locator("[data-summary]")).ToContainTextAsync("Egne valg: 3 dage før, 1 dag før, på dagen");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-reminders-own");

        (await page.GotoAsync(Url("/staff/rollout/706/paamindelser")))!.Status.ShouldBe(403);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }
}

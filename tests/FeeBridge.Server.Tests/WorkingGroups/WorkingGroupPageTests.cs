using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FeeBridge.Server.Tests.Infrastructure;
using FeeBridge.Server.Tests.Rollout;
using Microsoft.Playwright;

namespace FeeBridge.Server.Tests.WorkingGroups;

/// <summary>
/// The working-group screens in a real browser (signed in through the staff stand-in's picker): a project leader
/// applies through the form and sees their own application; KOMBIT prepares the lottery and draws it, and sees the
/// chances chart, the quotas met and LEGACY beside LEXIMIN. Each screen: no WCAG 2.1 AA violations (axe-core), nothing
/// sideways at 320 px, a screenshot in artifacts/screenshots. PostgreSQL; municipalities 259..480.
/// </summary>
[Trait("store", "postgresql")]
public sealed partial class WorkingGroupPageTests(PostgresWorkingGroupSite site, Browser browser) : IClassFixture<PostgresWorkingGroupSite>, IClassFixture<Browser>
{
    private string Url(string path) => new Uri(site.FeeBridge.Address, path).ToString();

    private async Task<IPage> SignInAsync(string user, int width = 1280)
    {
        var page = await browser.NewPageAsync(width: width);
        await page.GotoAsync(Url("/staff"));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sandbox/staff/oauth/authorize"));
        if (user.StartsWith("projektleder-", StringComparison.Ordinal))
        {
            await page.Locator("#projektleder").SelectOptionAsync(user);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log ind som projektleder" }).ClickAsync();
        }
        else await page.Locator($"button[name=user][value='{user}']").ClickAsync();
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

    private async Task<string> GalleryAsync(string code)
    {
        using var leader = await site.StaffAsync($"projektleder-{code}");
        var email = ReminderMailServer.NewAddress("leder" + code);
        (await leader.PutAsJsonAsync($"/api/v1/rollout/municipalities/{code}/organisation", new
        {
            roles = new object[] { new { role = "projektleder", people = new[] { new { name = "Leder " + code, email, primary = true } } } },
            competences = Array.Empty<object>(),
        })).EnsureSuccessStatusCode();
        return email;
    }

    [Fact]
    public async Task AProjectLeaderApplies_KombitDraws_AndEveryoneSeesChancesAndReasons()
    {
        const string g = "side-test";
        var deadline = DateTimeOffset.UtcNow.AddSeconds(45);
        using (var kombitApi = await site.StaffAsync("kombit"))
        {
            (await kombitApi.PostAsJsonAsync("/api/v1/working-groups", new
            {
                id = g, title = "Sidetestens arbejdsgruppe", deadline = WorkingGroupSite.Deadline(deadline),
                tracks = new[] { new { id = "implementering", title = "Implementering", seatsMin = 2, seatsMax = 3, roles = new[] { "projektleder" } } },
                quotas = new[] { new { track = "implementering", feature = "size", value = "large", min = 1, max = 1 } },
                onePersonOneTrack = true,
            })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        // The project leader of 326 Kalundborg applies through the form, at 320 px.
        var email = await GalleryAsync("326");
        var leader = await SignInAsync("projektleder-326", width: 320);
        await leader.GotoAsync(Url($"/staff/working-groups/{g}"));
        await Assertions.Expect(leader.Locator("[data-track=implementering] [data-applications]")).ToHaveTextAsync("0 ansøgninger");
        await leader.GetByLabel("Ansøgerens navn").FillAsync("Leder 326");
        await leader.GetByLabel("Ansøgerens e-mail (som i rollegalleriet)").FillAsync(email);
        await ShouldBeAccessibleAndFitAsync(leader, "working-group-signup-320px");
        await leader.GetByRole(AriaRole.Button, new() { Name = "Send ansøgning" }).ClickAsync();
        await Assertions.Expect(leader).ToHaveURLAsync(new Regex($"/staff/working-groups/{g}/applications/ans-"));
        await Assertions.Expect(leader.Locator("[data-received]")).ToContainTextAsync("En kvittering er sendt");
        await Assertions.Expect(leader.Locator("[data-outcome]")).ToHaveAttributeAsync("data-outcome", "pending");
        var applicationId = (await leader.Locator("[data-application-id]").TextContentAsync())!.Trim();
        await ShouldBeAccessibleAndFitAsync(leader, "working-group-applicant-320px");

        // A second application from the same municipality is refused on the form (409), in Danish.
        await leader.GotoAsync(Url($"/staff/working-groups/{g}"));
        await leader.GetByLabel("Ansøgerens navn").FillAsync("Leder 326");
        await leader.GetByLabel("Ansøgerens e-mail (som i rollegalleriet)").FillAsync(email);
        await leader.GetByRole(AriaRole.Button, new() { Name = "Send ansøgning" }).ClickAsync();
        await Assertions.Expect(leader.Locator("[data-refusals]")).ToContainTextAsync("højst én deltager pr. kommune pr. spor");

        // Five more through the API: 259 Faxe, 265 Roskilde, 316 Holbæk (large, like 326 Kalundborg: four share the one large seat); 336 Stevns, 340 Sorø (small).
        foreach (var code in new[] { "259", "265", "316", "336", "340" })
        {
            var mail = await GalleryAsync(code);
            using var other = await site.StaffAsync($"projektleder-{code}");
            (await other.PostAsJsonAsync($"/api/v1/working-groups/{g}/applications", new { track = "implementering", name = "Leder " + code, email = mail, role = "projektleder", libraryType = "folkebibliotek" }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        await WorkingGroupSite.PassAsync(deadline);

        // KOMBIT prepares the lottery, then draws with the public random value.
        var kombit = await SignInAsync("kombit");
        await kombit.GotoAsync(Url($"/staff/working-groups/{g}/udvaelgelse"));
        await kombit.GetByRole(AriaRole.Button, new() { Name = "Forbered lodtrækningen" }).ClickAsync();
        await Assertions.Expect(kombit.Locator("[data-lottery-hash]")).ToHaveTextAsync(new Regex("^[0-9a-f]{64}$"));
        await kombit.GetByLabel("Det offentlige tilfældige tal, fastlagt på forhånd").FillAsync("Lotto 7 13 21 24 30 33 36");
        await kombit.GetByRole(AriaRole.Button, new() { Name = "Træk lod" }).ClickAsync();
        await Assertions.Expect(kombit.Locator("[data-track=implementering] [data-drawn]")).ToContainTextAsync("af 1.000");
        await Assertions.Expect(kombit.Locator("[data-track=implementering] rect.chance-selected")).ToHaveCountAsync(3);
        await Assertions.Expect(kombit.Locator("[data-track=implementering] rect")).ToHaveCountAsync(6);
        await Assertions.Expect(kombit.Locator("[data-quota=Size-large]")).ToContainTextAsync("✓ overholdt");
        await Assertions.Expect(kombit.Locator("[data-track=implementering] [data-legacy]")).ToContainTextAsync("grådige trækninger");
        await ShouldBeAccessibleAndFitAsync(kombit, "working-group-selection");
        await kombit.SetViewportSizeAsync(320, 900);
        await kombit.ReloadAsync();
        await ShouldBeAccessibleAndFitAsync(kombit, "working-group-selection-320px");

        // The applicant now sees the outcome and the reason.
        await leader.GotoAsync(Url($"/staff/working-groups/{g}/applications/{applicationId}"));
        await Assertions.Expect(leader.Locator("[data-outcome]")).ToHaveAttributeAsync("data-outcome", new Regex("^(selected|not-selected)$"));
        await Assertions.Expect(leader.Locator("[data-reason]")).ToContainTextAsync("Din chance var");
        await Assertions.Expect(leader.Locator("[data-probability]")).ToContainTextAsync("%");
    }
}

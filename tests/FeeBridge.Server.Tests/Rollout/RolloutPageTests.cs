using System.Text.RegularExpressions;
using FeeBridge.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FeeBridge.Server.Tests.Rollout;

/// <summary>
/// The staff rollout screens in a real browser, signed in through the staff stand-in's picker page (CONTRACTS.md §5):
/// the task list with its filters, a task changed through its form, the role gallery, KOMBIT's overview and import.
/// Each screen: no WCAG 2.1 AA violations (axe-core), nothing sideways at 320 px, a screenshot in artifacts/screenshots.
/// On PostgreSQL, as deployed; the API tests cover both stores. Municipalities 161–183 are this class's own.
/// </summary>
[Trait("store", "postgresql")]
public sealed partial class RolloutPageTests(PostgresRolloutSite site, Browser browser) : IClassFixture<PostgresRolloutSite>, IClassFixture<Browser>
{
    private const string Project = "fbs-debitorintegration";

    private string Url(string path) => new Uri(site.Address, path).ToString();

    private static string Source(string name) => Path.Combine(AppContext.BaseDirectory, "Rollout", "Sources", name);

    /// <summary>GET /staff → the stand-in's picker → choose the user → back on the staff start page.</summary>
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

    /// <summary>No axe violations, nothing wider than the window, and a screenshot named <paramref name="name"/>.</summary>
    private static async Task ShouldBeAccessibleAndFitAsync(IPage page, string name)
    {
        await Browser.ScreenshotAsync(page, name);
        (await Browser.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        var (scroll, window) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), page.ViewportSize!.Width);
        scroll.ShouldBeLessThanOrEqualTo(window, $"{name} scrolls sideways");
    }

    private async Task<string> FirstTaskIdAsync(string code, string title)
    {
        using var leader = await site.StaffAsync($"projektleder-{code}");
        var tasks = await (await leader.GetAsync($"/api/v1/rollout/municipalities/{code}/tasks")).Array();
        return (string)tasks.First(t => (string)t!["title"]! == title)!["taskId"]!;
    }

    [Fact]
    public async Task TheTaskList_ShowsProgressAndEveryTask_AndItsFiltersWorkByKeyboard_At320Px()
    {
        // A deadline already passed: the task is overdue (DOMAIN.md §8 "overdue": deadline passed, not done or not relevant).
        var overdueId = await FirstTaskIdAsync("161", "Forbered og kommunikér internt");
        using (var leader = await site.StaffAsync("projektleder-161"))
            (await leader.Patch($"/api/v1/rollout/municipalities/161/tasks/{overdueId}", new { deadline = "2020-01-31" })).EnsureSuccessStatusCode();

        var page = await SignInAsync("projektleder-161", width: 320);
        await page.GetByRole(AriaRole.Link, new() { Name = "Kommunens opgaveliste" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/staff/rollout/161$"));
        await Assertions.Expect(page.Locator("label[for=fremdrift-bar]")).ToHaveTextAsync("0 af 3 opgaver er fuldført");
        await Assertions.Expect(page.Locator("tr[data-task]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator($"tr[data-task='{overdueId}'] [data-overdue]")).ToBeVisibleAsync();
        await ShouldBeAccessibleAndFitAsync(page, "rollout-tasks-320px");

        // Tick "only overdue" and submit, by Tab, Space and Enter alone.
        await TabToAsync(page, "#overskredet");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "button[type=submit].button-primary");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("overskredet=true"));
        await Assertions.Expect(page.Locator("tr[data-task]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"tr[data-task='{overdueId}']")).ToBeVisibleAsync();

        // A status nobody has: nothing passes.
        await page.GotoAsync(Url("/staff/rollout/161?status=done"));
        await Assertions.Expect(page.GetByText("Ingen opgaver passer til filtrene.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AStatusChangedThroughTheForm_IsSaved_AndShowsInTheHistory()
    {
        var page = await SignInAsync("projektleder-163");
        await page.GotoAsync(Url("/staff/rollout/163"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Etabler organisering" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Etabler organisering", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("ol[data-field=method] li").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-history] li[data-history-field=status]")).ToHaveCountAsync(0);
        await ShouldBeAccessibleAndFitAsync(page, "rollout-task");

        await page.GetByLabel("Status").SelectOptionAsync("in-progress");
        await page.GetByLabel("Frist").FillAsync("2027-03-01");
        await page.GetByLabel("Ny note").FillAsync("Rollegalleriet udfyldes på mødet i uge 9");
        // Submitted by keyboard.
        await TabToAsync(page, "button[type=submit].button-primary");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByText("Ændringen er gemt.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-field=status]")).ToHaveTextAsync("I gang");
        await Assertions.Expect(page.Locator("[data-field=deadline]")).ToContainTextAsync("1. marts 2027");
        var status = page.Locator("[data-history] li[data-history-field=status]");
        await Assertions.Expect(status).ToHaveCountAsync(1);
        await Assertions.Expect(status).ToContainTextAsync("projektleder-163");
        await Assertions.Expect(status).ToContainTextAsync("fra Ikke startet til I gang");
        await Assertions.Expect(page.Locator("[data-history] li[data-history-field=notes]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".task-notes")).ToContainTextAsync("Rollegalleriet udfyldes på mødet i uge 9");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-task-changed");

        // The API sees the same change (one store, one history).
        using var api = await site.StaffAsync("projektleder-163");
        var id = await FirstTaskIdAsync("163", "Etabler organisering");
        var history = await (await api.GetAsync($"/api/v1/rollout/municipalities/163/tasks/{id}/history")).Array();
        history.ShouldContain(h => (string)h!["field"]! == "status" && (string?)h["after"] == "in-progress");
    }

    [Fact]
    public async Task NotRelevantWithoutAReason_IsRefusedOnThePage_AndNothingChanges()
    {
        var page = await SignInAsync("projektleder-165");
        var id = await FirstTaskIdAsync("165", "Etabler organisering");
        await page.GotoAsync(Url($"/staff/rollout/165/tasks/{id}"));
        await page.GetByLabel("Status").SelectOptionAsync("not-relevant");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem ændringer" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Ændringen blev ikke gemt")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-field=status]")).ToHaveTextAsync("Ikke startet");
        await Assertions.Expect(page.Locator("[data-history] li[data-history-field=status]")).ToHaveCountAsync(0);
        await ShouldBeAccessibleAndFitAsync(page, "rollout-task-refused");
    }

    [Fact]
    public async Task AProjectLeader_Gets403OnAnotherMunicipality_AndTheOverviewSendsThemHome()
    {
        var page = await SignInAsync("projektleder-167");
        var other = await page.GotoAsync(Url("/staff/rollout/169"));
        other!.Status.ShouldBe(403);
        await Assertions.Expect(page.Locator("[data-refusal]")).ToContainTextAsync("din egen kommune");
        (await page.GotoAsync(Url("/staff/rollout/169/organisation")))!.Status.ShouldBe(403);
        var id = await FirstTaskIdAsync("169", "Etabler organisering");
        (await page.GotoAsync(Url($"/staff/rollout/169/tasks/{id}")))!.Status.ShouldBe(403);
        (await page.GotoAsync(Url("/staff/rollout/import")))!.Status.ShouldBe(403);
        await ShouldBeAccessibleAndFitAsync(page, "rollout-forbidden");

        await page.GotoAsync(Url("/staff/rollout"));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/staff/rollout/167$"));
    }

    [Fact]
    public async Task TheRoleGallery_ShowsItsWarnings_AndAPersonAddedThereCanBeMadeAccountable()
    {
        var page = await SignInAsync("projektleder-183", width: 320);
        await page.GotoAsync(Url("/staff/rollout/183/organisation"));
        var emptyRoles = page.Locator("[data-warnings] li[data-warning=empty-role]");
        await Assertions.Expect(emptyRoles).ToHaveCountAsync(8);
        await ShouldBeAccessibleAndFitAsync(page, "rollout-organisation-320px");

        var role = page.Locator("[data-role=projektleder]");
        await role.GetByText("Tilføj en person som Projektleder").ClickAsync();
        await role.GetByLabel("Navn").FillAsync("Ida Holm");
        await role.GetByLabel("E-mail").FillAsync("ida.holm@kommune.example");
        await role.GetByLabel("Primær i rollen (får KOMBITs mails)").CheckAsync();
        await role.GetByRole(AriaRole.Button, new() { Name = "Tilføj" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Rollegalleriet er gemt.")).ToBeVisibleAsync();
        await Assertions.Expect(emptyRoles).ToHaveCountAsync(7);
        await Assertions.Expect(page.Locator("[data-role=projektleder]")).ToContainTextAsync("Ida Holm (ida.holm@kommune.example) – primær");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-organisation-filled-320px");

        // The performer and the accountable are chosen from the gallery.
        var id = await FirstTaskIdAsync("183", "Etabler organisering");
        await page.GotoAsync(Url($"/staff/rollout/183/tasks/{id}"));
        await page.GetByLabel("Ansvarlig").SelectOptionAsync("ida.holm@kommune.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem ændringer" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field=accountable]")).ToHaveTextAsync("Ida Holm (ida.holm@kommune.example)");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-task-320px");
    }

    [Fact]
    public async Task Kombit_SeesEveryMunicipality_SortsByOverdue_AndOpensOne()
    {
        var overdueId = await FirstTaskIdAsync("173", "Etabler organisering");
        using (var leader = await site.StaffAsync("projektleder-173"))
            (await leader.Patch($"/api/v1/rollout/municipalities/173/tasks/{overdueId}", new { deadline = "2021-06-30" })).EnsureSuccessStatusCode();

        var page = await SignInAsync("kombit");
        await page.GetByRole(AriaRole.Link, new() { Name = "Alle kommuners udrulning" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-municipality]")).ToHaveCountAsync(98);
        await ShouldBeAccessibleAndFitAsync(page, "rollout-overview");

        await page.Locator("th a[href*='sorter=overskredet']").ClickAsync();
        await page.Locator("th a[href*='sorter=overskredet']").ClickAsync(); // again: most overdue first
        await Assertions.Expect(page.Locator("th[aria-sort=descending]")).ToContainTextAsync("Overskredet frist");
        var counts = await page.Locator("tr[data-municipality] [data-overdue-count]").AllTextContentsAsync();
        var numbers = counts.Select(c => int.Parse(c.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        numbers.ShouldBe([.. numbers.OrderByDescending(n => n)]);
        numbers[0].ShouldBeGreaterThanOrEqualTo(1);
        await Assertions.Expect(page.Locator("tr[data-municipality='173'] [data-overdue-count]")).ToHaveTextAsync("1");

        await page.Locator("tr[data-municipality='173'] a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/staff/rollout/173$"));
        await Assertions.Expect(page.Locator($"tr[data-task='{overdueId}'] [data-overdue]")).ToBeVisibleAsync();
        // KOMBIT reads a task but has no form to change it.
        await page.Locator($"tr[data-task='{overdueId}'] a").ClickAsync();
        await Assertions.Expect(page.GetByText("kun kommunens projektleder kan ændre den")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Gem ændringer" })).ToHaveCountAsync(0);

        var narrow = await SignInAsync("kombit", width: 320);
        await narrow.GotoAsync(Url("/staff/rollout"));
        await ShouldBeAccessibleAndFitAsync(narrow, "rollout-overview-320px");
    }

    [Fact]
    public async Task Kombit_ImportsThroughAPreviewWithWarnings_AndANonKlikDocumentSavesNothing()
    {
        var page = await SignInAsync("kombit");
        await page.GotoAsync(Url("/staff/rollout/import"));
        await ShouldBeAccessibleAndFitAsync(page, "rollout-import");

        await page.GetByLabel("Filer", new() { Exact = true }).SetInputFilesAsync(Source("004_99e4a4c59c4ca046.txt"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Forhåndsvis" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-refused]")).ToContainTextAsync("Ikke en KLIK-opgave");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Gem importen" })).ToHaveCountAsync(0);

        await page.GetByLabel("Projekt").SelectOptionAsync(Project);
        await page.GetByLabel("Filer", new() { Exact = true }).SetInputFilesAsync(Source("000_1f82e45042e70add.txt"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Forhåndsvis" }).ClickAsync();
        var preview = page.Locator("[data-document='000_1f82e45042e70add.txt']");
        await Assertions.Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Forbered og kommunikér internt" })).ToBeVisibleAsync();
        await ShouldBeAccessibleAndFitAsync(page, "rollout-import-preview");

        // The same text the seed imported: saving it changes nothing.
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem importen" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-saved]")).ToContainTextAsync("Uændret");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-import-saved");
    }

    [Fact]
    public async Task TheStartPage_LinksARolesScreens()
    {
        var leader = await SignInAsync("projektleder-175");
        await Assertions.Expect(leader.Locator("[data-links=rollout] a")).ToHaveCountAsync(2);
        await Assertions.Expect(leader.GetByRole(AriaRole.Link, new() { Name = "Importér masteropgaver" })).ToHaveCountAsync(0);
        var kombit = await SignInAsync("kombit");
        await Assertions.Expect(kombit.GetByRole(AriaRole.Link, new() { Name = "Importér masteropgaver" })).ToBeVisibleAsync();
        var librarian = await SignInAsync("bibliotekar");
        await Assertions.Expect(librarian.Locator("[data-links=rollout]")).ToHaveCountAsync(0);
        (await librarian.GotoAsync(Url("/staff/rollout")))!.Status.ShouldBe(403);
    }

    /// <summary>Presses Tab until the element matching <paramref name="selector"/> has focus; fails after 80 presses.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector)) return;
        }
        throw new ShouldAssertException($"Tab never reached {selector}.");
    }
}

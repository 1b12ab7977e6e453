using Microsoft.Playwright;

namespace FeeBridge.Server.Tests.Rollout;

/// <summary>The rollout screens' later parts: KOMBIT's downloads, the task page's evidence and attachments, competences, reminder choices. Municipalities 190–219 are these tests' own.</summary>
public sealed partial class RolloutPageTests
{
    [Fact]
    public async Task KombitsOverview_OffersTheProgressAsCsvAndExcel_ByKeyboard()
    {
        var page = await SignInAsync("kombit");
        await page.GotoAsync(Url("/staff/rollout"));
        var csvLink = page.GetByRole(AriaRole.Link, new() { Name = "Hent fremdriften som CSV" });
        await Assertions.Expect(csvLink).ToHaveAttributeAsync("href", $"/api/v1/rollout/projects/{Project}/progress.csv");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Hent fremdriften som Excel-fil" }))
            .ToHaveAttributeAsync("href", $"/api/v1/rollout/projects/{Project}/progress.xlsx");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-overview-downloads");

        // Reached by Tab and opened by Enter, with the page's own sign-in (the cookie).
        await TabToAsync(page, "[data-downloads] a[href$='.csv']");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        download.SuggestedFilename.ShouldStartWith($"fremdrift-{Project}-");
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var rows = ExportSetup.Csv(bytes, out var headers);
        headers[0].ShouldBe("Kommunekode");
        rows.Count(r => r["Opdeling"] == "I alt").ShouldBe(99);
    }
}

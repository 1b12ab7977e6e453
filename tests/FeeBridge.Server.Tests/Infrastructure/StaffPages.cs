using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>
/// What the staff screens' browser tests share: signing in as a project leader through the stand-in's picker, and
/// the check every screen passes (no axe violations, nothing sideways, no script or style refused by the CSP, a screenshot).
/// </summary>
public static partial class StaffPages
{
    /// <summary>GET /staff → the stand-in's picker → the project leader → back on the staff start page; console errors collected.</summary>
    public static async Task<(IPage Page, List<string> Refused)> SignInAsProjectLeaderAsync(Browser browser, Uri site, string user, int width = 1280)
    {
        var page = await browser.NewPageAsync(width: width);
        var refused = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") refused.Add(m.Text); };
        await page.GotoAsync(new Uri(site, "/staff").ToString());
        await page.Locator("#projektleder").SelectOptionAsync(user);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind som projektleder" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(StartPage());
        return (page, refused);
    }

    [GeneratedRegex("/staff$")]
    private static partial Regex StartPage();

    /// <summary>A screenshot named <paramref name="name"/>, no axe violations, nothing wider than the window, nothing refused by the CSP.</summary>
    public static async Task ShouldBeAccessibleAndFitAsync(IPage page, string name, List<string> refused)
    {
        await Browser.ScreenshotAsync(page, name);
        (await Browser.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        var (scroll, window) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), page.ViewportSize!.Width);
        scroll.ShouldBeLessThanOrEqualTo(window, $"{name} scrolls sideways");
        refused.ShouldNotContain(m => m.Contains("Content Security Policy"));
    }
}

using Microsoft.Playwright;

namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>
/// Headless Debian Chromium driven by Playwright (no browser download: <c>/usr/bin/chromium</c>, installed by
/// test.sh), with axe-core ready on every page for accessibility checks. Shared by a test class.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>artifacts/screenshots</c> at the repository root.</summary>
    public static string Screenshots { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    private static readonly string Axe = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "FeeBridge.Server", "node_modules", "axe-core", "axe.min.js"));

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout(30_000);
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser profile (no cookies), at phone or desktop width, allowed to use the clipboard.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "da-DK",
            TimezoneId = "Europe/Copenhagen",
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        // Generous limits: they bound a hang on a busy shared machine, they time nothing.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        // Injected by the browser itself, so the pages' CSP (no inline script) stays as it is.
        await context.AddInitScriptAsync(Axe);
        return await context.NewPageAsync();
    }

    /// <summary>axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now: the violations, described.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("""
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return r.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
            }
            """);

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        _playwright?.Dispose();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FeeBridge.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run the tests inside the repository.");
    }
}

using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FeeBridge.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FeeBridge.Server.Tests.Rollout.Communication;

/// <summary>
/// Issue 16's screens in a real browser, signed in through the staff stand-in: the SMS editor counting live (part 3)
/// and the flow of the changed workflows drawn by bpmn-js with its downloads (part 6). Each: no WCAG 2.1 AA violations
/// (axe-core), nothing sideways at 320 px, no script or style refused by the page's CSP, a screenshot.
/// </summary>
[Trait("store", "postgresql")]
public sealed partial class CommunicationPageTests(PostgresCommunicationSite site, Browser browser)
    : IClassFixture<PostgresCommunicationSite>, IClassFixture<Browser>
{
    private string Url(string path) => new Uri(site.Address, path).ToString();

    private Task<(IPage Page, List<string> Refused)> SignInAsync(string user, int width = 1280) =>
        StaffPages.SignInAsProjectLeaderAsync(browser, site.Address, user, width);

    private static Task ShouldBeAccessibleAndFitAsync(IPage page, string name, List<string> refused) =>
        StaffPages.ShouldBeAccessibleAndFitAsync(page, name, refused);

    private async Task<int> ApiSegmentsAsync(string text)
    {
        using var api = await site.StaffAsync("projektleder-223");
        return (int)(await (await api.PostAsJsonAsync("/api/v1/rollout/sms/segments", new { text })).Json())["segments"]!;
    }

    [Fact]
    public async Task TheSmsEditor_CountsLiveAsTheApi_NamesWhatForcesUcs2_AndReplacesIt()
    {
        var (page, refused) = await SignInAsync("projektleder-223");
        await page.GotoAsync(Url("/staff/rollout/223"));
        await page.GetByRole(AriaRole.Link, new() { Name = "SMS-tekst til lånerne" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "SMS-tekst til lånerne", Level = 1 })).ToBeVisibleAsync();

        var count = page.Locator("[data-sms-count]");
        var text = "Fra 1. marts betaler du bibliotekets gebyrer på kommunens side \u2013 se \u201CMine gebyrer\u201D\u2026";
        await page.GetByLabel("Tekst").FillAsync(text);
        await Assertions.Expect(count).ToHaveAttributeAsync("data-encoding", "UCS-2");
        await Assertions.Expect(count).ToHaveAttributeAsync("data-characters", text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(count).ToHaveAttributeAsync("data-segments", (await ApiSegmentsAsync(text)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(count.Locator("[data-outside]")).ToHaveTextAsync("\u2013 \u201C \u201D \u2026");
        await Assertions.Expect(count.Locator("[data-replacements] button")).ToHaveCountAsync(4);
        await ShouldBeAccessibleAndFitAsync(page, "rollout-sms", refused);

        // One replacement, then the rest; the count follows.
        await count.GetByRole(AriaRole.Button, new() { NameRegex = new("^Erstat \u2013") }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Tekst")).ToHaveValueAsync(new Regex("side - se"));
        await Assertions.Expect(count.Locator("[data-replacements] button")).ToHaveCountAsync(3);
        await count.GetByRole(AriaRole.Button, new() { Name = "Erstat alle" }).ClickAsync();
        await Assertions.Expect(count).ToHaveAttributeAsync("data-encoding", "GSM-7");
        await Assertions.Expect(page.GetByLabel("Tekst")).ToHaveValueAsync(new Regex("se \"Mine gebyrer\"\\.\\.\\.$"));
        await Assertions.Expect(count.Locator("[data-outside-alert]")).ToHaveCountAsync(0);

        // 161 GSM characters: two parts of 153.
        await page.GetByLabel("Tekst").FillAsync(new string('a', 161));
        await Assertions.Expect(count).ToHaveAttributeAsync("data-segments", "2");
        await Assertions.Expect(count.Locator("[data-summary]")).ToHaveTextAsync("2 SMS · 161 tegn · GSM-7 (153 tegn pr. del)");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-sms-gsm", refused);
    }

    [Fact]
    public async Task TheSmsEditor_CountsOnTheServerToo_BeforeAnyScriptRuns_AndFitsAPhone()
    {
        var (page, refused) = await SignInAsync("projektleder-240", width: 320);
        await page.GotoAsync(Url("/staff/rollout/240/sms?tekst=" + Uri.EscapeDataString("Tak for lån \U0001F4DA")));
        var count = page.Locator("[data-sms-count]");
        await Assertions.Expect(count).ToHaveAttributeAsync("data-encoding", "UCS-2");
        await Assertions.Expect(count.Locator("[data-no-replacement]")).ToBeVisibleAsync();
        await ShouldBeAccessibleAndFitAsync(page, "rollout-sms-320px", refused);
        (await page.GotoAsync(Url("/staff/rollout/230/sms")))!.Status.ShouldBe(403);
    }

    [Fact]
    public async Task TheFlow_IsDrawnFromTheConfiguration_ZoomsToAMoment_AndDownloadsBpmnSvgAndPng()
    {
        var (page, refused) = await SignInAsync("projektleder-230");
        await page.SetViewportSizeAsync(1400, 1300); // a tall canvas, so the README's picture of one moment reads
        await page.GotoAsync(Url("/staff/rollout/230"));
        await page.GetByRole(AriaRole.Link, new() { Name = "De ændrede arbejdsgange (BPMN)" }).ClickAsync();
        var flow = page.Locator("[data-flow]");
        await Assertions.Expect(flow).ToHaveAttributeAsync("data-shown", "true");
        // bpmn-js drew every element of the file: the six moments' frames, the seven lanes, the cut-over decision.
        await Assertions.Expect(page.Locator(".djs-element[data-element-id^='Group_']:not([data-element-id$='_label'])")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator(".djs-element[data-element-id^='Lane_']")).ToHaveCountAsync(7);
        await Assertions.Expect(page.Locator(".djs-element[data-element-id='Gateway_fee_cut-over']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-lane=feebridge] [data-after]")).ToContainTextAsync("Rudersdal Bibliotekerne 1. februar 2027");
        await Assertions.Expect(page.Locator("[data-lane=citizen] [data-after]")).ToContainTextAsync("www.rudersdal.dk/betal");

        await flow.GetByRole(AriaRole.Button, new() { Name = "2. Borgeren betaler" }).ClickAsync();
        await flow.GetByRole(AriaRole.Button, new() { Name = "1. Et gebyr opstår" }).ClickAsync();
        await ShouldBeAccessibleAndFitAsync(page, "rollout-flow-page", refused);
        Directory.CreateDirectory(Browser.Screenshots);
        await flow.ScreenshotAsync(new() { Path = Path.Combine(Browser.Screenshots, "rollout-flow.png") });

        var bpmn = await DownloadAsync(page, flow.GetByRole(AriaRole.Link, new() { Name = "Hent .bpmn" }));
        bpmn.Name.ShouldBe("arbejdsgange-230-efter.bpmn");
        XDocument.Parse(System.Text.Encoding.UTF8.GetString(bpmn.Bytes)).Root!.Name.LocalName.ShouldBe("definitions");

        var svg = await DownloadAsync(page, flow.GetByRole(AriaRole.Button, new() { Name = "Hent SVG" }));
        svg.Name.ShouldBe("arbejdsgange-230-efter.svg");
        var svgText = System.Text.Encoding.UTF8.GetString(svg.Bytes);
        svgText.ShouldContain("<svg");
        svgText.ShouldContain(">Borger<");
        svgText.ShouldContain(">FeeBridge<");

        var png = await DownloadAsync(page, flow.GetByRole(AriaRole.Button, new() { Name = "Hent PNG" }));
        png.Name.ShouldBe("arbejdsgange-230-efter.png");
        png.Bytes[..8].ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        var (width, height) = (BigEndian(png.Bytes, 16), BigEndian(png.Bytes, 20)); // IHDR
        width.ShouldBeGreaterThan(2000, "the whole diagram at twice its size");
        height.ShouldBeGreaterThan(500);
        await File.WriteAllBytesAsync(Path.Combine(Browser.Screenshots, "rollout-flow-download.png"), png.Bytes);

        // Before FeeBridge: the night run is there.
        await page.GetByRole(AriaRole.Link, new() { Name = "Før FeeBridge" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("variant=before$"));
        await Assertions.Expect(flow).ToHaveAttributeAsync("data-shown", "true");
        await Assertions.Expect(page.Locator(".djs-element[data-element-id='Event_payment_night']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".djs-element[data-element-id^='Lane_']")).ToHaveCountAsync(7);
        await ShouldBeAccessibleAndFitAsync(page, "rollout-flow-before", refused);
    }

    [Fact]
    public async Task TheFlow_FitsAPhone_AndIsRefusedOutsideTheProjectLeadersMunicipality()
    {
        var (page, refused) = await SignInAsync("projektleder-250", width: 320);
        await page.GotoAsync(Url("/staff/rollout/250/arbejdsgange"));
        await Assertions.Expect(page.Locator("[data-flow]")).ToHaveAttributeAsync("data-shown", "true");
        await ShouldBeAccessibleAndFitAsync(page, "rollout-flow-320px", refused);
        (await page.GotoAsync(Url("/staff/rollout/223/arbejdsgange")))!.Status.ShouldBe(403);
        (await page.GotoAsync(Url("/staff/rollout/250/arbejdsgange?variant=during")))!.Status.ShouldBe(404);
    }

    [Fact]
    public async Task TheWebsiteDraft_IsWrittenFromTheConfiguration_AndOfferedAsHtmlToCopy()
    {
        var (page, refused) = await SignInAsync("projektleder-223");
        await page.GotoAsync(Url("/staff/rollout/223"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Tekst til bibliotekets hjemmeside" }).ClickAsync();
        var preview = page.Locator("[data-preview]");
        await Assertions.Expect(preview).ToContainTextAsync("Fra 1. marts 2027 sender biblioteket nye gebyrer og erstatninger til Hørsholm Kommune");
        await Assertions.Expect(preview.GetByRole(AriaRole.Link, new() { Name = "kommunens betalingsside" }))
            .ToHaveAttributeAsync("href", "https://www.horsholm.dk/borger/betaling");
        await Assertions.Expect(preview).ToContainTextAsync("under 100 kr.");
        await Assertions.Expect(page.Locator("[data-html]")).ToHaveValueAsync(new Regex("^<h2>Sådan betaler du"));
        await ShouldBeAccessibleAndFitAsync(page, "rollout-draft-website", refused);
    }

    private static async Task<(string Name, byte[] Bytes)> DownloadAsync(IPage page, ILocator trigger)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => trigger.ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await File.ReadAllBytesAsync(path!));
    }

    private static int BigEndian(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
}

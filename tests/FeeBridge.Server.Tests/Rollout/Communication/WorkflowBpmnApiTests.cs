using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using FeeBridge.Server.Tests.Citizen;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout.Communication;

/// <summary>
/// CONTRACTS.md §6 <c>GET /municipalities/{kommunekode}/workflow.bpmn?variant=before|after</c>: "the changed workflows
/// as BPMN 2.0 XML with diagram interchange, drawn from the municipality's live configuration", for the municipality's
/// project leader, KOMBIT and administrators; and issue 16: it "must pass bpmnlint's recommended rules (npm bpmnlint
/// 11.15.0 in the tests) with no error".
/// </summary>
public sealed class WorkflowBpmnApiTests(SqliteCommunicationSite site) : IClassFixture<SqliteCommunicationSite>
{
    private static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";

    private static string Url(string code, string variant) => $"/api/v1/rollout/municipalities/{code}/workflow.bpmn?variant={variant}";

    private async Task<string> BpmnAsync(string user, string code, string variant)
    {
        using var client = await site.StaffAsync(user);
        using var r = await client.GetAsync(Url(code, variant));
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/bpmn+xml");
        r.Content.Headers.ContentDisposition!.FileName.ShouldNotBeNull().ShouldContain($"arbejdsgange-{code}-");
        return await r.Content.ReadAsStringAsync();
    }

    private static IEnumerable<string> Names(string xml) =>
        XDocument.Parse(xml).Descendants().Select(e => (string?)e.Attribute("name")).OfType<string>();

    [Fact]
    public void Bpmnlint_IsThePinnedVersion() => Bpmnlint.PackageJson.ShouldContain("\"version\": \"11.15.0\"");

    [Fact]
    public async Task BothVariants_ForEveryConfiguredMunicipality_PassBpmnlintsRecommendedRules_WithNoErrorOrWarning()
    {
        var files = new Dictionary<string, string>();
        foreach (var code in (string[])["223", "230", "240", "250", "253"])
            foreach (var variant in (string[])["before", "after"])
                files[$"{code}-{variant}.bpmn"] = await BpmnAsync($"projektleder-{code}", code, variant);
        var report = await Bpmnlint.RunAsync(files);
        report.ExitCode.ShouldBe(0, report.Output);
        report.Output.ShouldNotContain("error", Case.Insensitive);
        report.Output.ShouldNotContain("warning", Case.Insensitive);
    }

    [Fact]
    public async Task Bpmnlint_WouldCatchABrokenFile_SoItsSilenceMeansSomething()
    {
        var xml = await BpmnAsync("projektleder-223", "223", "after");
        var doc = XDocument.Parse(xml);
        doc.Descendants(Model + "outgoing").First().Remove(); // a flow node that no longer says it leads anywhere
        var report = await Bpmnlint.RunAsync(new Dictionary<string, string> { ["broken.bpmn"] = doc.ToString() });
        report.ExitCode.ShouldNotBe(0);
        report.Output.ShouldContain("no-implicit-end");
    }

    [Fact]
    public async Task After_CarriesTheConfiguredCutOverDateMinimumPaymentSiteAndCompensationRule()
    {
        var hørsholm = Names(await BpmnAsync("projektleder-223", "223", "after")).ToList();
        hørsholm.ShouldContain("Oprettet før 1. marts 2027?");
        hørsholm.ShouldContain("Under 100 kr. i alt for låneren?");
        hørsholm.ShouldContain("Bliver hos biblioteket (kommunens regel)");

        var rudersdal = await BpmnAsync("projektleder-230", "230", "after");
        Names(rudersdal).ShouldContain(n => n.Contains("Rudersdal Bibliotekerne 1. februar 2027") && n.Contains("Rudersdal Skolebiblioteker 5. april 2027"));
        Names(rudersdal).ShouldContain("Under 50 kr. i alt for låneren?");
        Names(rudersdal).ShouldContain("Sender det som civilt krav");
        rudersdal.ShouldContain("Fordringsart BIBERSTATNINGCIVIL");
        rudersdal.ShouldContain("www.rudersdal.dk/betal");

        Names(await BpmnAsync("projektleder-240", "240", "after")).ShouldNotContain(n => n.StartsWith("Under ", StringComparison.Ordinal), "Egedal has no minimum");
    }

    [Fact]
    public async Task Before_HasTheNightRun_AndAMunicipalityNotServedYet_SaysSo()
    {
        Names(await BpmnAsync("projektleder-250", "250", "before")).ShouldContain(n => n.Contains("op til 72 timer"));
        var greve = await BpmnAsync("kombit", "253", "after");
        greve.ShouldContain("ikke sat op i FeeBridge endnu");
        XDocument.Parse(greve).Descendants(BpmnDi + "BPMNShape").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AfterAPaymentCameBack_TheFlowStatesTheMeasuredSpeed()
    {
        // One real loop through the sandbox's FBS and debtor system (København, 710100): FeeBridge measures it.
        var claim = await FeeAsync();
        await Eventually.Until(() => site.FeeBridge.Library.GetClaim("710100", claim), c => (string)c["status"]! == "registered");
        using (var pay = await site.Anonymous.PostAsJsonAsync("/sandbox/debtor/101/payments", new { fagsystemFordringId = $"710100-{claim}", amount = "150.00", method = "Betalingskort" }))
            pay.EnsureSuccessStatusCode();
        await Eventually.Until(() => site.FeeBridge.Library.GetClaim("710100", claim), c => (string)c["status"]! == "paid");

        var names = Names(await BpmnAsync("projektleder-223", "223", "after")).ToList();
        names.ShouldContain(n => n.StartsWith("Melder betalingen til FBS (typisk ", StringComparison.Ordinal));
        names.ShouldContain(n => n.Contains("95 % inden for"));
    }

    private async Task<string> FeeAsync()
    {
        using var r = await site.Anonymous.PostAsJsonAsync("/sandbox/fbs/710100/patrons/2231/fees", new
        {
            cpr = CitizenSite.NewCpr(), name = "Ida Holm", type = "fee", amount = "150.00", reasonMessage = "For sen aflevering",
        });
        r.EnsureSuccessStatusCode();
        return (string)(await r.Json())["claimId"]!;
    }

    [Fact]
    public async Task AnotherVariant_Is422_AndTheScopeIsTheTaskLists()
    {
        using var leader = await site.StaffAsync("projektleder-223");
        using (var during = await leader.GetAsync(Url("223", "during")))
        {
            during.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await during.Json())["errors"]!["variant"].ShouldNotBeNull();
        }
        (await leader.GetAsync(Url("230", "after"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await leader.GetAsync(Url("999", "after"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await site.Anonymous.GetAsync(Url("223", "after"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var librarian = await site.StaffAsync("bibliotekar");
        (await librarian.GetAsync(Url("223", "after"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await BpmnAsync("kombit", "230", "before")).ShouldContain("BPMNDiagram");
        (await BpmnAsync("admin", "240", "after")).ShouldContain("BPMNDiagram");
    }
}

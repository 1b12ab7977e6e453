using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Xml;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FeeBridge.Sandbox.Tests;

/// <summary>The debtor sandbox's SOAP service and claim list over HTTP, hosted in-process from the sandbox's own Program.</summary>
public sealed class Sf1590EndpointTests : IDisposable
{
    private const string Endpoint = "/sandbox/debtor/sf1590";

    // One host per test: every test starts from an empty debtor system.
    private readonly WebApplicationFactory<SandboxProgram> _factory = new();
    private readonly HttpClient _http;

    public Sf1590EndpointTests() => _http = _factory.CreateClient();

    public void Dispose()
    {
        _http.Dispose();
        _factory.Dispose();
    }

    private static DebitorRegistrering Sample(string claimId = "710100-C1") => new(Kommunekode.Parse("101"), "FeeBridge", Guid.NewGuid(),
    [
        new OpretDebitorkonto(Guid.NewGuid(), new Party(Cpr.Parse("0101901234"), null, "Jens Hansen"), new Fordring(claimId, "BIBGEBYR", "Gebyr <for sent> & mere",
            new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 21),
            [new Delfordring("1", Money.Parse("120.00"), "Sen aflevering"), new Delfordring("2", Money.Parse("0.50"), null)],
            new Party(Cpr.Parse("0505751234"), null, null), null)),
        new NedskrivFordring(Guid.NewGuid(), claimId, "1", Money.Parse("20.00"), "material-returned"),
        new SkiftJuridiskAnsvarlig(Guid.NewGuid(), claimId, new Party(null, Cvr.Parse("29189846"), "Firma A/S")),
        new RetFordringTilstand(Guid.NewGuid(), claimId, Tilstand.Berostillet),
    ]);

    private static string Xml(XDocument d) => d.Declaration + d.ToString(SaveOptions.DisableFormatting);

    private static string Envelope(XElement body) => Xml(Soap.Envelope(body));

    private Task<HttpResponseMessage> Post(string xml, string? soapAction = "\"DebitorRegistreringAfsend\"")
    {
        var content = new StringContent(xml, Encoding.UTF8, "text/xml");
        if (soapAction is not null) content.Headers.Add("SOAPAction", soapAction);
        return _http.PostAsync(Endpoint, content);
    }

    private async Task<DebitorRegistreringSvar> Send(DebitorRegistrering r)
    {
        using var response = await Post(Envelope(RegistrationXml.Write(r)));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return RegistrationXml.ReadResponse(Soap.Body(SafeXml.Parse(await response.Content.ReadAsStreamAsync())));
    }

    private async Task<JsonArray> Claims(string kommunekode = "101") =>
        JsonNode.Parse(await _http.GetStringAsync($"/sandbox/debtor/{kommunekode}/claims"))!.AsArray();

    private static async Task ShouldBeAClientFault(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/xml");
        var fault = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var code = fault.Descendants("faultcode").Single().Value;
        code.ShouldBe("soap:Client");
        fault.Descendants("faultstring").Single().Value.ShouldNotBeNullOrEmpty();
        fault.ToString().ShouldNotContain("root:"); // nothing of /etc/passwd
    }

    [Theory]
    [InlineData("\"DebitorRegistreringAfsend\"")]
    [InlineData("DebitorRegistreringAfsend")]
    public async Task AValidRequest_IsAnsweredWithUdfoertReceipts_ThatTheContractReaderReads(string soapAction)
    {
        var request = Sample();
        using var response = await Post(Envelope(RegistrationXml.Write(request)), soapAction);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/xml; charset=utf-8");
        var answer = RegistrationXml.ReadResponse(Soap.Body(SafeXml.Parse(await response.Content.ReadAsStreamAsync())));
        answer.ForsendelseId.ShouldBe(request.ForsendelseId);
        answer.Kvitteringer.Select(k => k.HandlingId).ShouldBe(request.Handlinger.Select(h => h.HandlingId));
        answer.Kvitteringer.ShouldAllBe(k => k.Status == KvitteringStatus.Udfoert && k.DebitorsystemFordringId == "DS-00000001");
    }

    [Fact]
    public async Task TheClaimList_ShowsWhatWasRegistered_WithMoneyAsStrings_AndTheDebtorMasked()
    {
        await Send(Sample());

        var claim = (await Claims()).Single()!.AsObject();
        ((string)claim["fagsystemFordringId"]!).ShouldBe("710100-C1");
        ((string)claim["debitorsystemFordringId"]!).ShouldBe("DS-00000001");
        ((string)claim["fordringsart"]!).ShouldBe("BIBGEBYR");
        ((string)claim["hovedstol"]!).ShouldBe("120.50");
        ((string)claim["nedskrevet"]!).ShouldBe("20.00");
        ((string)claim["restsaldo"]!).ShouldBe("100.50");
        ((string)claim["status"]!).ShouldBe("Berostillet");
        ((string)claim["debtor"]!).ShouldBe("010190-****");
        ((string)claim["liableParty"]!).ShouldBe("CVR 29189846");
        FiPaymentId.TryParse((string)claim["betalingsId"]!, out _, out _).ShouldBeTrue();
        FiPaymentId.IsValidCreditorNumber((string)claim["kreditornummer"]!).ShouldBeTrue();
        ((string)claim["sidsteRettidigeBetalingsdato"]!).ShouldBe("2026-12-21");
        ((int)claim["registrations"]!).ShouldBe(1);
        claim.ToJsonString().ShouldNotContain("0101901234");
        claim.ToJsonString().ShouldNotContain("0505751234");
    }

    [Fact]
    public async Task TheSameShipmentAgain_GetsTheSameAnswer_AndIsRegisteredOnce()
    {
        var xml = Envelope(RegistrationXml.Write(Sample()));
        using var first = await Post(xml);
        using var second = await Post(xml);

        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        var claim = (await Claims()).Single()!;
        ((int)claim["registrations"]!).ShouldBe(1);
        ((string)claim["nedskrevet"]!).ShouldBe("20.00");
    }

    [Fact]
    public async Task ARejection_TravelsAsAnAfvistReceipt_WithCodeAndText()
    {
        var answer = await Send(new DebitorRegistrering(Kommunekode.Parse("101"), "FeeBridge", Guid.NewGuid(),
            [new AnnullerFordring(Guid.NewGuid(), "710100-nope", "fejl")]));

        var k = answer.Kvitteringer.Single();
        k.Status.ShouldBe(KvitteringStatus.Afvist);
        k.Fejlkode.ShouldBe("UKENDT_FORDRING");
        k.Fejltekst.ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("DebitorForespoergsel")]
    [InlineData("")]
    [InlineData(null)]
    public async Task AnUnknownOrMissingSoapAction_IsAClientFault_AndChangesNothing(string? soapAction)
    {
        using var response = await Post(Envelope(RegistrationXml.Write(Sample())), soapAction);

        await ShouldBeAClientFault(response);
        (await Claims()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("xxe")]
    [InlineData("bomb")]
    [InlineData("oversize")]
    [InlineData("wrong-namespace")]
    [InlineData("missing-element")]
    [InlineData("not-xml")]
    [InlineData("not-soap")]
    public async Task HostileOrBrokenXml_IsAnsweredWithAClientFault_AndChangesNothing(string attack)
    {
        await Send(Sample("710100-C0"));
        var before = (await Claims()).ToJsonString();

        var request = RegistrationXml.Write(Sample());
        const string prolog = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
        var envelopeOpen = $"<soap:Envelope xmlns:soap=\"{Sf1590.SoapNamespace}\"><soap:Body>";
        const string envelopeClose = "</soap:Body></soap:Envelope>";
        var xml = attack switch
        {
            "xxe" => prolog + "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + envelopeOpen + "<a>&x;</a>" + envelopeClose,
            "bomb" => prolog + "<!DOCTYPE a [<!ENTITY l \"lol\"><!ENTITY l2 \"&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;\">" +
                      "<!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;\"><!ENTITY l4 \"&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;\">]>" +
                      envelopeOpen + "<a>&l4;</a>" + envelopeClose,
            // A valid request padded past the 4 MB limit with 50 MB of whitespace.
            "oversize" => Envelope(request).Replace("</soap:Body>", new string(' ', 50 * 1024 * 1024) + "</soap:Body>"),
            "wrong-namespace" => Envelope(request).Replace(Sf1590.Namespace, "urn:other"),
            "missing-element" => Envelope(Without(request, "Aarsag", "SidsteRettidigeBetalingsdato")),
            "not-xml" => "this is not <xml",
            _ => Xml(new XDocument(request)),
        };

        // In-process the oversize body is refused with a fault after its first 4 MB; over a socket the sandbox may
        // close the connection instead (the server tests' SandboxProcess covers that).
        using (var response = await Post(xml)) await ShouldBeAClientFault(response);
        (await Claims()).ToJsonString().ShouldBe(before);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("100")]
    [InlineData("1010")]
    public async Task TheClaimList_OfAnImpossibleKommunekode_IsNotFound(string kommunekode)
    {
        using var response = await _http.GetAsync($"/sandbox/debtor/{kommunekode}/claims");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheClaimList_OfAnotherMunicipality_IsEmpty()
    {
        await Send(Sample());
        (await Claims("751")).ShouldBeEmpty();
    }

    private static XElement Without(XElement request, params string[] localNames)
    {
        foreach (var name in localNames) request.Descendants().First(e => e.Name.LocalName == name).Remove();
        return request;
    }
}

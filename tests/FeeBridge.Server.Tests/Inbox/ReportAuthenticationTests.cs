using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Xml;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Inbox;

/// <summary>
/// Nobody can forge a payment (issue 14, part 1): <c>DaekningAfskrivningRegistreringAfsend</c> (CONTRACTS.md §3.2) is
/// taken only from the municipality's own debtor system — its TLS client certificate, on the connection or forwarded by
/// a trusted proxy; in sandbox mode also the signed header. Anything else is a SOAP Fault Client, nothing is stored,
/// and the log says why without anything from the message.
/// </summary>
public abstract class ReportAuthenticationTests(StoreKind kind) : IDisposable
{
    private static readonly X509Certificate2 Copenhagen = TestCertificates.SelfSigned("CN=Debitorsystem Koebenhavn, O=Test, C=DK");
    private static readonly X509Certificate2 Aarhus = TestCertificates.SelfSigned("CN=Debitorsystem Aarhus, O=Test, C=DK");
    private static readonly X509Certificate2 Stranger = TestCertificates.SelfSigned("CN=Debitorsystem Koebenhavn, O=Test, C=DK");

    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var d in Enumerable.Reverse(_owned)) d.Dispose();
    }

    private FeeBridgeHost Host(Dictionary<string, string>? settings = null)
    {
        var host = new FeeBridgeHost(kind, settings: new(settings ?? []) { ["FeeBridge:Inbox:PollMilliseconds"] = "20" });
        _owned.Add(host);
        return host;
    }

    private static async Task<Haendelse> QueuedAsync(HttpClient library, string claimId)
    {
        (await library.PutClaim("710100", claimId, ClaimBodies.Fee(patronId: "P-" + claimId, amount: "120.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        return Reports.Of("710100-" + claimId, HaendelseType.Daekning, "120.00", "0.00");
    }

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage r)
    {
        r.StatusCode.ShouldBe(HttpStatusCode.InternalServerError, "SOAP 1.1 answers a fault with HTTP 500");
        var body = await r.Content.ReadAsStringAsync();
        body.ShouldContain("soap:Client");
        body.ShouldContain("Not authenticated");
    }

    private static async Task ShouldBeUntouchedAsync(FeeBridgeHost host, HttpClient library, string claimId, string haendelseId)
    {
        (await host.Store.Inbox.CountsAsync(default)).Values.Sum().ShouldBe(0, "nothing of a refused delivery is stored");
        await ShouldBeUnpaidAsync(library, claimId, haendelseId);
    }

    private static async Task ShouldBeUnpaidAsync(HttpClient library, string claimId, string haendelseId)
    {
        await Task.Delay(200); // the applier polls every 20 ms: had anything been stored, it would be applied by now
        var claim = await library.GetClaim("710100", claimId);
        ((string)claim["status"]!).ShouldBeOneOf("queued", "registered"); // registered: a process reaches the sandbox debtor system
        ((string)claim["paid"]!).ShouldBe("0.00");
        foreach (var query in new[] { "", "?state=refused" })
            JsonNode.Parse(await library.GetStringAsync("/api/v1/agencies/710100/debtor-reports" + query))!.AsArray()
                .ShouldNotContain(x => (string)x!["haendelseId"]! == haendelseId);
    }

    // A warning an operator can act on, with none of the message's content (claim id, amount) in it.
    private static void ShouldHaveWarned(IEnumerable<string> lines, string reason, Haendelse report)
    {
        var warning = lines.Single(l => l.Contains("Refused an unauthenticated", StringComparison.Ordinal));
        warning.ShouldStartWith("Warning");
        warning.ShouldContain(reason);
        warning.ShouldNotContain(report.FagsystemFordringId);
        warning.ShouldNotContain(report.HaendelseId.ToString());
        warning.ShouldNotContain("120.00");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, HttpContent content) =>
        await http.PostAsync("/sf1590/DaekningAfskrivningRegistrering", content);

    [Fact]
    public async Task WithoutAnyCredential_AForgedDaekning_IsASoapFault_AndNothingIsStored()
    {
        var host = Host();
        var library = host.Library();
        var forged = await QueuedAsync(library, "auth-none");
        using var r = await PostAsync(host.CreateClient(), Reports.Soap("101", forged));
        await ShouldBeRefusedAsync(r);
        await ShouldBeUntouchedAsync(host, library, "auth-none", forged.HaendelseId.ToString());
        ShouldHaveWarned(host.Logs.Lines, "no client certificate and no signature", forged);
    }

    [Fact]
    public async Task SignedWithTheWrongSecret_IsASoapFault_AndNothingIsStored()
    {
        var host = Host();
        var library = host.Library();
        var forged = await QueuedAsync(library, "auth-wrong");
        using var r = await PostAsync(host.CreateClient(), Reports.Signed(Reports.Xml("101", forged), "101", secret: RandomNumberGenerator.GetBytes(32)));
        await ShouldBeRefusedAsync(r);
        await ShouldBeUntouchedAsync(host, library, "auth-wrong", forged.HaendelseId.ToString());
        ShouldHaveWarned(host.Logs.Lines, "the signature does not match", forged);
    }

    [Fact]
    public async Task SignedValidlyByAnotherMunicipality_ForThisMunicipalitysClaim_IsASoapFault_AndNothingIsStored()
    {
        var host = Host();
        var library = host.Library();
        var forged = await QueuedAsync(library, "auth-other");
        // Aarhus's debtor system, correctly signed, reporting a payment on a Copenhagen claim (MyndighedKode 101).
        using var r = await PostAsync(host.CreateClient(), Reports.Signed(Reports.Xml("101", forged), signAs: "751"));
        await ShouldBeRefusedAsync(r);
        await ShouldBeUntouchedAsync(host, library, "auth-other", forged.HaendelseId.ToString());
        ShouldHaveWarned(host.Logs.Lines, "not valid for this municipality", forged);
    }

    [Fact]
    public async Task AReplayedSignatureOutsideTheWindow_OrATamperedBody_IsASoapFault_AndNothingIsStored()
    {
        var host = Host();
        var library = host.Library();
        var report = await QueuedAsync(library, "auth-replay");
        using (var stale = await PostAsync(host.CreateClient(), Reports.Signed(Reports.Xml("101", report), "101", at: DateTimeOffset.UtcNow.AddMinutes(-6))))
            await ShouldBeRefusedAsync(stale);

        // Signed for 1.00, sent for 120.00.
        var signed = Reports.Signed(Reports.Xml("101", report with { Beloeb = Money.Parse("1.00") }), "101");
        var tampered = new StringContent(Reports.Xml("101", report), System.Text.Encoding.UTF8, "text/xml");
        tampered.Headers.Add(FeeBridge.DebtorSystem.Authentication.ReportSignature.Header, signed.Headers.GetValues(FeeBridge.DebtorSystem.Authentication.ReportSignature.Header));
        using (var r = await PostAsync(host.CreateClient(), tampered)) await ShouldBeRefusedAsync(r);
        await ShouldBeUntouchedAsync(host, library, "auth-replay", report.HaendelseId.ToString());
    }

    [Fact]
    public async Task ASignedReportFromTheMunicipalitysOwnDebtorSystem_IsStillApplied()
    {
        var host = Host();
        var library = host.Library();
        var report = await QueuedAsync(library, "auth-ok");
        (await host.CreateClient().SendAsync("101", report)).Single().Status.ShouldBe(HaendelseStatus.Modtaget);
        var claim = await Eventually.Until(() => library.GetClaim("710100", "auth-ok"), c => (string)c["status"]! == "paid");
        ((string)claim["paid"]!).ShouldBe("120.00");
    }

    /// <summary>The proxy path: a TLS-terminating proxy forwards the client certificate (base64 DER) in a header.</summary>
    [Fact]
    public async Task AForwardedCertificate_FromATrustedProxy_IsAcceptedOnlyForItsOwnMunicipality()
    {
        var host = Host(new()
        {
            ["FeeBridge:ReportAuthentication:CertificateHeader"] = "X-Client-Cert",
            ["FeeBridge:ReportAuthentication:TrustedProxies:0"] = "127.0.0.1",
            ["FeeBridge:DebtorSystems:101:Reporter:Thumbprint"] = TestCertificates.Sha256(Copenhagen),
            ["FeeBridge:DebtorSystems:751:Reporter:Thumbprint"] = Aarhus.Thumbprint, // SHA-1, as Windows shows it
        });
        host.UseKestrel(0); // a real loopback connection, so the caller has an address
        host.StartServer();
        var library = host.Library();
        var paid = await QueuedAsync(library, "fwd-ok");
        var forged = await QueuedAsync(library, "fwd-forged");

        HttpContent From(X509Certificate2 cert, params Haendelse[] events)
        {
            var content = Reports.Soap("101", events);
            content.Headers.Add("X-Client-Cert", Convert.ToBase64String(cert.RawData));
            return content;
        }

        using (var wrong = await PostAsync(host.CreateClient(), From(Stranger, forged))) await ShouldBeRefusedAsync(wrong); // same subject, another key
        using (var other = await PostAsync(host.CreateClient(), From(Aarhus, forged))) await ShouldBeRefusedAsync(other);
        (await host.Store.Inbox.CountsAsync(default)).Values.Sum().ShouldBe(0);
        await ShouldBeUnpaidAsync(library, "fwd-forged", forged.HaendelseId.ToString());
        host.Logs.Lines.ShouldContain(l => l.Contains("not registered for any municipality", StringComparison.Ordinal) && l.Contains(TestCertificates.Sha256(Stranger), StringComparison.Ordinal));

        using var ok = await PostAsync(host.CreateClient(), From(Copenhagen, paid));
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.Until(() => library.GetClaim("710100", "fwd-ok"), c => (string)c["status"]! == "paid");
    }

    [Fact]
    public async Task AForwardedCertificate_FromAnAddressThatIsNotATrustedProxy_IsIgnored()
    {
        var host = Host(new()
        {
            ["FeeBridge:ReportAuthentication:CertificateHeader"] = "X-Client-Cert",
            ["FeeBridge:ReportAuthentication:TrustedProxies:0"] = "10.0.0.0/8",
            ["FeeBridge:DebtorSystems:101:Reporter:Thumbprint"] = TestCertificates.Sha256(Copenhagen),
        });
        host.UseKestrel(0);
        host.StartServer();
        var library = host.Library();
        var forged = await QueuedAsync(library, "fwd-untrusted");
        var content = Reports.Soap("101", forged);
        // The certificate is public: whoever can reach FeeBridge directly could put it in the header.
        content.Headers.Add("X-Client-Cert", Convert.ToBase64String(Copenhagen.RawData));
        using var r = await PostAsync(host.CreateClient(), content);
        await ShouldBeRefusedAsync(r);
        await ShouldBeUntouchedAsync(host, library, "fwd-untrusted", forged.HaendelseId.ToString());
    }

    /// <summary>Production's path: real TLS on Kestrel (127.0.0.1), the client certificate on the connection itself.</summary>
    [Fact]
    public async Task OverTls_TheRegisteredClientCertificate_IsApplied_AndAnyOtherIsASoapFault()
    {
        var data = TestStores.NewDataDirectory();
        using var server = TestCertificates.SelfSigned("CN=127.0.0.1", server: true);
        var pfx = Path.Combine(data, "server.pfx");
        await File.WriteAllBytesAsync(pfx, server.Export(X509ContentType.Pkcs12, "pw"));
        var http = ChildProcess.FreeAddress();
        var https = new UriBuilder(ChildProcess.FreeAddress()) { Scheme = "https" }.Uri;
        using var feeBridge = new FeeBridgeProcess(data, kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null, new Dictionary<string, string>
        {
            ["Kestrel:Endpoints:Http:Url"] = http.ToString(),
            // As docs/serviceplatformen.md tells the operator: the receiver's own endpoint, a client certificate required.
            ["Kestrel:Endpoints:Sf1590:Url"] = https.ToString(),
            ["Kestrel:Endpoints:Sf1590:Certificate:Path"] = pfx,
            ["Kestrel:Endpoints:Sf1590:Certificate:Password"] = "pw",
            ["Kestrel:Endpoints:Sf1590:ClientCertificateMode"] = "RequireCertificate",
            ["FeeBridge:DebtorSystems:101:Reporter:Thumbprint"] = "AA" + new string('0', 62) + ", " + TestCertificates.Sha256(Copenhagen), // two: a rotation
            ["FeeBridge:DebtorSystems:751:Reporter:Thumbprint"] = TestCertificates.Sha256(Aarhus),
            ["FeeBridge:Inbox:PollMilliseconds"] = "20",
        }, http);

        HttpClient Tls(X509Certificate2 client)
        {
            var handler = new HttpClientHandler { ClientCertificateOptions = ClientCertificateOption.Manual };
            handler.ClientCertificates.Add(client);
            handler.ServerCertificateCustomValidationCallback = (_, c, _, _) => c is not null && c.RawData.AsSpan().SequenceEqual(server.RawData);
            return new HttpClient(handler) { BaseAddress = https };
        }

        var paid = await QueuedAsync(feeBridge.Library, "tls-ok");
        var forged = await QueuedAsync(feeBridge.Library, "tls-forged");
        using (var stranger = Tls(Stranger))
        using (var r = await PostAsync(stranger, Reports.Soap("101", forged))) await ShouldBeRefusedAsync(r);
        using (var aarhus = Tls(Aarhus))
        using (var r = await PostAsync(aarhus, Reports.Soap("101", forged))) await ShouldBeRefusedAsync(r);
        using (var plain = new HttpClient { BaseAddress = http })
        using (var r = await PostAsync(plain, Reports.Soap("101", forged))) await ShouldBeRefusedAsync(r);
        await ShouldBeUnpaidAsync(feeBridge.Library, "tls-forged", forged.HaendelseId.ToString());

        using var copenhagen = Tls(Copenhagen);
        using var ok = await PostAsync(copenhagen, Reports.Soap("101", paid));
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        EventXml.ReadResponse(Soap.Body(XDocument.Parse(await ok.Content.ReadAsStringAsync()))).Kvitteringer.Single().Status.ShouldBe(HaendelseStatus.Modtaget);
        var claim = await Eventually.Until(() => feeBridge.Library.GetClaim("710100", "tls-ok"), c => (string)c["status"]! == "paid");
        ((string)claim["paid"]!).ShouldBe("120.00");
        feeBridge.Output.ShouldNotContain(l => l.Contains("tls-forged", StringComparison.Ordinal));
    }
}

[Trait("store", "sqlite")]
public sealed class ReportAuthenticationOnSqlite() : ReportAuthenticationTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class ReportAuthenticationOnPostgres() : ReportAuthenticationTests(StoreKind.Postgres);

using System.Security.Cryptography.X509Certificates;
using System.Text;
using FeeBridge.DebtorSystem.Authentication;
using FeeBridge.Server.Hosting;
using FeeBridge.Server.Inbox;
using Microsoft.AspNetCore.Http;
using FeeBridge.Application;

namespace FeeBridge.Server.Tests.Inbox;

/// <summary>Who may report (issue 14): the rules of <see cref="ReportAuthenticator"/> that need no host.</summary>
public sealed class ReportAuthenticatorTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("<x/>");

    private static ReportAuthenticator With(string mode, Action<ReporterOptions>? copenhagen = null, Action<ReportAuthenticationOptions>? general = null)
    {
        var o = new FeeBridgeOptions { Mode = Enum.Parse<FeeBridgeMode>(mode) };
        var reporter = new ReporterOptions();
        copenhagen?.Invoke(reporter);
        o.DebtorSystems["101"] = new DebtorSystemOptions { Reporter = reporter };
        general?.Invoke(o.ReportAuthentication);
        return new ReportAuthenticator(o, TimeProvider.System);
    }

    private static DefaultHttpContext Request(X509Certificate2? certificate = null, string? signature = null)
    {
        var http = new DefaultHttpContext();
        http.Connection.ClientCertificate = certificate;
        if (signature is not null) http.Request.Headers[ReportSignature.Header] = signature;
        return http;
    }

    private static string Signature(string municipality = "101") =>
        ReportSignature.Sign(ReportSignature.DevelopmentSecret(Kommunekode.Parse(municipality)), Kommunekode.Parse(municipality), DateTimeOffset.UtcNow, Body);

    [Fact]
    public void InProduction_ASignedHeader_IsRefused_EvenAValidOne()
    {
        var caller = With("Production").Authenticate(Request(signature: Signature()), Body);
        caller.Municipalities.ShouldBeEmpty();
        caller.Refusal.ShouldBe("signed headers are accepted in sandbox mode only");
    }

    [Fact]
    public void InSandboxMode_AValidSignature_AllowsExactlyItsMunicipality()
    {
        var caller = With("Sandbox").Authenticate(Request(signature: Signature()), Body);
        caller.Refusal.ShouldBeNull();
        caller.Municipalities.ShouldBe([Kommunekode.Parse("101")]);
    }

    [Fact]
    public void ASecretInProduction_OrAHeaderWithoutTrustedProxies_OrABadThumbprint_StopsTheStart_NamingTheSetting()
    {
        Should.Throw<InvalidOperationException>(() => With("Production", r => r.Secret = Convert.ToBase64String(new byte[32])))
            .Message.ShouldContain("FeeBridge:DebtorSystems:101:Reporter:Secret");
        Should.Throw<InvalidOperationException>(() => With("Production", general: g => g.CertificateHeader = "X-Client-Cert"))
            .Message.ShouldContain("TrustedProxies");
        Should.Throw<InvalidOperationException>(() => With("Production", r => r.Thumbprint = "ABC"))
            .Message.ShouldContain("FeeBridge:DebtorSystems:101:Reporter:Thumbprint");
        Should.Throw<InvalidOperationException>(() => With("Production", r => r.Subject = "CN=x"))
            .Message.ShouldContain("Subject and Issuer");
    }

    [Fact]
    public void APinnedCertificate_OutsideItsValidityPeriod_IsRefused()
    {
        using var expired = TestCertificates.SelfSigned("CN=Old", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        var caller = With("Production", r => r.Thumbprint = TestCertificates.Sha256(expired)).Authenticate(Request(expired), Body);
        caller.Municipalities.ShouldBeEmpty();
    }

    [Fact]
    public void SubjectAndIssuer_AcceptACertificateThatChainsToTheConfiguredIssuer_NotASelfSignedLookalike()
    {
        using var ca = TestCertificates.Authority("CN=Test OCES3 CA, O=Test, C=DK");
        using var issued = TestCertificates.IssuedBy(ca, "CN=Debitorsystem Koebenhavn, O=Test, C=DK");
        // Same subject and issuer names, from a CA anyone can make with the same name: names alone prove nothing.
        using var fakeCa = TestCertificates.Authority("CN=Test OCES3 CA, O=Test, C=DK");
        using var lookalike = TestCertificates.IssuedBy(fakeCa, "CN=Debitorsystem Koebenhavn, O=Test, C=DK");
        var anchor = Path.Combine(Path.GetTempPath(), $"feebridge-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(anchor, ca.ExportCertificatePem());
        try
        {
            var authenticator = With("Production", r =>
            {
                r.Subject = "CN=Debitorsystem Koebenhavn,O=Test,C=DK"; // spacing differs from the certificate's: the same name
                r.Issuer = "CN=Test OCES3 CA, O=Test, C=DK";
                r.IssuerCertificatePath = anchor;
                r.RevocationMode = "NoCheck"; // the test CA publishes no CRL
            });
            authenticator.Authenticate(Request(issued), Body).Municipalities.ShouldBe([Kommunekode.Parse("101")]);
            authenticator.Authenticate(Request(lookalike), Body).Municipalities.ShouldBeEmpty();
        }
        finally
        {
            File.Delete(anchor);
        }
    }

    [Fact]
    public void AForwardedCertificate_IsReadAsBase64Der_OrUrlEncodedPem_AndAnythingElseIsNoCertificate()
    {
        using var cert = TestCertificates.SelfSigned("CN=Proxy test");
        ForwardedCertificate.Read(Convert.ToBase64String(cert.RawData))!.RawData.ShouldBe(cert.RawData);
        ForwardedCertificate.Read(Uri.EscapeDataString(cert.ExportCertificatePem()))!.RawData.ShouldBe(cert.RawData); // nginx $ssl_client_escaped_cert
        ForwardedCertificate.Read("not a certificate").ShouldBeNull();
    }
}

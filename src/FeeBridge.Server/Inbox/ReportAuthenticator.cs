using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FeeBridge.DebtorSystem.Authentication;
using FeeBridge.Domain;
using FeeBridge.Server.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using FeeBridge.Application;

namespace FeeBridge.Server.Inbox;

/// <summary>
/// Who sent a <c>DaekningAfskrivningRegistreringAfsend</c> (issue 14, docs/serviceplatformen.md): a debtor system is
/// known by its TLS client certificate, on FeeBridge's own TLS connection or forwarded by a trusted proxy, matched
/// against each municipality's <see cref="ReporterOptions"/>; in sandbox mode also by the signed header
/// (<see cref="ReportSignature"/>). The answer is the set of municipalities the caller may report for, or a fixed,
/// short reason — never text the caller chose.
/// </summary>
public sealed class ReportAuthenticator
{
    private readonly Dictionary<Kommunekode, Reporter> _reporters = [];
    private readonly bool _sandbox;
    private readonly TimeSpan _window;
    private readonly TimeProvider _clock;

    public ReportAuthenticator(FeeBridgeOptions options, TimeProvider clock)
    {
        _clock = clock;
        _sandbox = options.IsSandbox;
        _window = options.ReportAuthentication.SignatureWindowSeconds is >= 1 and <= 3600
            ? TimeSpan.FromSeconds(options.ReportAuthentication.SignatureWindowSeconds)
            : throw new InvalidOperationException("FeeBridge:ReportAuthentication:SignatureWindowSeconds must be 1-3600.");
        foreach (var (code, debtorSystem) in options.DebtorSystems)
        {
            if (!Kommunekode.TryParse(code, out var municipality, out var error))
                throw new InvalidOperationException($"FeeBridge:DebtorSystems:{code}: {error}");
            _reporters[municipality] = Reporter.Read(municipality, debtorSystem.Reporter, _sandbox);
        }
        TrustedProxies = options.ReportAuthentication.TrustedProxies.Select(ReadNetwork).ToList();
        CertificateHeader = options.ReportAuthentication.CertificateHeader is { Length: > 0 } h ? h : null;
        if (CertificateHeader is not null && TrustedProxies.Count == 0)
            throw new InvalidOperationException("FeeBridge:ReportAuthentication:CertificateHeader needs FeeBridge:ReportAuthentication:TrustedProxies: a header anyone may send proves nothing.");
    }

    /// <summary>The header a trusted proxy forwards the client certificate in; null: none is believed.</summary>
    public string? CertificateHeader { get; }

    public IReadOnlyList<IPNetwork> TrustedProxies { get; }

    public bool IsTrustedProxy(IPAddress? address)
    {
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return TrustedProxies.Any(n => n.Contains(address));
    }

    /// <summary>Who the caller is: the municipalities it may report for, or why it is refused.</summary>
    public ReportCaller Authenticate(HttpContext http, ReadOnlySpan<byte> body)
    {
        var now = _clock.GetUtcNow();
        if (http.Connection.ClientCertificate is { } certificate)
        {
            var allowed = _reporters.Values.Where(r => r.Accepts(certificate, now)).Select(r => r.Municipality).ToHashSet();
            var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            return allowed.Count > 0
                ? new ReportCaller(allowed, null, thumbprint)
                : Refused("the client certificate is not registered for any municipality", thumbprint);
        }

        var signatures = http.Request.Headers[ReportSignature.Header];
        if (signatures.Count == 0) return Refused("no client certificate and no signature");
        if (!_sandbox) return Refused("signed headers are accepted in sandbox mode only");
        if (signatures.Count > 1 || !ReportSignature.TryRead(signatures[0], out var municipality, out var timestamp, out var mac, out _))
            return Refused("the signature header is malformed");
        if ((now - timestamp).Duration() > _window) return Refused("the signature's timestamp is outside the accepted window");
        var secret = _reporters.GetValueOrDefault(municipality)?.Secret ?? ReportSignature.DevelopmentSecret(municipality);
        return ReportSignature.Verify(secret, municipality, timestamp, mac, body)
            ? new ReportCaller(new HashSet<Kommunekode> { municipality }, null, null)
            : Refused("the signature does not match");
    }

    private static readonly IReadOnlySet<Kommunekode> None = new HashSet<Kommunekode>();

    private static ReportCaller Refused(string reason, string? thumbprint = null) => new(None, reason, thumbprint);

    private static IPNetwork ReadNetwork(string text)
    {
        if (IPNetwork.TryParse(text, out var network)) return network;
        if (IPAddress.TryParse(text, out var ip))
        {
            if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
            return new IPNetwork(ip, ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }
        throw new InvalidOperationException($"FeeBridge:ReportAuthentication:TrustedProxies: '{text}' is neither an IP address nor a CIDR range.");
    }

    /// <summary>One municipality's accepted credentials, read and checked at start.</summary>
    private sealed class Reporter
    {
        public required Kommunekode Municipality { get; init; }
        public HashSet<string> Sha1 { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Sha256 { get; } = new(StringComparer.Ordinal);
        public X500DistinguishedName? Subject { get; init; }
        public X500DistinguishedName? Issuer { get; init; }
        public X509Certificate2Collection? Anchors { get; init; }
        public X509RevocationMode Revocation { get; init; }
        public byte[]? Secret { get; init; }

        public static Reporter Read(Kommunekode code, ReporterOptions o, bool sandbox)
        {
            var setting = $"FeeBridge:DebtorSystems:{code}:Reporter";
            if (string.IsNullOrWhiteSpace(o.Subject) != string.IsNullOrWhiteSpace(o.Issuer))
                throw new InvalidOperationException($"{setting}: Subject and Issuer go together (or use Thumbprint).");
            if (o.Secret is { Length: > 0 } && !sandbox)
                throw new InvalidOperationException($"{setting}:Secret is for sandbox mode only; in production a debtor system authenticates with its client certificate.");
            var reporter = new Reporter
            {
                Municipality = code,
                Subject = Name(o.Subject, $"{setting}:Subject"),
                Issuer = Name(o.Issuer, $"{setting}:Issuer"),
                Anchors = o.IssuerCertificatePath is { Length: > 0 } path ? Anchor(path, $"{setting}:IssuerCertificatePath") : null,
                Revocation = Enum.TryParse<X509RevocationMode>(o.RevocationMode, ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode
                    : throw new InvalidOperationException($"{setting}:RevocationMode must be Online, Offline or NoCheck."),
                Secret = o.Secret is { Length: > 0 } s ? ReportSignature.ReadSecret(s, $"{setting}:Secret") : null,
            };
            foreach (var entry in (o.Thumbprint ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var hex = entry.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
                if (!hex.All(char.IsAsciiHexDigit)) throw new InvalidOperationException($"{setting}:Thumbprint must be hex digits.");
                (hex.Length switch
                {
                    40 => reporter.Sha1,
                    64 => reporter.Sha256,
                    _ => throw new InvalidOperationException($"{setting}:Thumbprint must be SHA-256 (64 hex digits) or SHA-1 (40)."),
                }).Add(hex);
            }
            return reporter;
        }

        public bool Accepts(X509Certificate2 certificate, DateTimeOffset now)
        {
            var pinned = Sha256.Contains(certificate.GetCertHashString(HashAlgorithmName.SHA256)) || Sha1.Contains(certificate.Thumbprint);
            // A pinned certificate needs no chain: the pin is the trust. It must still be within its validity period.
            if (pinned) return certificate.NotBefore.ToUniversalTime() <= now.UtcDateTime && now.UtcDateTime <= certificate.NotAfter.ToUniversalTime();
            return Subject is not null && Issuer is not null && SameName(certificate.SubjectName, Subject) && SameName(certificate.IssuerName, Issuer) && Chains(certificate, now);
        }

        // A name alone can be copied into any self-signed certificate: it counts only with a chain to a trusted issuer.
        private bool Chains(X509Certificate2 certificate, DateTimeOffset now)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.VerificationTime = now.UtcDateTime;
            chain.ChainPolicy.RevocationMode = Revocation;
            chain.ChainPolicy.RevocationFlag = X509RevocationFlag.ExcludeRoot;
            if (Anchors is not null)
            {
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(Anchors);
            }
            try { return chain.Build(certificate); }
            finally { foreach (var e in chain.ChainElements) if (!ReferenceEquals(e.Certificate, certificate)) e.Certificate.Dispose(); }
        }

        private static X500DistinguishedName? Name(string? text, string setting)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            try { return new X500DistinguishedName(text); }
            catch (CryptographicException) { throw new InvalidOperationException($"{setting} is not a distinguished name (e.g. CN=..., O=..., C=DK)."); }
        }

        private static X509Certificate2Collection Anchor(string path, string setting)
        {
            var anchors = new X509Certificate2Collection();
            try { anchors.ImportFromPemFile(path); }
            catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"{setting}: cannot read a PEM certificate from '{path}'.");
            }
            return anchors.Count > 0 ? anchors : throw new InvalidOperationException($"{setting}: '{path}' holds no PEM certificate.");
        }

        // Attribute by attribute (type and value), so "CN=a, O=b" and "CN=a,O=b" or a different string encoding are one name.
        private static bool SameName(X500DistinguishedName a, X500DistinguishedName b)
        {
            var x = Attributes(a);
            var y = Attributes(b);
            return x is not null && y is not null ? x.SequenceEqual(y) : string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
        }

        private static List<(string?, string?)>? Attributes(X500DistinguishedName name)
        {
            var list = new List<(string?, string?)>();
            foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
            {
                if (rdn.HasMultipleElements) return null;
                list.Add((rdn.GetSingleElementType().Value, rdn.GetSingleElementValue()));
            }
            return list;
        }
    }
}

/// <summary>The municipalities a caller may report for; empty with a fixed <see cref="Refusal"/> when none.</summary>
/// <param name="Thumbprint">SHA-256 of the caller's certificate, if it showed one: something an operator can configure, never personal data.</param>
public sealed record ReportCaller(IReadOnlySet<Kommunekode> Municipalities, string? Refusal, string? Thumbprint);

public static class ReportAuthentication
{
    /// <summary>
    /// The report receiver's authentication: checks the configuration at start, believes a forwarded certificate only
    /// from a trusted proxy (ASP.NET Core's certificate forwarding), and leaves the decision about a TLS client
    /// certificate to <see cref="ReportAuthenticator"/> rather than to Kestrel's default chain check (a pinned
    /// certificate needs no chain; a subject+issuer match builds its own).
    /// </summary>
    public static IServiceCollection AddReportAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ReportAuthenticator>();
        services.AddCertificateForwarding(_ => { });
        services.AddOptions<Microsoft.AspNetCore.HttpOverrides.CertificateForwardingOptions>().Configure<ReportAuthenticator>((f, a) =>
        {
            if (a.CertificateHeader is { } header) f.CertificateHeader = header;
            f.HeaderConverter = h => ForwardedCertificate.Read(h)!; // null: no certificate
        });
        services.Configure<KestrelServerOptions>(k => k.ConfigureHttpsDefaults(h => h.AllowAnyClientCertificate()));
        services.AddTransient<IStartupFilter, ForwardingStartup>();
        return services;
    }

    private sealed class ForwardingStartup(ReportAuthenticator authenticator) : IStartupFilter
    {
        // Resolving the authenticator here checks its configuration before the host listens.
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (authenticator.CertificateHeader is not null)
                app.UseWhen(http => authenticator.IsTrustedProxy(http.Connection.RemoteIpAddress), trusted => trusted.UseCertificateForwarding());
            next(app);
        };
    }
}

/// <summary>A certificate as proxies forward it: base64 of the DER (e.g. Azure's <c>X-ARR-ClientCert</c>), or PEM, URL-encoded or not (nginx).</summary>
public static class ForwardedCertificate
{
    /// <summary>The certificate, or null when the header holds none (the report is then refused as unauthenticated).</summary>
    public static X509Certificate2? Read(string header)
    {
        var text = header.Trim();
        try
        {
            if (text.StartsWith("-----BEGIN", StringComparison.Ordinal) || text.StartsWith("%2D", StringComparison.OrdinalIgnoreCase))
                return X509Certificate2.CreateFromPem(Uri.UnescapeDataString(text));
            return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text));
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return null;
        }
    }
}

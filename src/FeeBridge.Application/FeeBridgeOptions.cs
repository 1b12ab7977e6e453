namespace FeeBridge.Application;

/// <summary>The <c>FeeBridge</c> configuration section.</summary>
public sealed class FeeBridgeOptions
{
    public const string Section = "FeeBridge";

    /// <summary>
    /// Decided once at start by <see cref="FeeBridgeModes.Read"/> (which refuses anything but <c>Sandbox</c> and
    /// <c>Production</c>) and set by the host, never by the configuration binder.
    /// </summary>
    public FeeBridgeMode Mode { get; internal set; }

    public bool IsSandbox => Mode == FeeBridgeMode.Sandbox;

    /// <summary>Where the SQLite file and the sandbox's development key live.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Base64 of 32 random bytes; encrypts CPR numbers at rest. Required outside sandbox mode.</summary>
    public string? CprKey { get; set; }

    public List<MunicipalityOptions> Municipalities { get; set; } = [];
    public List<AgencyOptions> Agencies { get; set; } = [];

    /// <summary>Each municipality's debtor-system connection, by kommunekode (e.g. <c>FeeBridge:DebtorSystems:101:Endpoint</c>).</summary>
    public Dictionary<string, DebtorSystemOptions> DebtorSystems { get; set; } = [];

    /// <summary>How debtor systems' reports are authenticated beyond each municipality's <see cref="DebtorSystemOptions.Reporter"/>.</summary>
    public ReportAuthenticationOptions ReportAuthentication { get; set; } = new();

    public DispatcherOptions Dispatcher { get; set; } = new();

    public InboxOptions Inbox { get; set; } = new();

    /// <summary>FBS, the library system all agencies share: where its payment call is and FeeBridge's token for it.</summary>
    public FbsOptions Fbs { get; set; } = new();

    public NoticeOptions Notices { get; set; } = new();

    public BalanceOptions Balance { get; set; } = new();

    public TelemetryOptions Telemetry { get; set; } = new();

    /// <summary>The citizen's overview (<c>/borger</c>): log-in and what each municipality and library tells citizens.</summary>
    public CitizenOptions Citizen { get; set; } = new();

    /// <summary>Staff sign-in (CONTRACTS.md §5): the OpenID Connect provider and how its role claims map onto FeeBridge's roles.</summary>
    public StaffOptions Staff { get; set; } = new();

    /// <summary>The rollout workspace's own background work.</summary>
    public RolloutOptions Rollout { get; set; } = new();

    /// <summary>The reverse proxies whose <c>X-Forwarded-Proto</c>/<c>-For</c> are believed; none by default.</summary>
    public ForwardedHeadersOptions ForwardedHeaders { get; set; } = new();

    /// <summary>Library-system API keys, given as the SHA-256 (hex) of the key, never the key itself.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];
}

public sealed class MunicipalityOptions
{
    /// <summary>3-digit kommunekode, e.g. 101.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Kroner, e.g. "100.00"; claims below it wait for the patron's other claims.</summary>
    public string Minimum { get; set; } = "0.00";
    /// <summary><c>hold</c> or <c>civil</c>: what becomes of unacknowledged compensation claims.</summary>
    public string UnacknowledgedCompensation { get; set; } = "hold";
    public int PaymentDays { get; set; } = 30;
}

public sealed class AgencyOptions
{
    /// <summary>6-digit FBS agency id, e.g. 710100.</summary>
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Municipality { get; set; } = "";
    /// <summary>YYYY-MM-DD; claims created (Danish date) before it stay with the library.</summary>
    public string CutOverDate { get; set; } = "";
    /// <summary>Kroner; unpaid claims at or above it block the patron (FBS reason E).</summary>
    public string BlockThreshold { get; set; } = "200.00";

    /// <summary>Whether the agency runs on FBS (all Danish public libraries do): settled claims are registered as paid there.</summary>
    public bool UsesFbs { get; set; } = true;
}

public sealed class ApiKeyOptions
{
    public string Name { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public List<string> Agencies { get; set; } = [];
}

/// <summary>How FeeBridge reaches one municipality's debtor system (SF1590 over Serviceplatformen).</summary>
public sealed class DebtorSystemOptions
{
    /// <summary>The <c>DebitorRegistreringAfsend</c> endpoint. In sandbox mode, unset means the in-process sandbox.</summary>
    public string? Endpoint { get; set; }

    /// <summary>A PKCS#12 file with the client certificate (mTLS) the service agreement names; optional.</summary>
    public string? ClientCertificatePath { get; set; }
    public string? ClientCertificatePassword { get; set; }

    /// <summary>Handlings per shipment (<c>ForsendelseId</c>).</summary>
    public int BatchSize { get; set; } = 100;

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Who may report payments, write-offs and hand-offs for this municipality (docs/serviceplatformen.md).</summary>
    public ReporterOptions Reporter { get; set; } = new();
}

/// <summary>
/// The debtor system allowed to send this municipality's <c>DaekningAfskrivningRegistreringAfsend</c>: its TLS client
/// certificate (Serviceplatformen's OCES3/FOCES system certificate), pinned by thumbprint or named by subject and
/// issuer. A certificate is accepted if either matches. Without any, no report for the municipality is accepted.
/// </summary>
public sealed class ReporterOptions
{
    /// <summary>
    /// SHA-256 (64 hex digits) or SHA-1 (40, as Windows shows it) of the certificate; colons and spaces are ignored.
    /// Several separated by commas, so a certificate can be rotated: old and new are both accepted during the switch.
    /// </summary>
    public string? Thumbprint { get; set; }

    /// <summary>The certificate's subject distinguished name, e.g. <c>CN=KMD Opkrævning, O=KMD A/S, C=DK</c>; needs <see cref="Issuer"/>.</summary>
    public string? Subject { get; set; }

    /// <summary>The issuing CA's distinguished name. The certificate must chain to a trusted root (see <see cref="IssuerCertificatePath"/>).</summary>
    public string? Issuer { get; set; }

    /// <summary>A PEM file with the issuing CA certificate(s) to trust for <see cref="Subject"/>+<see cref="Issuer"/>; unset: the system's trust store.</summary>
    public string? IssuerCertificatePath { get; set; }

    /// <summary><c>Online</c> (default), <c>Offline</c> or <c>NoCheck</c>: how revocation is checked for <see cref="Subject"/>+<see cref="Issuer"/>.</summary>
    public string RevocationMode { get; set; } = "Online";

    /// <summary>Sandbox mode only: base64 of at least 32 bytes, the HMAC key of the signed header; unset there means the development secret.</summary>
    public string? Secret { get; set; }
}

/// <summary>What a TLS-terminating proxy in front of FeeBridge passes on, and the sandbox's signed header.</summary>
public sealed class ReportAuthenticationOptions
{
    /// <summary>
    /// The request header in which a TLS-terminating proxy forwards the client certificate (base64 DER, or URL-encoded
    /// PEM as nginx's <c>$ssl_client_escaped_cert</c>), e.g. <c>X-SSL-Client-Cert</c>. Unset (default): only the certificate
    /// on FeeBridge's own TLS connection counts.
    /// </summary>
    public string? CertificateHeader { get; set; }

    /// <summary>The proxies (IP addresses or CIDR ranges, e.g. <c>10.0.0.5</c>, <c>10.0.0.0/24</c>) whose certificate header is believed; required with <see cref="CertificateHeader"/>.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Sandbox mode: how far a signed header's timestamp may be from FeeBridge's clock.</summary>
    public int SignatureWindowSeconds { get; set; } = 300;
}

/// <summary>How the outbox is sent.</summary>
public sealed class DispatcherOptions
{
    /// <summary>Off: claims stay queued (e.g. a process that only takes claims in, or the intake benchmark).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The first retry waits about this long; each further one twice as long (with jitter).</summary>
    public int BackoffBaseMilliseconds { get; set; } = 500;

    /// <summary>No retry waits longer than this.</summary>
    public int MaxBackoffSeconds { get; set; } = 300;

    /// <summary>How long a process may hold rows it is sending; after that another process may take them over.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>How long a debtor system that failed five times in a row is left alone.</summary>
    public int CircuitRestSeconds { get; set; } = 30;

    /// <summary>How long an idle dispatcher waits before looking again.</summary>
    public int PollMilliseconds { get; set; } = 200;

    /// <summary>
    /// After a shipment that took everything due, how long the next one for that municipality gathers claims first:
    /// a few claims' delay buys shipments of many claims instead of one each.
    /// </summary>
    public int LingerMilliseconds { get; set; } = 50;
}

/// <summary>How the debtor systems' reports are applied.</summary>
public sealed class InboxOptions
{
    /// <summary>Off: reports are received and stored but not applied (a receive-only process, or a crash test).</summary>
    public bool ApplyEnabled { get; set; } = true;
    /// <summary>Reports per transaction: larger batches share a commit and a round trip (docs/performance.md, issue 14).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Apply loops per process: while one waits for PostgreSQL, the other folds (1.7× in `feedback`); on SQLite they take turns.</summary>
    public int Workers { get; set; } = 2;
    public int PollMilliseconds { get; set; } = 200;
}

/// <summary>How FeeBridge reaches FBS's external API.</summary>
public sealed class FbsOptions
{
    /// <summary>
    /// FBS's external API up to and including <c>/rest/</c> (the swagger's base path). In sandbox mode, unset means the
    /// in-process FBS sandbox at <c>&lt;own address&gt;/sandbox/fbs/rest/</c>.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>FeeBridge's client-system user name for FBS's log-in. In sandbox mode, unset means the sandbox's <c>feebridge</c>.</summary>
    public string? Username { get; set; }

    /// <summary>Its password. In sandbox mode, unset means the sandbox's <c>sandbox</c>.</summary>
    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 10;
}

/// <summary>How notices reach the library side (FBS payment call, webhooks).</summary>
public sealed class NoticeOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Networks (<c>10.20.0.0/16</c>) or addresses a webhook may reach although they are loopback, private, link-local
    /// or otherwise internal; none by default.
    /// </summary>
    public List<string> AllowedWebhookNetworks { get; set; } = [];
    public int BackoffBaseMilliseconds { get; set; } = 1000;
    public int MaxBackoffSeconds { get; set; } = 3600;
    public int LeaseSeconds { get; set; } = 60;
    public int PollMilliseconds { get; set; } = 200;
}

/// <summary>How the balance call asks the debtor system for interest and reminder fees.</summary>
public sealed class BalanceOptions
{
    /// <summary>How long an answer is reused.</summary>
    public int CacheSeconds { get; set; } = 30;

    /// <summary>How long a look-up may take before the balance answers with what it knows.</summary>
    public int TimeoutMilliseconds { get; set; } = 3000;
}

/// <summary>The citizen's overview: the OpenID Connect log-in (NemLog-in/MitID) and the texts per municipality and library.</summary>
public sealed class CitizenOptions
{
    /// <summary>The OpenID Connect provider. In sandbox mode, unset means the MitID stand-in in this process.</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string Scope { get; set; } = "openid";

    /// <summary><c>query</c> (default) or <c>form_post</c>: how the provider returns the code.</summary>
    public string ResponseMode { get; set; } = "query";

    /// <summary>The ID token's claim types (defaults: NemLog-in's OIO attribute profile).</summary>
    public string CprClaim { get; set; } = "https://data.gov.dk/model/core/eid/cprNumber";
    public string NameClaim { get; set; } = "https://data.gov.dk/model/core/eid/fullName";
    public string CvrClaim { get; set; } = "https://data.gov.dk/model/core/eid/professional/cvr";
    public string OrganisationClaim { get; set; } = "https://data.gov.dk/model/core/eid/professional/orgName";

    /// <summary>How long the measured payment speed shown on the page is reused before it is measured again.</summary>
    public int SpeedCacheSeconds { get; set; } = 60;

    /// <summary>How long a session lasts without activity.</summary>
    public int SessionMinutes { get; set; } = 30;

    /// <summary>By kommunekode: the payment site, whom to contact and the FAQ.</summary>
    public Dictionary<string, CitizenMunicipalityOptions> Municipalities { get; set; } = [];

    /// <summary>By agency id: how to pay what stayed with the library.</summary>
    public Dictionary<string, CitizenAgencyOptions> Agencies { get; set; } = [];
}

/// <summary>The rollout workspace's background work.</summary>
public sealed class RolloutOptions
{
    /// <summary>How often FeeBridge checks the evidence it can check itself (0: never).</summary>
    public int EvidenceSeconds { get; set; } = 300;
}

/// <summary>
/// Staff sign-in: OpenID Connect (code flow + PKCE) against a provider — in production a broker in front of KOMBIT's
/// FK Adgangsstyring — for the pages, and its access tokens as bearer tokens for the API (docs/staff-identity.md).
/// </summary>
public sealed class StaffOptions
{
    /// <summary>The provider's issuer URL. In sandbox mode, unset means the staff stand-in in this process.</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string Scope { get; set; } = "openid profile email";

    /// <summary>The <c>aud</c> an access token must carry to be taken as a bearer token.</summary>
    public string Audience { get; set; } = "feebridge-staff";

    /// <summary>
    /// The JWT <c>typ</c> an access token must have (RFC 9068: <c>at+jwt</c>), so an ID token — same issuer, perhaps
    /// the same audience — never opens the API. Empty accepts any type, for a provider that does not set one.
    /// </summary>
    public string AccessTokenType { get; set; } = "at+jwt";

    /// <summary>The token's claim that holds the person's roles (one claim per value, or a JSON array).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>
    /// The provider's role values onto FeeBridge's scoped roles, e.g. <c>FeeBridge__Staff__RoleMap__&lt;value&gt;=project-leader:101</c>
    /// (several separated by commas). Empty: the provider already speaks FeeBridge's role names (the sandbox stand-in).
    /// A value that is not mapped gives no role.
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];

    /// <summary>How long a page session lasts without activity.</summary>
    public int SessionMinutes { get; set; } = 480;
}

public sealed class CitizenMunicipalityOptions
{
    /// <summary>The municipality's own payment site (card, MobilePay, Betalingsservice).</summary>
    public string? PaymentUrl { get; set; }

    /// <summary>Whom to contact about a claim, e.g. "Opkrævningen, tlf. 33 66 33 66".</summary>
    public string? Contact { get; set; }

    /// <summary>A Markdown file with the municipality's FAQ ("## question" then the answer); unset means the defaults.</summary>
    public string? FaqFile { get; set; }
}

public sealed class CitizenAgencyOptions
{
    /// <summary>How to pay at this library (what the library tells its patrons).</summary>
    public string? Instructions { get; set; }

    /// <summary>Where to pay online, usually the library website's "Mine gebyrer".</summary>
    public string? PaymentUrl { get; set; }
}

/// <summary>Metrics and traces (OpenTelemetry; Prometheus at <c>/metrics</c>).</summary>
public sealed class TelemetryOptions
{
    /// <summary>How old the database-backed gauges (claims by status, queue depths and ages) may be before a scrape reads them again.</summary>
    public int GaugeSeconds { get; set; } = 15;
}

/// <summary>Which callers may say, in <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c>, what the original request was.</summary>
public sealed class ForwardedHeadersOptions
{
    /// <summary>The proxies' addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>The proxies' networks, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row are unwrapped (entries of <c>X-Forwarded-For</c> read from the right).</summary>
    public int ForwardLimit { get; set; } = 1;
}

/// <summary>
/// The <c>FeeBridge:Mail</c> section: the SMTP server FeeBridge sends its own mail through (deadline reminders), and
/// <c>FeeBridge:Mail:Reminders</c>, when and how often. Without <see cref="Host"/> FeeBridge sends no mail.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "FeeBridge:Mail";

    /// <summary>The SMTP server, e.g. <c>smtp.kk.dk</c>; unset: no mail is sent.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 25;

    /// <summary>The sender, e.g. <c>FeeBridge &lt;feebridge@kk.dk&gt;</c>; required with <see cref="Host"/>.</summary>
    public string? From { get; set; }

    /// <summary>True: TLS from the first byte on port 465, STARTTLS (required) on any other; false: plain SMTP.</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>SMTP log-in, when the server wants one.</summary>
    public string? Username { get; set; }
    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 30;

    public ReminderOptions Reminders { get; set; } = new();
}

/// <summary>Deadline reminders (issue 15): how often the schedule is looked at and what it gives everybody.</summary>
public sealed class ReminderOptions
{
    /// <summary>Off: no reminders from this process even with a mail server (e.g. a second process, or a test driving rounds itself).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the schedule is looked at: every 5 minutes.</summary>
    public int IntervalSeconds { get; set; } = 300;

    /// <summary>How long a sender holds a recorded reminder before another process may send it again; longer than a send can take.</summary>
    public int LeaseSeconds { get; set; } = 600;

    /// <summary>Days before the deadline, comma-separated: any of 0 (on the day), 1, 3, 7 (text, since the binder would add to a list's defaults).</summary>
    public string DaysBefore { get; set; } = "3,0";

    /// <summary>Days between reminders while overdue; 0 for none.</summary>
    public int RepeatOverdueEveryDays { get; set; } = 7;

    /// <summary>Copenhagen time (HH:mm) from which a day's reminder may go out.</summary>
    public string SendFrom { get; set; } = "08:00";

    /// <summary>FeeBridge's address as staff reach it, for the link in the mail (e.g. <c>https://feebridge.kk.dk</c>); unset: the address the process listens on.</summary>
    public string? PublicBaseUrl { get; set; }
}

using FeeBridge.LibrarySystem.Fbs;
using FeeBridge.LibrarySystem.Webhooks;
using FeeBridge.Application;

namespace FeeBridge.Application.LibrarySystem;

/// <summary>
/// The clients for the library side: FBS (configured, or the in-process FBS sandbox in sandbox mode, reached over
/// HTTP like the real one) and webhooks. FBS is null while its address or FeeBridge's credentials are not known.
/// </summary>
public sealed class LibraryConnections(FeeBridgeOptions options, IOwnAddress self, SandboxMode? sandbox = null) : IDisposable
{
    private readonly Lock _gate = new();
    private HttpClient? _fbsHttp;
    private FbsClient? _fbs;

    /// <summary>Where webhooks may go (FeeBridge:Notices:AllowedWebhookNetworks); read at start, so a bad network refuses the start.</summary>
    public WebhookAddresses WebhookAddresses { get; } = new(options.Notices.AllowedWebhookNetworks);

    private HttpClient? _webhookHttp;

    public WebhookClient Webhooks
    {
        get
        {
            lock (_gate)
            {
                _webhookHttp ??= new HttpClient(WebhookAddresses.CreateHandler()) { Timeout = TimeSpan.FromSeconds(10) };
                return _webhooks ??= new WebhookClient(_webhookHttp);
            }
        }
    }

    private WebhookClient? _webhooks;

    public FbsClient? Fbs
    {
        get
        {
            lock (_gate)
            {
                if (_fbs is not null) return _fbs;
                var o = options.Fbs;
                var baseUrl = o.BaseUrl is { Length: > 0 } configured ? new Uri(configured)
                    : sandbox is not null && self.Current is { } own ? new Uri(own, SandboxMode.FbsPath) : null;
                var credentials = o.Username is { Length: > 0 } user && o.Password is { Length: > 0 } password ? new FbsCredentials(user, password)
                    : sandbox is not null ? new FbsCredentials(sandbox.Fbs.Id, sandbox.Fbs.Secret) : null;
                if (baseUrl is null || credentials is null) return null;
                // The base address ends in /rest/, so the calls' relative paths (external/…) land below it.
                if (!baseUrl.AbsolutePath.EndsWith('/')) baseUrl = new Uri(baseUrl + "/");
                _fbsHttp = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds) };
                return _fbs = new FbsClient(_fbsHttp, credentials);
            }
        }
    }

    public void Dispose()
    {
        _fbsHttp?.Dispose();
        _webhookHttp?.Dispose();
    }
}

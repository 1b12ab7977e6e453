using FeeBridge.LibrarySystem.Fbs;
using FeeBridge.LibrarySystem.Webhooks;
using FeeBridge.Sandbox.Fbs;
using FeeBridge.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;

namespace FeeBridge.Server.LibrarySystem;

/// <summary>
/// The clients for the library side: FBS (configured, or the in-process FBS sandbox in sandbox mode, reached over
/// HTTP like the real one) and webhooks. FBS is null while its address is not known yet.
/// </summary>
public sealed class LibraryConnections(FeeBridgeOptions options, IServer server) : IDisposable
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
                var baseUrl = options.Fbs.BaseUrl is { Length: > 0 } configured ? new Uri(configured)
                    : options.IsSandbox && OwnAddress.Of(server) is { } self ? new Uri(self, "/sandbox/fbs/") : null;
                if (baseUrl is null) return null;
                if (!baseUrl.AbsolutePath.EndsWith('/')) baseUrl = new Uri(baseUrl + "/");
                _fbsHttp = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(options.Fbs.TimeoutSeconds) };
                var token = options.Fbs.Token ?? (options.IsSandbox ? FbsClients.FeeBridgeToken : null);
                if (token is not null) _fbsHttp.DefaultRequestHeaders.Authorization = new("Bearer", token);
                return _fbs = new FbsClient(_fbsHttp);
            }
        }
    }

    public void Dispose()
    {
        _fbsHttp?.Dispose();
        _webhookHttp?.Dispose();
    }
}

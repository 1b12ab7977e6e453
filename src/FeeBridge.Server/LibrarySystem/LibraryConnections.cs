using FeeBridge.LibrarySystem.Fbs;
using FeeBridge.LibrarySystem.Webhooks;
using FeeBridge.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;

namespace FeeBridge.Server.LibrarySystem;

/// <summary>
/// The clients for the library side: FBS (configured, or the in-process FBS sandbox in sandbox mode, reached over
/// HTTP like the real one) and webhooks. FBS is null while its address is not known yet.
/// </summary>
public sealed class LibraryConnections(FeeBridgeOptions options, IServer server, SandboxMode? sandbox = null) : IDisposable
{

    private readonly Lock _gate = new();
    private HttpClient? _fbsHttp;
    private FbsClient? _fbs;

    private static readonly HttpClient WebhookHttp = new() { Timeout = TimeSpan.FromSeconds(10) };

    public WebhookClient Webhooks { get; } = new(WebhookHttp);

    public FbsClient? Fbs
    {
        get
        {
            lock (_gate)
            {
                if (_fbs is not null) return _fbs;
                var baseUrl = options.Fbs.BaseUrl is { Length: > 0 } configured ? new Uri(configured)
                    : sandbox is not null && OwnAddress.Of(server) is { } self ? new Uri(self, SandboxMode.FbsPath) : null;
                if (baseUrl is null) return null;
                if (!baseUrl.AbsolutePath.EndsWith('/')) baseUrl = new Uri(baseUrl + "/");
                _fbsHttp = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(options.Fbs.TimeoutSeconds) };
                var token = options.Fbs.Token ?? sandbox?.Fbs.Secret;
                if (token is not null) _fbsHttp.DefaultRequestHeaders.Authorization = new("Bearer", token);
                return _fbs = new FbsClient(_fbsHttp);
            }
        }
    }

    public void Dispose()
    {
        _fbsHttp?.Dispose();
    }
}

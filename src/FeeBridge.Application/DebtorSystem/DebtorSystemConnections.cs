using System.Security.Cryptography.X509Certificates;
using FeeBridge.DebtorSystem;
using FeeBridge.Application;

namespace FeeBridge.Application.DebtorSystem;

/// <summary>
/// Adds what a real Serviceplatformen call needs to each request (a token from the STS, for example). The default
/// adds nothing; register another implementation to plug one in.
/// </summary>
public interface IServiceplatformenTokenProvider
{
    ValueTask<string?> TokenAsync(string kommunekode, CancellationToken ct);
}

public sealed class NoToken : IServiceplatformenTokenProvider
{
    public ValueTask<string?> TokenAsync(string kommunekode, CancellationToken ct) => ValueTask.FromResult<string?>(null);
}

/// <summary>One SF1590 client per municipality, each with its own endpoint, certificate, timeout and token.</summary>
public sealed class DebtorSystemConnections(FeeBridgeOptions options, IOwnAddress self, IServiceplatformenTokenProvider tokens, SandboxMode? sandbox = null) : IDisposable
{
    private readonly Dictionary<string, (Uri Endpoint, Sf1590Client Client, HttpClient Http, int BatchSize)> _connections = new();
    private readonly Lock _gate = new();

    /// <summary>The connection for a municipality, or null when none is configured (its rows wait).</summary>
    public (Uri Endpoint, Sf1590Client Client, int BatchSize)? For(string kommunekode)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(kommunekode, out var known)) return (known.Endpoint, known.Client, known.BatchSize);
            var o = options.DebtorSystems.GetValueOrDefault(kommunekode) ?? new DebtorSystemOptions();
            var endpoint = o.Endpoint is { Length: > 0 } e ? new Uri(e) : sandbox is not null ? InProcessSandbox() : null;
            if (endpoint is null) return null;

            var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            if (o.ClientCertificatePath is { Length: > 0 } path)
                handler.SslOptions.ClientCertificates = [X509CertificateLoader.LoadPkcs12FromFile(path, o.ClientCertificatePassword)];
            var http = new HttpClient(new TokenHandler(tokens, kommunekode) { InnerHandler = handler }) { Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds) };
            _connections[kommunekode] = (endpoint, new Sf1590Client(http), http, Math.Clamp(o.BatchSize, 1, 1000));
            return (endpoint, _connections[kommunekode].Client, _connections[kommunekode].BatchSize);
        }
    }

    // In sandbox mode the debtor-system sandbox runs inside this server; reach it over HTTP like the real thing.
    private Uri? InProcessSandbox()
    {
        return self.Current is { } own ? new Uri(own, SandboxMode.DebtorSystemPath) : null;
    }

    public void Dispose()
    {
        foreach (var c in _connections.Values) c.Http.Dispose();
    }

    private sealed class TokenHandler(IServiceplatformenTokenProvider tokens, string kommunekode) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (await tokens.TokenAsync(kommunekode, ct) is { } token)
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return await base.SendAsync(request, ct);
        }
    }
}

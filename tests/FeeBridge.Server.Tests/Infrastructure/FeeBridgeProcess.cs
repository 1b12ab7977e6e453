using System.Diagnostics;
using System.Net.Http.Headers;

namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>FeeBridge (the sandbox host, so it has the seed and the sandbox key) as a real process, so it can run twice on one database or be killed with SIGKILL.</summary>
public sealed class FeeBridgeProcess : IDisposable
{
    private readonly Process _process;

    /// <param name="address">A loopback address chosen beforehand (e.g. told to a sandbox first); default a free one.</param>
    public FeeBridgeProcess(string dataDirectory, string? connectionString, IReadOnlyDictionary<string, string> settings, Uri? address = null)
    {
        Address = address ?? ChildProcess.FreeAddress();
        var environment = new Dictionary<string, string>(settings) { ["FeeBridge:DataDirectory"] = dataDirectory };
        if (connectionString is not null) environment["ConnectionStrings:FeeBridge"] = connectionString;
        _process = ChildProcess.Start("FeeBridge.SandboxHost", Address, environment, "/health/ready", Output.Enqueue);
        Library = new HttpClient { BaseAddress = Address };
        Library.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sandbox-library-key");
    }

    public Uri Address { get; }

    /// <summary>Everything the process wrote (its log).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Output { get; } = new();
    public HttpClient Library { get; }

    /// <summary>SIGKILL: no shutdown, no flushing, as a power cut or the OOM killer would do it.</summary>
    public void Kill() => ChildProcess.Kill(_process);

    public void Dispose()
    {
        Library.Dispose();
        Kill();
        _process.Dispose();
    }
}

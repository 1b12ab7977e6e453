using System.Diagnostics;

namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>The sandboxes as their own process on a free loopback port, so FeeBridge reaches them over real HTTP.</summary>
public sealed class SandboxProcess : IDisposable
{
    private readonly Process _process;

    /// <param name="feeBridge">Where the sandboxes reach FeeBridge (payments reported back, FBS handing fees over); none: they keep them.</param>
    public SandboxProcess(Uri? feeBridge = null)
    {
        Address = ChildProcess.FreeAddress();
        var settings = new Dictionary<string, string>();
        if (feeBridge is not null) settings["Sandbox:FeeBridgeUrl"] = feeBridge.ToString();
        _process = ChildProcess.Start("FeeBridge.Sandbox", Address, settings, "/sandbox/health");
        Http = new HttpClient { BaseAddress = Address };
    }

    public Uri Address { get; }
    public HttpClient Http { get; }
    public string Sf1590Endpoint => new Uri(Address, "/sandbox/debtor/sf1590").ToString();
    public string FbsBaseUrl => new Uri(Address, "/sandbox/fbs/rest/").ToString();

    private bool _disposed;

    /// <summary>Stops the sandbox (a test may do it early, to take the debtor system away); safe to call twice.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Http.Dispose();
        ChildProcess.Kill(_process);
        _process.Dispose();
    }
}

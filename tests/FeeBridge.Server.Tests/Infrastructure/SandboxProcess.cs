using System.Diagnostics;

namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>The sandboxes as their own process on a free loopback port, so FeeBridge reaches them over real HTTP.</summary>
public sealed class SandboxProcess : IDisposable
{
    private readonly Process _process;

    public SandboxProcess()
    {
        Address = ChildProcess.FreeAddress();
        _process = ChildProcess.Start("FeeBridge.Sandbox", Address, new Dictionary<string, string>(), "/sandbox/health");
        Http = new HttpClient { BaseAddress = Address };
    }

    public Uri Address { get; }
    public HttpClient Http { get; }
    public string Sf1590Endpoint => new Uri(Address, "/sandbox/debtor/sf1590").ToString();

    public void Dispose()
    {
        Http.Dispose();
        ChildProcess.Kill(_process);
        _process.Dispose();
    }
}

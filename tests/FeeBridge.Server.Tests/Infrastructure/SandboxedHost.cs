namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>
/// FeeBridge in-process with the debtor-system sandbox as its own process, the given municipalities' debtor systems
/// pointed at it. Disposes both; if FeeBridge fails to start, the sandbox is stopped before the error goes on.
/// </summary>
public sealed class SandboxedHost : IDisposable
{
    public SandboxProcess Sandbox { get; } = new();
    public FeeBridgeHost Host { get; }

    public SandboxedHost(StoreKind kind, IEnumerable<string> municipalities, Dictionary<string, string>? settings = null)
    {
        try
        {
            var all = new Dictionary<string, string>(settings ?? []);
            foreach (var m in municipalities) all[$"FeeBridge:DebtorSystems:{m}:Endpoint"] = Sandbox.Sf1590Endpoint;
            Host = new FeeBridgeHost(kind, settings: all);
        }
        catch
        {
            Sandbox.Dispose(); // xunit does not dispose a test class whose constructor threw
            throw;
        }
    }

    public void Dispose()
    {
        Host.Dispose();
        Sandbox.Dispose();
    }
}

using System.Diagnostics;
using System.Net.Sockets;

namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>The sandboxes as their own process on a free loopback port, so FeeBridge reaches them over real HTTP.</summary>
public sealed class SandboxProcess : IDisposable
{
    private readonly Process _process;

    public SandboxProcess()
    {
        var port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}");
        var dll = Path.Combine(AppContext.BaseDirectory, "FeeBridge.Sandbox.dll");
        _process = Process.Start(new ProcessStartInfo("dotnet", [dll, "--urls", Address.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
            Environment = { ["Logging__LogLevel__Default"] = "Warning" },
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = Address };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException("The sandbox process exited during start.");
            try
            {
                if (http.GetAsync("/sandbox/health").Result.IsSuccessStatusCode) break;
            }
            catch (AggregateException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The sandbox process did not start.");
            Thread.Sleep(100);
        }
        Http = new HttpClient { BaseAddress = Address };
    }

    public Uri Address { get; }
    public HttpClient Http { get; }
    public string Sf1590Endpoint => new Uri(Address, "/sandbox/debtor/sf1590").ToString();

    public void Dispose()
    {
        Http.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}

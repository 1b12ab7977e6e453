using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>FeeBridge.Server as a real process, so it can run twice on one database or be killed with SIGKILL.</summary>
public sealed class FeeBridgeProcess : IDisposable
{
    private readonly Process _process;

    public FeeBridgeProcess(string dataDirectory, string? connectionString, IReadOnlyDictionary<string, string> settings)
    {
        Address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "FeeBridge.Server.dll"), "--urls", Address.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["FeeBridge__DataDirectory"] = dataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (connectionString is not null) start.Environment["ConnectionStrings__FeeBridge"] = connectionString;
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Library = new HttpClient { BaseAddress = Address };
        Library.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sandbox-library-key");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException("FeeBridge.Server exited during start.");
            try
            {
                if (Library.GetAsync("/health/ready").Result.IsSuccessStatusCode) break;
            }
            catch (AggregateException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("FeeBridge.Server did not become ready.");
            Thread.Sleep(100);
        }
    }

    public Uri Address { get; }
    public HttpClient Library { get; }

    /// <summary>SIGKILL: no shutdown, no flushing, as a power cut or the OOM killer would do it.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Library.Dispose();
        Kill();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}

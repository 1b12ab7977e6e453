using System.Diagnostics;
using System.Net.Sockets;

namespace FeeBridge.Bench;

/// <summary>FeeBridge (the sandbox host: seeded tenants and key) as its own process on a free loopback port, as it runs in production.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ServerProcess> StartAsync(string dataDirectory, string? connectionString, IReadOnlyDictionary<string, string>? settings = null,
        string project = "FeeBridge.SandboxHost", int? port = null)
    {
        var dll = Path.Combine(RepoRoot(), "src", project, "bin", "Release", "net10.0", project + ".dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the solution in Release first (bench/run.sh does).", dll);
        port ??= FreePort();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FeeBridge__DataDirectory"] = dataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (connectionString is not null) start.Environment["ConnectionStrings__FeeBridge"] = connectionString;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start)!;
        // The console logger writes to standard output; its errors (a "fail:"/"crit:" line and what follows until the
        // next entry) go to the bench's standard error, so a 500 under load says why.
        var failing = false;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)) failing = true;
            else if (line.Length > 5 && line[4] == ':' && !char.IsWhiteSpace(line[0])) failing = false;
            if (failing) Console.Error.WriteLine("server: " + line);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = server.Address };
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited) throw new InvalidOperationException("FeeBridge.Server exited during start.");
            try
            {
                if ((await http.GetAsync(project == "FeeBridge.Sandbox" ? "/sandbox/health" : "/health/ready")).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("FeeBridge.Server did not become ready.");
    }

    /// <summary>The process's peak resident set (VmHWM), in MiB.</summary>
    public double PeakRssMiB() => Rss.PeakMiB(_process.Id);

    /// <summary>The server's process id, for its CPU time (<see cref="ProcessCpu"/>).</summary>
    public int Id => _process.Id;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FeeBridge.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("FeeBridge.slnx not found above the benchmark.");
    }

    public static int FreePort()
    {
        using var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}

public static class Rss
{
    public static double PeakMiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) / 1024.0;
        }
        return double.NaN;
    }
}

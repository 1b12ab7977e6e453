using System.Diagnostics;
using System.Net.Sockets;

namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>Starting one of our own programs (from the test's output folder) as a real process on a free loopback port.</summary>
public static class ChildProcess
{
    public static Uri FreeAddress()
    {
        using var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)l.LocalEndpoint).Port}");
    }

    /// <summary>Starts <paramref name="program"/>.dll listening on <paramref name="address"/>, and waits until <paramref name="healthPath"/> answers.</summary>
    /// <param name="onLine">Receives each line the process writes (stdout and stderr), e.g. to check what it logs.</param>
    public static Process Start(string program, Uri address, IReadOnlyDictionary<string, string> environment, string healthPath, Action<string>? onLine = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, program + ".dll"), "--urls", address.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment) start.Environment[key.Replace(":", "__")] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) onLine?.Invoke(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) onLine?.Invoke(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = address };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"{program} exited during start.");
            try
            {
                if (http.GetAsync(healthPath).Result.IsSuccessStatusCode) return process;
            }
            catch (AggregateException) { }
            if (DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} did not become ready.");
            }
            Thread.Sleep(100);
        }
    }

    /// <summary>SIGKILL on Unix: no shutdown, no flushing.</summary>
    public static void Kill(Process process)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }
}

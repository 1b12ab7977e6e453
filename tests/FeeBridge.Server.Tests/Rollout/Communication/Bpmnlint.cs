using System.Diagnostics;

namespace FeeBridge.Server.Tests.Rollout.Communication;

/// <summary>
/// bpmn.io's own checker, npm <c>bpmnlint</c> 11.15.0 (installed by the server's build into its node_modules), run
/// with its <c>recommended</c> configuration on files written to a folder of their own.
/// </summary>
public static class Bpmnlint
{
    public sealed record Report(int ExitCode, string Output);

    private static string Package => Path.Combine(RepositoryRoot(), "src", "FeeBridge.Server", "node_modules", "bpmnlint");
    private static string Cli => Path.Combine(Package, "bin", "bpmnlint.js");

    /// <summary>The installed package's package.json.</summary>
    public static string PackageJson => File.ReadAllText(Path.Combine(Package, "package.json"));

    public static async Task<Report> RunAsync(IReadOnlyDictionary<string, string> files)
    {
        var folder = Directory.CreateTempSubdirectory("feebridge-bpmnlint-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, ".bpmnlintrc"), "{ \"extends\": \"bpmnlint:recommended\" }");
            foreach (var (name, xml) in files) await File.WriteAllTextAsync(Path.Combine(folder, name), xml);
            var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Cli);
            foreach (var name in files.Keys) start.ArgumentList.Add(name);
            using var process = Process.Start(start)!;
            var (output, errors) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            return new Report(process.ExitCode, await output + await errors);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FeeBridge.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run the tests inside the repository.");
    }
}

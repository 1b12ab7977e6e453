using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using FeeBridge.SandboxHost;
using FeeBridge.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FeeBridge.Server.Tests.Hosting;

/// <summary>
/// One mode, read once (CONTRACTS.md §4: "a server that is not in sandbox mode answers none of the /sandbox/... paths"):
/// the deployable server is production and holds none of the stand-ins; only the sandbox host is a sandbox; any other
/// value stops the start, naming it.
/// </summary>
public sealed class ModeTests : IDisposable
{
    private readonly string _data = TestStores.NewDataDirectory();

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private sealed class Host<TEntry>(Dictionary<string, string> settings) : WebApplicationFactory<TEntry> where TEntry : class
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    private Dictionary<string, string> Settings(string? mode, string? connectionString = null)
    {
        var s = new Dictionary<string, string>
        {
            ["FeeBridge:DataDirectory"] = _data,
            ["FeeBridge:CprKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        if (mode is not null) s["FeeBridge:Mode"] = mode;
        if (connectionString is not null) s["ConnectionStrings:FeeBridge"] = connectionString;
        return s;
    }

    private static Exception StartFails<TEntry>(Dictionary<string, string> settings) where TEntry : class
    {
        using var host = new Host<TEntry>(settings);
        return Should.Throw<Exception>(() => host.CreateClient());
    }

    [Theory]
    [InlineData("Prod")]
    [InlineData("sandbox ")]
    [InlineData("1")]
    [InlineData("Test")]
    public void AnyOtherModeThanSandboxOrProduction_RefusesToStart_NamingTheValue(string mode)
    {
        foreach (var e in new[] { StartFails<Program>(Settings(mode)), StartFails<SandboxHostProgram>(Settings(mode)) })
        {
            var message = Flatten(e);
            message.ShouldContain($"FeeBridge:Mode is '{mode}'");
            message.ShouldContain("'Sandbox' or 'Production'");
        }
    }

    [Fact]
    public void TheDeployableServer_CannotBeASandbox() =>
        Flatten(StartFails<Program>(Settings("Sandbox"))).ShouldContain("this host has no stand-ins");

    [Fact]
    public void TheSandboxHost_CannotBeProduction() =>
        Flatten(StartFails<SandboxHostProgram>(Settings("Production"))).ShouldContain("deploy src/FeeBridge.Server");

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task InProduction_NoSandboxPath_NoMitIdStandIn_NoSandboxKey(StoreKind kind)
    {
        var connection = kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null;
        // Unset means production in the deployable server; the explicit value must behave the same.
        foreach (var mode in new[] { null, "Production" })
        {
            await using var host = new Host<Program>(Settings(mode, connection));
            using var http = host.CreateClient();
            (await http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
            foreach (var path in new[]
            {
                "/sandbox/debtor/101/claims", "/sandbox/debtor/faults", "/sandbox/health",
                "/sandbox/fbs/rest/external/DK-710100/patrons/1/v4", "/sandbox/fbs/external/710100/patrons/P900/v4",
                "/sandbox/mitid/.well-known/openid-configuration", "/sandbox/mitid/authorize", "/sandbox/staff/token",
            })
                (await http.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            foreach (var path in new[] { "/sandbox/debtor/101/payments", "/sandbox/debtor/clock", "/sandbox/fbs/710100/patrons/900/fees", "/sandbox/staff/token", "/sandbox/debtor/sf1590" })
                (await http.PostAsync(path, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);

            // No citizen log-in without a configured provider (no stand-in to fall back on).
            var start = await http.GetStringAsync("/borger");
            start.ShouldNotContain("/borger/log-ind\"");
            // The sandbox's well-known library key opens nothing.
            using var claims = new HttpRequestMessage(HttpMethod.Get, "/api/v1/agencies/710100/claims");
            claims.Headers.Authorization = new("Bearer", "sandbox-library-key");
            (await http.SendAsync(claims)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task TheSandboxHost_ServesTheStandIns()
    {
        await using var host = new Host<SandboxHostProgram>(Settings(null));
        using var http = host.CreateClient();
        (await http.GetAsync("/sandbox/mitid/.well-known/openid-configuration")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.GetAsync("/sandbox/debtor/101/claims")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void WhatAnOperatorDeploys_HoldsNoneOfTheStandIns()
    {
        // The server's own build output is what `dotnet publish src/FeeBridge.Server` ships: its dependency list
        // must not name the stand-ins' assembly, nor may the file lie beside it.
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        var output = Path.Combine(root, "src/FeeBridge.Server/bin/Release/net10.0");
        var deps = File.ReadAllText(Path.Combine(output, "FeeBridge.Server.deps.json"));
        using (var json = JsonDocument.Parse(deps))
        {
            var libraries = json.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToList();
            libraries.ShouldContain(l => l.StartsWith("FeeBridge.Persistence/", StringComparison.Ordinal)); // the list is real
            libraries.ShouldNotContain(l => l.StartsWith("FeeBridge.Sandbox", StringComparison.Ordinal));
        }
        File.Exists(Path.Combine(output, "FeeBridge.Sandbox.dll")).ShouldBeFalse();
        typeof(Program).Assembly.GetReferencedAssemblies().Select(a => a.Name).ShouldNotContain("FeeBridge.Sandbox");
    }

    private static string Flatten(Exception e)
    {
        var parts = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException) parts.Add(x.Message);
        if (e is AggregateException a) parts.AddRange(a.InnerExceptions.Select(i => i.Message));
        return string.Join(" | ", parts);
    }
}

using System.Net.Http.Headers;
using FeeBridge.Persistence;
using FeeBridge.SandboxHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>FeeBridge in-process (the sandbox host: FeeBridge and the stand-ins) on one of the two stores, in sandbox mode, with its own empty database.</summary>
public sealed class FeeBridgeHost : WebApplicationFactory<SandboxHostProgram>
{
    /// <param name="dataDirectory">and <paramref name="connectionString"/>: reuse another host's database (a restart).</param>
    /// <param name="settings">Extra configuration, e.g. a debtor-system endpoint.</param>
    public FeeBridgeHost(StoreKind kind, TimeProvider? clock = null, string? dataDirectory = null, string? connectionString = null,
        Dictionary<string, string>? settings = null)
    {
        _settings = settings ?? [];
        Kind = kind;
        Clock = clock;
        _ownsData = dataDirectory is null;
        DataDirectory = dataDirectory ?? TestStores.NewDataDirectory();
        ConnectionString = connectionString ?? (kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null);
    }

    private readonly bool _ownsData;
    private readonly Dictionary<string, string> _settings;

    public StoreKind Kind { get; }
    public TimeProvider? Clock { get; }
    public string DataDirectory { get; }
    public string? ConnectionString { get; }

    public FeeBridgeStore Store => Services.GetRequiredService<FeeBridgeStore>();

    /// <summary>Every line the host logged, at every level.</summary>
    public LogSink Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        builder.UseSetting("FeeBridge:DataDirectory", DataDirectory);
        builder.UseSetting("FeeBridge:Mode", "Sandbox");
        // TestServer reports the configured URL as its own address, which the in-process stand-ins would be reached at
        // over real HTTP: point it where nothing listens, so no test reaches whatever runs on the run command's 5080.
        builder.UseSetting("Urls", "http://127.0.0.1:1");
        if (ConnectionString is not null) builder.UseSetting("ConnectionStrings:FeeBridge", ConnectionString);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (Clock is not null) builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton(Clock)));
    }

    /// <summary>A client with the sandbox library system's key.</summary>
    public HttpClient Library(string key = "sandbox-library-key")
    {
        var c = CreateClient();
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return c;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_ownsData)
        {
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        }
    }
}

/// <summary>A clock that stands still until told to move.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}

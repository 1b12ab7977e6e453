using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Security;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout;

/// <summary>
/// FeeBridge as a real process in sandbox mode (the staff identity stand-in inside it, reached over HTTP, so bearer
/// tokens are checked against its published keys as a real provider's would be), shared by a test class. Tests work on
/// municipalities of their own, so they never see each other's changes.
/// </summary>
public abstract class RolloutSite : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("feebridge-rollout-").FullName;

    protected RolloutSite(StoreKind kind) : this(kind, new Dictionary<string, string>()) { }

    /// <param name="settings">More configuration for the process (e.g. municipalities and agencies of its own).</param>
    protected RolloutSite(StoreKind kind, IReadOnlyDictionary<string, string> settings)
    {
        ConnectionString = kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null;
        FeeBridge = new FeeBridgeProcess(_data, ConnectionString,
            new Dictionary<string, string>(settings) { ["Logging:LogLevel:Default"] = "Information" });
        Anonymous = new HttpClient { BaseAddress = FeeBridge.Address };
    }

    /// <summary>The process's PostgreSQL database, or null on SQLite (its file is in <see cref="DataDirectory"/>).</summary>
    public string? ConnectionString { get; }

    public string DataDirectory => _data;

    /// <summary>
    /// The site's store opened by the test beside the process, for what only FeeBridge's own workers write (the
    /// results of its checks). Not migrated again: the process did that.
    /// </summary>
    public FeeBridgeStore OpenStore() => FeeBridgeStore.Open(ConnectionString, _data, new CprProtector(new byte[32]));

    public FeeBridgeProcess FeeBridge { get; }
    public HttpClient Anonymous { get; }
    public Uri Address => FeeBridge.Address;

    /// <summary>A client with a bearer token the stand-in signed for <paramref name="user"/> (CONTRACTS.md §5).</summary>
    public async Task<HttpClient> StaffAsync(string user)
    {
        using var r = await Anonymous.PostAsJsonAsync("/sandbox/staff/token", new { user });
        r.EnsureSuccessStatusCode();
        var token = (string)(await r.Json())["accessToken"]!;
        var c = new HttpClient { BaseAddress = FeeBridge.Address };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return c;
    }

    public void Dispose()
    {
        Anonymous.Dispose();
        FeeBridge.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}

public sealed class SqliteRolloutSite() : RolloutSite(StoreKind.Sqlite);
public sealed class PostgresRolloutSite() : RolloutSite(StoreKind.Postgres);

public static class RolloutCalls
{
    public static async Task<JsonArray> Array(this HttpResponseMessage r) =>
        JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsArray();

    public static Task<HttpResponseMessage> Patch(this HttpClient c, string url, object body) =>
        c.PatchAsync(url, JsonContent.Create(body));
}

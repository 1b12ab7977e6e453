using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FeeBridge.Server.Tests.Infrastructure;
using FeeBridge.Server.Tests.Rollout;

namespace FeeBridge.Server.Tests.WorkingGroups;

/// <summary>
/// FeeBridge as a real process in sandbox mode, like <see cref="RolloutSite"/>, with the test SMTP server (receipts)
/// and the seeded FBS 2.0 group's deadline moved to <see cref="SeedDeadline"/>, shortly after start: its sign-up is
/// open while the tests apply and closed when they select. The real clock is the clock; each test picks deadlines.
/// </summary>
public abstract class WorkingGroupSite : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("feebridge-groups-").FullName;

    protected WorkingGroupSite(StoreKind kind)
    {
        SeedDeadline = DateTimeOffset.UtcNow.AddSeconds(60);
        var settings = ReminderMailServer.Settings(ReminderMailServer.Port);
        settings["FeeBridge:Mail:Reminders:Enabled"] = "false";
        settings["FeeBridge:Sandbox:WorkingGroupDeadline"] = Deadline(SeedDeadline);
        FeeBridge = new FeeBridgeProcess(_data, kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null, settings);
        Anonymous = new HttpClient { BaseAddress = FeeBridge.Address };
    }

    public DateTimeOffset SeedDeadline { get; }
    public FeeBridgeProcess FeeBridge { get; }
    public HttpClient Anonymous { get; }

    /// <summary>A deadline as the API takes it: seconds, with offset.</summary>
    public static string Deadline(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public async Task<HttpClient> StaffAsync(string user)
    {
        using var r = await Anonymous.PostAsJsonAsync("/sandbox/staff/token", new { user });
        r.EnsureSuccessStatusCode();
        var token = (string)(await r.Json())["accessToken"]!;
        var c = new HttpClient { BaseAddress = FeeBridge.Address, Timeout = TimeSpan.FromMinutes(3) };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return c;
    }

    /// <summary>Waits (real time) until <paramref name="deadline"/> has passed.</summary>
    public static async Task PassAsync(DateTimeOffset deadline)
    {
        var left = deadline - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300);
        if (left > TimeSpan.Zero) await Task.Delay(left);
    }

    public void Dispose()
    {
        Anonymous.Dispose();
        FeeBridge.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}

public sealed class SqliteWorkingGroupSite() : WorkingGroupSite(StoreKind.Sqlite);
public sealed class PostgresWorkingGroupSite() : WorkingGroupSite(StoreKind.Postgres);

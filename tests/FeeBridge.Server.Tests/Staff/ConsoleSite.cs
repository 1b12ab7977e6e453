using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Staff;

/// <summary>
/// FeeBridge as a real process in sandbox mode for the staff console: the staff identity stand-in (bearer tokens
/// checked against its published keys), FBS and the debtor system inside it, reached over HTTP. Shared by a test
/// class; each test makes up its own patrons and CPR numbers, so tests never see each other's claims.
/// </summary>
public abstract class ConsoleSite : IDisposable
{
    public const string Agency = "710100";
    public const string PaymentUrl = "https://betaling.kk.example/biblioteket";
    private static int _people = Random.Shared.Next(0, 5000);
    private readonly string _data = Directory.CreateTempSubdirectory("feebridge-console-").FullName;

    protected ConsoleSite(StoreKind kind)
    {
        FeeBridge = new FeeBridgeProcess(_data, kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null, new Dictionary<string, string>
        {
            ["FeeBridge:Balance:CacheSeconds"] = "0",
            ["FeeBridge:Citizen:Municipalities:101:PaymentUrl"] = PaymentUrl,
            ["Logging:LogLevel:Default"] = "Information",
        });
        Anonymous = new HttpClient { BaseAddress = FeeBridge.Address };
    }

    public FeeBridgeProcess FeeBridge { get; }
    public HttpClient Anonymous { get; }
    public HttpClient Library => FeeBridge.Library;
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

    /// <summary>A CPR number no other test uses (a valid date; invented). <paramref name="unknown"/>: one the debtor sandbox's CPR register lacks.</summary>
    public static string NewCpr(bool unknown = false)
    {
        var n = Interlocked.Increment(ref _people);
        return $"1{1 + n / 10000 % 9}0{1 + n / 90000 % 9}7{n / 810000 % 10}{(unknown ? 0 : n % 9000 + 1000):0000}";
    }

    /// <summary>Hands a claim over through the Claims API, as a library system does.</summary>
    public async Task PutAsync(string claimId, string patron, string cpr, string amount, string name = "Jens Hansen", string createdAt = "2026-11-20T10:15:00+01:00")
    {
        var body = ClaimBodies.Fee(patron, amount, createdAt, cpr);
        body["debtorName"] = name;
        using var r = await Library.PutClaim(Agency, claimId, body);
        r.EnsureSuccessStatusCode();
    }

    public Task<JsonObject> Claim(string claimId) => Library.GetClaim(Agency, claimId);

    public Task<JsonObject> WaitForStatus(string claimId, string status) =>
        Eventually.Until(() => Claim(claimId), c => (string)c["status"]! == status);

    /// <summary>A fee made in FBS and handed to FeeBridge, as FBS does; returns the claim id.</summary>
    public async Task<string> FbsFeeAsync(long patron, string cpr, string amount)
    {
        using var r = await Anonymous.PostAsJsonAsync($"/sandbox/fbs/{Agency}/patrons/{patron}/fees",
            new { cpr, name = "Karen Fbs", type = "fee", amount, reasonMessage = "Gebyr (for sent)" });
        r.EnsureSuccessStatusCode();
        return (string)(await r.Json())["claimId"]!;
    }

    /// <summary>The citizen pays in the debtor system.</summary>
    public async Task PayAsync(string claimId, string amount)
    {
        using var r = await Anonymous.PostAsJsonAsync("/sandbox/debtor/101/payments", new { fagsystemFordringId = $"{Agency}-{claimId}", amount, method = "Betalingskort" });
        r.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        Anonymous.Dispose();
        FeeBridge.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}

public sealed class SqliteConsoleSite() : ConsoleSite(StoreKind.Sqlite);
public sealed class PostgresConsoleSite() : ConsoleSite(StoreKind.Postgres);

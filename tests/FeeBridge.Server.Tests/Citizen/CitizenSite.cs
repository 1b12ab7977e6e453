using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Citizen;

/// <summary>
/// FeeBridge as a real process in sandbox mode (FBS, the debtor system and the MitID stand-in inside it, reached over
/// HTTP), shared by a test class. Each test makes up its own people, so tests never see each other's claims.
/// </summary>
public abstract class CitizenSite : IDisposable
{
    private static int _people = Random.Shared.Next(0, 5000);
    private readonly string _data = Directory.CreateTempSubdirectory("feebridge-citizen-").FullName;

    protected CitizenSite(StoreKind kind)
    {
        ConnectionString = kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null;
        FeeBridge = new FeeBridgeProcess(_data, ConnectionString, Settings);
        Http = new HttpClient { BaseAddress = FeeBridge.Address };
    }

    /// <summary>The site's database (null: SQLite in <see cref="DataDirectory"/>), for a second process on it.</summary>
    public string? ConnectionString { get; }
    public string DataDirectory => _data;

    public static Dictionary<string, string> Settings => new()
        {
            ["FeeBridge:Balance:CacheSeconds"] = "0",
            ["FeeBridge:Citizen:SpeedCacheSeconds"] = "0",
            ["FeeBridge:Citizen:Municipalities:101:PaymentUrl"] = "https://betaling.kk.example/biblioteket",
            ["FeeBridge:Citizen:Agencies:710100:Instructions"] = "Betal i Bibliotekernes app eller på bibliotek.kk.dk under Mine gebyrer.",
            ["Logging:LogLevel:Default"] = "Information",
        };

    public FeeBridgeProcess FeeBridge { get; }
    public HttpClient Http { get; }
    public Uri Address => FeeBridge.Address;

    /// <summary>A CPR number no other test uses (a valid date; the numbers are invented).</summary>
    public static string NewCpr()
    {
        var n = Interlocked.Increment(ref _people);
        return $"0{1 + n / 10000 % 9}0{1 + n / 90000 % 9}8{n / 810000 % 10}{n % 10000:0000}";
    }

    /// <summary>A fee made in FBS and handed to FeeBridge, as FBS does; returns the claim id.</summary>
    public async Task<string> FeeAsync(string patron, string cpr, string name, string amount, string reason, DateTimeOffset? createdAt = null,
        string? guardianCpr = null, string? materialItemNumber = null)
    {
        using var r = await Http.PostAsJsonAsync($"/sandbox/fbs/710100/patrons/{patron}/fees", new
        {
            cpr, name, type = "fee", amount, reasonMessage = reason, createdAt, guardianCpr, materialItemNumber,
        });
        r.EnsureSuccessStatusCode();
        return (string)(await r.Json())["claimId"]!;
    }

    public Task<JsonObject> Claim(string claimId) => FeeBridge.Library.GetClaim("710100", claimId);

    public Task WaitForStatus(string claimId, string status) =>
        Eventually.Until(() => Claim(claimId), c => (string)c["status"]! == status);

    /// <summary>The citizen pays in the debtor system (a card payment on the municipality's site).</summary>
    public async Task PayAsync(string claimId, string amount)
    {
        using var r = await Http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { fagsystemFordringId = $"710100-{claimId}", amount, method = "Betalingskort" });
        r.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        Http.Dispose();
        FeeBridge.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}

public sealed class SqliteCitizenSite() : CitizenSite(StoreKind.Sqlite);

public sealed class PostgresCitizenSite() : CitizenSite(StoreKind.Postgres);

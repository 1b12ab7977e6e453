using System.Security.Cryptography;
using System.Text;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Access;

/// <summary>A library system's API key as stored: only its hash, its name and the agencies it may act for.</summary>
public sealed record ApiKeyRecord(string Name, IReadOnlySet<string> Agencies);

/// <summary>
/// API keys, stored as SHA-256 hashes. Keys are long random secrets, so a fast unsalted hash is enough; the plain key
/// exists only at the library system.
/// </summary>
public sealed class ApiKeyStore(StoreDialect dialect)
{
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public async Task<ApiKeyRecord?> FindAsync(string key, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name, agencies FROM api_keys WHERE key_hash = @h";
        cmd.With("@h", Hash(key));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new ApiKeyRecord(r.GetString(0), r.GetString(1).Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet());
    }

    /// <summary>Stores a key (or re-binds an existing one to these agencies).</summary>
    public Task SaveAsync(string key, string name, IEnumerable<string> agencies, DateTimeOffset now, CancellationToken ct) =>
        SaveHashAsync(Hash(key), name, agencies, now, ct);

    /// <summary>Stores a key known only by its SHA-256, as configuration gives it.</summary>
    public async Task SaveHashAsync(byte[] keyHash, string name, IEnumerable<string> agencies, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO api_keys (key_hash, name, agencies, created_at) VALUES (@h, @n, @a, @t)
            ON CONFLICT (key_hash) DO UPDATE SET name = excluded.name, agencies = excluded.agencies
            """;
        cmd.With("@h", keyHash).With("@n", name).With("@a", string.Join(',', agencies)).With("@t", now.ToUnixTimeSeconds());
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

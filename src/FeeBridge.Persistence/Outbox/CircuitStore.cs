using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Outbox;

/// <summary>
/// Where a debtor system's circuit is open, shared by every process on the store: the dispatcher that opened it writes
/// it (a few times an hour at most, only when it opens or closes), the finance queue of any process reads it. An entry
/// of a process that died reads as closed once its rest is over.
/// </summary>
public sealed class CircuitStore(StoreDialect dialect)
{
    public async Task OpenedAsync(string municipality, DateTimeOffset at, DateTimeOffset until, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO debtor_circuits (municipality, open_until, opened_at) VALUES (@m, @u, @a)
            ON CONFLICT (municipality) DO UPDATE SET open_until = excluded.open_until
            """;
        await cmd.With("@m", municipality).With("@u", ClaimCodec.ToMicros(until)).With("@a", ClaimCodec.ToMicros(at)).ExecuteNonQueryAsync(ct);
    }

    public async Task ClosedAsync(string municipality, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "DELETE FROM debtor_circuits WHERE municipality = @m";
        await cmd.With("@m", municipality).ExecuteNonQueryAsync(ct);
    }

    /// <summary>Whether the municipality's circuit is open at <paramref name="now"/>, in whichever process opened it.</summary>
    public async Task<bool> IsOpenAsync(string municipality, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM debtor_circuits WHERE municipality = @m AND open_until > @now";
        return Convert.ToInt64(await cmd.With("@m", municipality).With("@now", ClaimCodec.ToMicros(now)).ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}

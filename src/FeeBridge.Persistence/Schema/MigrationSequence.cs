using System.Data.Common;

namespace FeeBridge.Persistence.Schema;

/// <summary>
/// One bounded context's schema steps, each applied once, in order, in one transaction under the store's migration
/// lock, and recorded in the context's own version table — so the ledger and the rollout grow their schemas
/// independently in one database. A step may name the store it is for (<c>sqlite</c>, <c>postgresql</c>); on the
/// other it is recorded as applied all the same, so versions stay one sequence.
/// </summary>
public sealed class MigrationSequence(string context, string versionTable, IReadOnlyList<(int Version, string Sql, string? OnlyOn)> steps)
{
    public int Latest => steps[^1].Version;

    public Task ApplyAsync(StoreDialect dialect, CancellationToken ct) => ApplyAsync(dialect, Latest, ct);

    public async Task ApplyAsync(StoreDialect dialect, int upTo, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await dialect.LockForMigrationAsync(c, tx, ct);
        await Exec(c, tx, $"CREATE TABLE IF NOT EXISTS {versionTable} (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)", ct);

        await using var read = c.CreateCommand();
        read.Transaction = tx;
        read.CommandText = $"SELECT COALESCE(MAX(version), 0) FROM {versionTable}";
        var current = Convert.ToInt32(await read.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Latest)
            throw new InvalidOperationException($"The database has {context} schema version {current}; this FeeBridge knows only up to {Latest}. Run the newer FeeBridge.");

        foreach (var (version, sql, onlyOn) in steps.Where(s => s.Version > current && s.Version <= upTo))
        {
            if (onlyOn is null || onlyOn == dialect.Name) await Exec(c, tx, dialect.Ddl(sql), ct);
            await using var mark = c.CreateCommand();
            mark.Transaction = tx;
            mark.CommandText = $"INSERT INTO {versionTable} (version, applied_at) VALUES (@v, @t)";
            mark.With("@v", version).With("@t", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            await mark.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task Exec(DbConnection c, DbTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

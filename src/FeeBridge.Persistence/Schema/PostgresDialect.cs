using System.Data.Common;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace FeeBridge.Persistence.Schema;

/// <summary>
/// PostgreSQL: several FeeBridge processes may share one database. Writers of the same patron serialize on a
/// transaction-scoped advisory lock, so the minimum rule and idempotency hold across processes.
/// </summary>
public sealed class PostgresDialect(string connectionString) : StoreDialect
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Name => "postgresql";
    public override string Blob => "BYTEA";

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await _dataSource.OpenConnectionAsync(ct);

    public override async Task<WriteScope> BeginWriteAsync(string lockKey, CancellationToken ct)
    {
        var c = await _dataSource.OpenConnectionAsync(ct);
        try
        {
            var tx = await c.BeginTransactionAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", c, tx);
            cmd.Parameters.AddWithValue("k", LockId(lockKey));
            await cmd.ExecuteNonQueryAsync(ct);
            return new WriteScope(c, tx, null);
        }
        catch
        {
            await c.DisposeAsync();
            throw;
        }
    }

    public override async Task LockForMigrationAsync(DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", (NpgsqlConnection)connection, (NpgsqlTransaction)tx);
        cmd.Parameters.AddWithValue("k", LockId("feebridge:migrations"));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // A stable 64-bit id for the key; a collision only makes two patrons take turns.
    private static long LockId(string key) => BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}

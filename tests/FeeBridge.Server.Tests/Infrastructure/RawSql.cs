using FeeBridge.Persistence.Schema;

namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>Plain SQL on a store's own connection, for tests that look under the store's faces (versions, triggers).</summary>
public static class RawSql
{
    public static async Task<long> ScalarAsync(this StoreDialect dialect, string sql)
    {
        await using var c = await dialect.OpenAsync(CancellationToken.None);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    public static async Task ExecAsync(this StoreDialect dialect, string sql)
    {
        await using var c = await dialect.OpenAsync(CancellationToken.None);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}

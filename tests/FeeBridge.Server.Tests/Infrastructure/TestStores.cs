using Npgsql;

namespace FeeBridge.Server.Tests.Infrastructure;

public enum StoreKind { Sqlite, Postgres }

/// <summary>
/// A fresh, empty database per test host: a temporary data directory for SQLite, a new database on the throwaway
/// cluster that ./test.sh starts for PostgreSQL (FEEBRIDGE_TEST_POSTGRES).
/// </summary>
public static class TestStores
{
    public const string PostgresVariable = "FEEBRIDGE_TEST_POSTGRES";

    public static string NewDataDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "feebridge-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static string NewPostgresDatabase()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(admin))
            throw new InvalidOperationException($"{PostgresVariable} is not set. Run the tests with ./test.sh, which starts a PostgreSQL cluster for them.");
        var name = "fb_" + Guid.NewGuid().ToString("N");
        using (var c = new NpgsqlConnection(admin))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }
}

using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace FeeBridge.Persistence.Schema;

/// <summary>
/// SQLite, the embedded default: one file in the data directory. One writer at a time (a gate in this process,
/// <c>BEGIN IMMEDIATE</c> with a busy timeout across processes); WAL so readers never wait for it.
/// </summary>
public sealed class SqliteDialect : StoreDialect
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteDialect(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        OwnerOnly(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    private const UnixFileMode ReadWriteByOwner = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// The database holds encrypted CPR numbers, names and every payment: readable by FeeBridge's user only (0600, like
    /// the key file). A new file is made 0600 before SQLite opens it, and SQLite gives its -wal, -shm and -journal
    /// files the database file's mode; files an earlier FeeBridge left world-readable are narrowed.
    /// </summary>
    private static void OwnerOnly(string databasePath)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            using (new FileStream(databasePath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = ReadWriteByOwner })) { }
        }
        catch (IOException) when (File.Exists(databasePath))
        {
            // There already; its mode is put right below.
        }
        foreach (var path in new[] { databasePath, databasePath + "-wal", databasePath + "-shm", databasePath + "-journal" })
        {
            if (File.Exists(path) && File.GetUnixFileMode(path) != ReadWriteByOwner) File.SetUnixFileMode(path, ReadWriteByOwner);
        }
    }

    public override string Name => "sqlite";
    public override string Blob => "BLOB";
    public override string Identity => "INTEGER PRIMARY KEY";

    // One writer at a time already: nothing to skip.
    public override string SkipLocked => "";

    // SQLite has one writer; a second batch writer would only wait for the gate.
    public override int IntakeWriters => 1;

    // The write gate and BEGIN IMMEDIATE already exclude every other writer.
    public override string LockSql(DbCommand cmd, IReadOnlyCollection<string> lockKeys) => "";

    // SQLite takes at most 32,766 parameters in one statement (SQLITE_MAX_VARIABLE_NUMBER); keep well below it,
    // leaving room for a statement's own few.
    private const int MaxParameters = 30_000;

    // Up to this many values a list of parameters; beyond it one JSON array parameter, which any number fits.
    private const int MaxListedValues = 500;

    public override int MaxRowsPerStatement(int columns) => Math.Max(1, MaxParameters / Math.Max(1, columns));

    public override string AnyOf(DbCommand cmd, IEnumerable<(string AgencyId, string Other)> pairs, string otherColumn)
    {
        var list = pairs as IReadOnlyCollection<(string AgencyId, string Other)> ?? pairs.ToList();
        if (list.Count <= MaxListedValues) return base.AnyOf(cmd, list, otherColumn);
        var name = "@any_json" + cmd.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        cmd.With(name, System.Text.Json.JsonSerializer.Serialize(list.Select(p => new[] { p.AgencyId, p.Other })));
        return $"(agency_id, {otherColumn}) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each({name}))";
    }

    // Binding is quadratic in a statement's parameters (each is looked up by name among all of them): 30,000 took
    // 27 s. Beyond this many values the rows travel as one JSON parameter instead.
    private const int MaxBoundValues = 2_000;

    public override string RowSource(DbCommand cmd, string name, RowSet rows)
    {
        // Blobs do not travel in JSON; their row sets are chunked instead (MaxRowsPerStatement).
        if (rows.Count * rows.Columns.Count > MaxBoundValues && rows.Columns.All(c => c.Type != ColumnType.Blob))
        {
            cmd.With($"@{name}_json", System.Text.Json.JsonSerializer.Serialize(rows.Rows));
            var columns = string.Join(", ", Enumerable.Range(0, rows.Columns.Count).Select(c => $"json_extract(value, '$[{c}]')"));
            // In the array's order, so rows keep the order they were given in (an identity column numbers them so).
            return $"SELECT {columns} FROM json_each(@{name}_json) ORDER BY key";
        }
        var sql = new System.Text.StringBuilder("VALUES ");
        for (var r = 0; r < rows.Count; r++)
        {
            if (r > 0) sql.Append(", ");
            sql.Append('(');
            for (var c = 0; c < rows.Columns.Count; c++)
            {
                var parameter = $"@{name}_{r}_{c}";
                sql.Append(c > 0 ? ", " : "").Append(parameter);
                cmd.With(parameter, rows.Rows[r][c]);
            }
            sql.Append(')');
        }
        return sql.ToString();
    }

    public override string OneOf<T>(DbCommand cmd, string column, string name, IReadOnlyCollection<T> values)
    {
        if (values.Count == 0) return "1 = 0";
        if (values.Count > MaxListedValues)
        {
            cmd.With("@" + name, System.Text.Json.JsonSerializer.Serialize(values));
            return $"{column} IN (SELECT value FROM json_each(@{name}))";
        }
        var i = 0;
        foreach (var v in values) cmd.With($"@{name}{i++}", v);
        return $"{column} IN ({string.Join(", ", Enumerable.Range(0, values.Count).Select(k => $"@{name}{k}"))})";
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct);
        using var pragma = c.CreateCommand();
        // FULL: a commit that answered 201 survives a power cut, not only a process crash.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; " +
            // Reads through a memory map share the OS page cache between pooled connections; the default 2 MB page
            // cache per connection made intake slow down as the indexes outgrew it.
            "PRAGMA mmap_size=268435456; PRAGMA cache_size=-16384;";
        await pragma.ExecuteNonQueryAsync(ct);
        return c;
    }

    public override async Task<WriteScope> BeginWriteAsync(IReadOnlyCollection<string> lockKeys, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            var c = (SqliteConnection)await OpenAsync(ct);
            var tx = c.BeginTransaction(deferred: false);
            return new WriteScope(c, tx, new Release(_writeGate));
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction tx, CancellationToken ct) => Task.CompletedTask;

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) gate.Release();
        }
    }
}

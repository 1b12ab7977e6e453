using System.Data.Common;

namespace FeeBridge.Persistence.Schema;

/// <summary>What differs between the two stores. Everything else is shared SQL.</summary>
public abstract class StoreDialect : IAsyncDisposable
{
    public abstract string Name { get; }

    /// <summary>Column type names for the schema: <c>{blob}</c>, <c>{int64}</c> and <c>{identity}</c> in migration SQL.</summary>
    public abstract string Blob { get; }

    /// <summary>An auto-numbered 64-bit primary key column.</summary>
    public abstract string Identity { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>
    /// Opens a connection and a write transaction holding the locks for <paramref name="lockKeys"/>, so all writers of
    /// the same key (a patron) take turns, in this process and across processes. Locks are taken in one fixed order,
    /// so two writers never wait for each other in a circle.
    /// </summary>
    public abstract Task<WriteScope> BeginWriteAsync(IReadOnlyCollection<string> lockKeys, CancellationToken ct);

    public Task<WriteScope> BeginWriteAsync(string lockKey, CancellationToken ct) => BeginWriteAsync([lockKey], ct);

    /// <summary>
    /// A statement taking the locks of <see cref="BeginWriteAsync(IReadOnlyCollection{string}, CancellationToken)"/>
    /// inside a write transaction begun without them, so it can travel with the transaction's first statements; empty
    /// where the write transaction itself excludes every other writer (SQLite).
    /// </summary>
    public abstract string LockSql(DbCommand cmd, IReadOnlyCollection<string> lockKeys);

    /// <summary>Appended to a row-selecting subquery so concurrent processes skip rows another one is taking.</summary>
    public abstract string SkipLocked { get; }

    /// <summary>How many intake batches may be written at the same time.</summary>
    public abstract int IntakeWriters { get; }

    /// <summary>Makes sure only one process migrates at a time.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction tx, CancellationToken ct);

    /// <summary>
    /// A WHERE condition matching any of the (agency_id, <paramref name="otherColumn"/>) pairs, its parameters added to
    /// the command (named <c>@any_…</c>, so a command may use the condition twice).
    /// </summary>
    public virtual string AnyOf(DbCommand cmd, IEnumerable<(string AgencyId, string Other)> pairs, string otherColumn)
    {
        var sql = new System.Text.StringBuilder();
        var i = 0;
        foreach (var (agency, other) in pairs)
        {
            if (i > 0) sql.Append(" OR ");
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"(agency_id = @any_a{i} AND {otherColumn} = @any_b{i})");
            cmd.With($"@any_a{i}", agency).With($"@any_b{i}", other);
            i++;
        }
        return i == 0 ? "1 = 0" : sql.ToString();
    }

    /// <summary>
    /// The rows as the body of <c>WITH name (columns) AS (…)</c>, their values added to the command as parameters whose
    /// names start with <paramref name="name"/>.
    /// </summary>
    public abstract string RowSource(DbCommand cmd, string name, RowSet rows);

    /// <summary>
    /// <c>INSERT INTO table</c> of the rows, through <c>WITH name</c>: <paramref name="where"/> may refer to
    /// <c>name.column</c>; <paramref name="tail"/> adds <c>ON CONFLICT …</c> or <c>RETURNING …</c>.
    /// </summary>
    /// <remarks>
    /// Where one statement cannot take that many parameters (SQLite: <see cref="MaxRowsPerStatement"/>), this is
    /// several statements, one per chunk of rows, separated by <c>;</c>: a reader of <c>RETURNING</c> reads every
    /// result (issue 14: a delivery of 2,185 reports was 500 "too many SQL variables" on SQLite).
    /// </remarks>
    public string InsertSql(DbCommand cmd, string table, RowSet rows, string name, string where = "true", string tail = "")
    {
        var columns = rows.ColumnList;
        var chunk = MaxRowsPerStatement(rows.Columns.Count);
        var statements = new List<string>();
        var part = 0;
        foreach (var piece in rows.Chunk(chunk))
        {
            var alias = part == 0 ? name : $"{name}{part}";
            // SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT, even a trivial one.
            statements.Add($"WITH {alias} ({columns}) AS ({RowSource(cmd, alias, piece)})\n" +
                $"INSERT INTO {table} ({columns}) SELECT {columns} FROM {alias} WHERE {where.Replace(name + ".", alias + ".")} {tail}");
            part++;
        }
        return string.Join(";\n", statements);
    }

    /// <summary>How many rows of <paramref name="columns"/> values one statement may carry; unlimited by default.</summary>
    public virtual int MaxRowsPerStatement(int columns) => int.MaxValue;

    /// <summary>A condition that <paramref name="column"/> is one of the values, passed as parameters named <paramref name="name"/>….</summary>
    public abstract string OneOf<T>(DbCommand cmd, string column, string name, IReadOnlyCollection<T> values) where T : notnull;

    public string Ddl(string sql) => sql.Replace("{blob}", Blob).Replace("{int64}", "BIGINT").Replace("{identity}", Identity);

    public abstract ValueTask DisposeAsync();
}

/// <summary>An open connection with a write transaction; rolled back unless committed.</summary>
public sealed class WriteScope(DbConnection connection, DbTransaction transaction, IDisposable? release) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;
    public DbTransaction Transaction { get; } = transaction;

    public DbCommand Command(string sql)
    {
        var cmd = Connection.CreateCommand();
        cmd.Transaction = Transaction;
        cmd.CommandText = sql;
        return cmd;
    }

    public Task CommitAsync(CancellationToken ct) => Transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
        release?.Dispose();
    }
}

public static class DbCommandExtensions
{
    public static DbCommand With(this DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return cmd;
    }
}

namespace FeeBridge.Persistence.Schema;

/// <summary>The type of a column's values, for the arrays PostgreSQL receives them in.</summary>
public enum ColumnType { Text, Int32, Int64, Blob }

/// <summary>One column of a <see cref="RowSet"/>.</summary>
public readonly record struct Column(string Name, ColumnType Type);

/// <summary>
/// Rows for one multi-row statement, collected before the SQL is made, so each store can pass them its own way
/// (<see cref="StoreDialect.RowSource"/>): PostgreSQL as one array per column, SQLite as a list of values.
/// </summary>
public sealed class RowSet(IReadOnlyList<Column> columns)
{
    private readonly List<object?[]> _rows = [];

    public IReadOnlyList<Column> Columns => columns;
    public IReadOnlyList<object?[]> Rows => _rows;
    public int Count => _rows.Count;
    public string ColumnList => string.Join(", ", columns.Select(c => c.Name));

    public void Add(params object?[] values)
    {
        if (values.Length != columns.Count) throw new ArgumentException($"A row needs {columns.Count} values, not {values.Length}.", nameof(values));
        _rows.Add(values);
    }
}

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

    /// <summary>The rows in sets of at most <paramref name="size"/> (all in one when they fit); an empty set stays one empty set.</summary>
    public IEnumerable<RowSet> Chunk(int size)
    {
        if (_rows.Count <= size)
        {
            yield return this;
            yield break;
        }
        for (var start = 0; start < _rows.Count; start += size)
        {
            var part = new RowSet(columns);
            part._rows.AddRange(_rows.Skip(start).Take(size));
            yield return part;
        }
    }

    public void Add(params object?[] values)
    {
        if (values.Length != columns.Count) throw new ArgumentException($"A row needs {columns.Count} values, not {values.Length}.", nameof(values));
        _rows.Add(values);
    }
}

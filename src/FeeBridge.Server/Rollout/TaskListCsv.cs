using CsvHelper;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// The task list as CSV the way Danish Excel opens it by double-click: UTF-8 with a byte order mark (else æøå come
/// out garbled), ';' between fields (',' is the decimal separator there), CRLF. A text cell that starts with
/// = + - @, tab or CR gets a leading ' (CsvHelper's injection escape), so a title such as "=HYPERLINK(…)" is shown,
/// never run as a formula.
/// </summary>
public static class TaskListCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static CsvWriterOptions Options { get; } = new()
    {
        Separator = ';',
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    public static byte[] Write(IEnumerable<TaskListRow> rows) => Write(TaskListRows.Headers, rows.Select(TaskListRows.Cells));

    /// <summary>Any table in the same dialect, with the same guard (KOMBIT's progress export writes through this too).</summary>
    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<string?[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, Options, leaveOpen: true))
        {
            csv.WriteHeader([.. headers]);
            foreach (var row in rows) csv.WriteRecord(row);
            csv.Flush();
        }
        return buffer.ToArray();
    }
}

using ClosedXML.Excel;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// The task list as an Excel workbook (one sheet "Opgaver", a header row, one row per task): text cells typed as
/// text, the deadline a real date, the header frozen and filterable. The same guard as the CSV: a text that starts
/// with = + - @, tab or CR gets a leading ', so a copy of the sheet saved as CSV cannot carry a formula either.
/// </summary>
public static class TaskListXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>What a spreadsheet may take for the start of a formula (OWASP's list, as CsvHelper uses it).</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static byte[] Write(IEnumerable<TaskListRow> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Opgaver");
        for (var c = 0; c < TaskListRows.Headers.Count; c++) Text(sheet.Cell(1, c + 1), TaskListRows.Headers[c]);
        sheet.Row(1).Style.Font.Bold = true;
        var r = 1;
        foreach (var row in rows)
        {
            r++;
            var cells = TaskListRows.Cells(row);
            for (var c = 0; c < cells.Length; c++)
            {
                var cell = sheet.Cell(r, c + 1);
                if (c == 8 && row.Deadline is { } deadline)
                {
                    cell.SetValue(deadline.ToDateTime(TimeOnly.MinValue));
                    cell.Style.DateFormat.Format = "yyyy-mm-dd";
                }
                else Text(cell, cells[c]);
            }
        }
        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, r, TaskListRows.Headers.Count).SetAutoFilter();
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }

    /// <summary>The text with a leading ' when it could be read as a formula.</summary>
    public static string Guard(string text) => text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : text;

    /// <summary>Writes <paramref name="text"/> as a text cell, guarded (<see cref="Guard"/>).</summary>
    public static void Text(IXLCell cell, string? text)
    {
        cell.DataType = XLDataType.Text;
        cell.SetValue(Guard(text ?? ""));
    }
}

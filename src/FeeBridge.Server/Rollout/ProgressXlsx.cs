using ClosedXML.Excel;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// KOMBIT's progress as an Excel workbook: one sheet "Fremdrift" with <see cref="ProgressRows"/>' rows, the counts as
/// numbers (so they sort and sum as numbers), text guarded against formulas as in the task list's export
/// (<see cref="TaskListXlsx.Text"/>: a phase or theme comes from an imported document), the header frozen and filterable.
/// </summary>
public static class ProgressXlsx
{
    public static byte[] Write(IReadOnlyList<ProgressRow> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Fremdrift");
        for (var c = 0; c < ProgressRows.Headers.Count; c++) TaskListXlsx.Text(sheet.Cell(1, c + 1), ProgressRows.Headers[c]);
        sheet.Row(1).Style.Font.Bold = true;
        var r = 1;
        foreach (var row in rows)
        {
            r++;
            var texts = ProgressRows.Cells(row);
            for (var c = 0; c < ProgressRows.FirstNumber; c++) TaskListXlsx.Text(sheet.Cell(r, c + 1), texts[c]);
            var numbers = ProgressRows.Numbers(row);
            for (var i = 0; i < numbers.Length; i++)
                if (numbers[i] is { } n) sheet.Cell(r, ProgressRows.FirstNumber + i + 1).SetValue(n);
        }
        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, r, ProgressRows.Headers.Count).SetAutoFilter();
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }
}

using ClosedXML.Excel;
using FeeBridge.Rollout.Communication.Plan;

namespace FeeBridge.Server.Rollout.CommunicationPlan;

/// <summary>
/// The plan as an Excel workbook (one sheet "Kommunikationsplan", a header row, one row per plan row): text cells typed
/// as text and guarded as the task export guards them (<see cref="TaskListXlsx.Text"/>: a leading ' before = + - @,
/// tab or CR, so nothing a project leader typed becomes a formula), the date a real date, the header frozen and filterable.
/// </summary>
public static class CommunicationPlanXlsx
{
    public static readonly IReadOnlyList<string> Headers =
        ["Anledning", "Målgruppe", "Budskaber", "Formål", "Kanal", "Handlinger", "Ejer", "Dato", "Datoregel", "Status", "Overskredet", "Opgave"];

    private const int DateColumn = 8;

    public static byte[] Write(PlanView view)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Kommunikationsplan");
        for (var c = 0; c < Headers.Count; c++) TaskListXlsx.Text(sheet.Cell(1, c + 1), Headers[c]);
        sheet.Row(1).Style.Font.Bold = true;
        var r = 1;
        foreach (var stored in view.Rows)
        {
            r++;
            var row = stored.Row;
            string[] cells =
            [
                row.Occasion, Audiences(row), string.Join("\n", row.KeyMessages), row.Aim, PlanTerms.Of(PlanTerms.Channels, row.Channel).Title,
                string.Join("\n", row.Actions), view.OwnerName(row), "", row.Date.Rule(), PlanTerms.Of(PlanTerms.Statuses, row.Status).Title,
                view.IsOverdue(row) ? "Ja" : "Nej", row.Task == PlanTask.Internal ? "Intern kommunikation (opgave 26)" : "Ekstern kommunikation",
            ];
            for (var c = 0; c < cells.Length; c++)
            {
                var cell = sheet.Cell(r, c + 1);
                if (c + 1 == DateColumn)
                {
                    if (row.Date.Resolve(view.Facts) is { } day)
                    {
                        cell.SetValue(day.ToDateTime(TimeOnly.MinValue));
                        cell.Style.DateFormat.Format = "yyyy-mm-dd";
                    }
                }
                else TaskListXlsx.Text(cell, cells[c]);
            }
        }
        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, r, Headers.Count).SetAutoFilter();
        // Fixed widths: measuring the text (AdjustToContents) needs fonts a server may not have.
        for (var c = 1; c <= Headers.Count; c++) sheet.Column(c).Width = c is 3 or 6 ? 60 : 24;
        sheet.Range(2, 1, Math.Max(r, 2), Headers.Count).Style.Alignment.WrapText = true;
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }

    public static string Audiences(PlanRow row) => string.Join(", ", row.Audiences.Select(a => PlanTerms.Of(PlanTerms.Audiences, a).Title));
}

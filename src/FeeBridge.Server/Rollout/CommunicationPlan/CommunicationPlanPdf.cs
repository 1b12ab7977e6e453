using FeeBridge.Rollout.Communication.Plan;
using FeeBridge.Rollout.Pdf;
using PdfSharp.Pdf;

namespace FeeBridge.Server.Rollout.CommunicationPlan;

/// <summary>
/// The plan as PDF (PDFsharp 6.2.4, DejaVu Sans via <see cref="PdfFonts"/> through <see cref="PdfTextLayout"/>), in
/// Danish: one section per row under the plan's own column names, its date resolved from the configuration and
/// marked when overdue.
/// </summary>
public static class CommunicationPlanPdf
{
    public static byte[] Render(PlanView view, DateTimeOffset printedAt)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Kommunikationsplan, {view.Facts.Name}";
        document.Info.Creator = "FeeBridge";
        using (var page = new PdfTextLayout(document))
        {
            page.Title("Kommunikationsplan");
            var overdue = view.Rows.Count(r => view.IsOverdue(r.Row));
            page.Subtitle($"{view.Facts.Name} ({view.Facts.Code}) · {view.Rows.Count} rækker" + (overdue > 0 ? $" · {overdue} overskredet" : ""));
            if (view.Rows.Count == 0) page.Text("Planen har ingen rækker.");
            foreach (var stored in view.Rows)
            {
                var row = stored.Row;
                page.Heading(row.Occasion + (view.IsOverdue(row) ? " (overskredet)" : ""));
                page.Field("Målgruppe", CommunicationPlanXlsx.Audiences(row));
                page.Field("Kanal", PlanTerms.Of(PlanTerms.Channels, row.Channel).Title);
                page.Field("Dato", row.Date.Text(view.Facts));
                page.Field("Ejer", view.OwnerName(row) is { Length: > 0 } o ? o : null);
                page.Field("Status", PlanTerms.Of(PlanTerms.Statuses, row.Status).Title);
                page.Field("Formål", row.Aim);
                foreach (var m in row.KeyMessages) page.Item("•", m);
                for (var i = 0; i < row.Actions.Count; i++) page.Item($"{i + 1}.", row.Actions[i]);
            }
            page.Finish($"Udskrevet fra FeeBridge {Domain.Routing.PaymentDeadline.LocalTime(printedAt):dd-MM-yyyy HH:mm}");
        }
        using var buffer = new MemoryStream();
        document.Save(buffer, closeStream: false);
        return buffer.ToArray();
    }
}

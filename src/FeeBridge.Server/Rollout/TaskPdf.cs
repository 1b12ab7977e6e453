using System.Globalization;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Pdf;
using FeeBridge.Rollout.Workspace;
using PdfSharp.Pdf;

namespace FeeBridge.Server.Rollout;

/// <summary>What one task's PDF shows: the task, whose it is, the gallery (for people's names) and its history.</summary>
public sealed record TaskPdfContent(
    MunicipalTask Task, string MunicipalityName, MunicipalOrganisation Gallery, IReadOnlyList<TaskHistoryEntry> History,
    DateOnly Today, DateTimeOffset PrintedAt);

/// <summary>
/// One task saved as PDF (PDFsharp 6.2.4, DejaVu Sans via <see cref="PdfFonts"/>), in Danish under KLIK's own labels:
/// the title, the municipality's status, people and deadline, every master task field (the method's steps numbered),
/// the notes, the attached files by name and the full history, oldest first. Times are Copenhagen's.
/// </summary>
public static class TaskPdf
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static byte[] Render(TaskPdfContent content)
    {
        var task = content.Task;
        var f = task.Fields;
        using var document = new PdfDocument();
        document.Info.Title = f.Title;
        document.Info.Subject = $"{content.MunicipalityName}: opgave {task.TaskId}";
        document.Info.Creator = "FeeBridge";
        using (var page = new PdfTextLayout(document))
        {
            page.Title(f.Title);
            page.Subtitle(string.Join(" · ", new[]
            {
                $"{content.MunicipalityName} ({task.Municipality})",
                $"Opgave {task.TaskId}",
                task.Origin == TaskOrigin.Local ? "Lokal opgave" : $"Master-opgave ID {f.MasterTaskId ?? "–"}, version {f.Version}",
            }));

            page.Heading("Kommunens opgave");
            page.Field("Status", MunicipalTaskStatuses.Title(task.Status));
            if (task.NotRelevantReason is { } why) page.Field("Begrundelse", why);
            page.Field("Ansvarlig", Person(task.Accountable, content.Gallery));
            page.Field("Udfører", Person(task.Performer, content.Gallery));
            page.Field("Frist", task.Deadline is { } d ? Date(d) + (task.IsOverdue(content.Today) ? " (overskredet)" : "") : null);

            page.Heading("Master-opgaven");
            page.Field("Projekt", f.Project);
            page.Field("Fase", f.Phase);
            page.Field("Tema", f.Theme);
            page.Field("Prioritet", f.Priority.Level is { } level ? $"Prioritet {level} - {f.Priority.Label}" : f.Priority.Label);
            page.Field("Er det en STS/Infrastruktur opgave?", f.Infrastructure switch { true => "Ja", false => "Nej", null => null });
            page.Field("Bølger", string.Join(", ", f.Waves));
            Section(page, "Mål", f.Goal);
            Section(page, "Beskrivelse", f.Description);
            page.Heading("Metode og fremgangsmåde");
            if (f.Method.Count == 0) page.Text(null);
            for (var i = 0; i < f.Method.Count; i++) page.Item($"{i + 1}.", f.Method[i]);
            Section(page, "Resultat", f.Result);
            Section(page, "Anbefalet udfører", f.RecommendedPerformer);
            List(page, "Involverede parter", f.InvolvedParties);
            List(page, "Links", f.Links);

            page.Heading("Noter");
            if (task.Notes.Count == 0) page.Text("Ingen noter.");
            foreach (var note in task.Notes) page.Item("•", $"{Time(note.At)}, {note.Who}: {note.Text}");

            if (task.Attachments.Count > 0)
            {
                page.Heading("Vedhæftede filer");
                foreach (var a in task.Attachments) page.Item("•", $"{a.Name} ({Size(a.Size)})");
            }

            page.Heading("Historik");
            if (content.History.Count == 0) page.Text("Ingen ændringer endnu.");
            foreach (var h in content.History)
                page.Item("•", $"{Time(h.At)}, {h.Who}: {h.Field}: {Shown(h.Before)} → {Shown(h.After)}");

            page.Finish($"Udskrevet fra FeeBridge {Time(content.PrintedAt)}");
        }
        using var buffer = new MemoryStream();
        document.Save(buffer, closeStream: false);
        return buffer.ToArray();
    }

    private static void Section(PdfTextLayout page, string label, string text)
    {
        page.Heading(label);
        page.Text(text);
    }

    private static void List(PdfTextLayout page, string label, IReadOnlyList<string> items)
    {
        page.Heading(label);
        if (items.Count == 0) page.Text(null);
        foreach (var item in items) page.Item("•", item);
    }

    private static string? Person(EmailAddress? email, MunicipalOrganisation gallery) => email is not { } e ? null
        : gallery.Find(e) is { Name.Length: > 0 } p ? $"{p.Name} ({e.Value})" : e.Value;

    private static string Date(DateOnly d) => d.ToString("d. MMMM yyyy", Danish);

    private static string Time(DateTimeOffset at) => Domain.Routing.PaymentDeadline.LocalTime(at).ToString("dd-MM-yyyy HH:mm", Danish);

    private static string Shown(string? value) => string.IsNullOrEmpty(value) ? "–" : value.Replace('\n', ' ');

    private static string Size(long bytes) => bytes < 1024 * 1024
        ? $"{Math.Max(1, bytes / 1024).ToString(Danish)} kB"
        : $"{(bytes / (1024.0 * 1024.0)).ToString("0.#", Danish)} MB";
}

using System.Text;
using FeeBridge.Rollout.Projects;

namespace FeeBridge.Rollout.Klik;

/// <summary>
/// Reads one KLIK master task document (DOMAIN.md §8; CONTRACTS.md §6 import) in any of its renderings — PDF text,
/// the tab/HTML export, OCR text, an HTML page, a PDF file — into a <see cref="MasterTaskDraft"/>, or refuses it
/// saying why. A tokenizer per rendering finds the labelled fields; one <see cref="FieldAssembler"/> reads them.
/// Pure: no I/O, and no input makes it throw.
/// </summary>
public static class KlikImporter
{
    /// <summary>
    /// Reads <paramref name="document"/> as a master task of <paramref name="project"/>. <paramref name="earlierTasks"/>,
    /// the project's tasks already imported, lend their titles to OCR repair and their id to an OCR text that lost it.
    /// </summary>
    public static KlikImportResult Parse(KlikDocument document, RolloutProject project,
        IReadOnlyCollection<EarlierTask>? earlierTasks = null, ImportLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(project);
        limits ??= ImportLimits.Default;
        try
        {
            return Read(document, limits) switch
            {
                (RawTask raw, null) => FieldAssembler.Assemble(raw, project, earlierTasks ?? []),
                (_, { } refused) => refused,
                _ => Refuse(KlikRefusalReason.NotAKlikTask, "Dokumentet kunne ikke læses."),
            };
        }
#pragma warning disable CA1031 // the contract: no input makes Parse throw; a fault of the importer's own is a refusal too
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Refuse(KlikRefusalReason.NotAKlikTask, $"Dokumentet kunne ikke læses ({e.GetType().Name}).");
        }
    }

    private static KlikImportResult.Refused Refuse(KlikRefusalReason reason, string message) => new(reason, message);

    private static (RawTask?, KlikImportResult.Refused?) Read(KlikDocument document, ImportLimits limits)
    {
        var mediaType = document.MediaType.Split(';')[0].Trim().ToLowerInvariant();
        if (document.Content.Length == 0) return (null, Refuse(KlikRefusalReason.Empty, "Dokumentet er tomt."));
        switch (mediaType)
        {
            case KlikDocument.Pdf:
                if (document.Content.Length > limits.MaxPdfBytes)
                    return (null, Refuse(KlikRefusalReason.TooLarge, $"PDF-filen er større end {limits.MaxPdfBytes / (1024 * 1024)} MB."));
                var pdf = PdfText.Read(document.Content, limits);
                if (pdf.Lines is null) return (null, Refuse(pdf.Reason, pdf.Refusal!));
                if (pdf.Lines.Count > limits.MaxLines) return (null, TooManyLines(limits));
                return (LabelledLines.Tokenize([.. pdf.Lines.Select(l => l with { Text = CleanText.Of(l.Text) })]), null);
            case KlikDocument.PlainText or KlikDocument.Html:
                if (document.Content.Length > limits.MaxTextBytes)
                    return (null, Refuse(KlikRefusalReason.TooLarge, $"Dokumentet er større end {limits.MaxTextBytes / (1024 * 1024)} MB."));
                var text = CleanText.Of(Decode(document));
                if (string.IsNullOrWhiteSpace(text)) return (null, Refuse(KlikRefusalReason.Empty, "Dokumentet er tomt."));
                if (text.Length > limits.MaxTextCharacters)
                    return (null, Refuse(KlikRefusalReason.TooLarge, "Dokumentet er for langt til at være én KLIK-opgave."));
                var lines = text.Split('\n');
                if (lines.Length > limits.MaxLines) return (null, TooManyLines(limits));
                var tabExport = TabExport.Is(lines);
                if ((tabExport || mediaType == KlikDocument.Html) && HtmlDepth.TooDeep(text))
                    return (null, Refuse(KlikRefusalReason.TooLarge, $"HTML'en er indlejret over {HtmlDepth.Max} niveauer dybt; en KLIK-opgave er få niveauer."));
                if (tabExport) return (TabExport.Tokenize(lines), null);
                if (mediaType == KlikDocument.Html) return (HtmlText.Document(text), null);
                return (LabelledLines.Tokenize(TextLines.Of(text)), null);
            default:
                return (null, Refuse(KlikRefusalReason.UnsupportedMediaType,
                    $"Dokumenttypen «{mediaType}» kan ikke læses; send text/plain, text/html eller application/pdf."));
        }
    }

    private static KlikImportResult.Refused TooManyLines(ImportLimits limits) =>
        Refuse(KlikRefusalReason.TooLarge, $"Dokumentet har over {limits.MaxLines} linjer; en KLIK-opgave er en side eller to.");

    /// <summary>UTF-8 unless the media type says Latin-1/Windows-1252; bytes that are no text become U+FFFD, never an error.</summary>
    private static string Decode(KlikDocument document)
    {
        var charset = document.MediaType.Split(';').Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .Where(p => p[0].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim().Trim('"').ToLowerInvariant()).FirstOrDefault();
        var encoding = charset is "iso-8859-1" or "latin1" or "windows-1252" ? Encoding.Latin1 : new UTF8Encoding(false, false);
        return encoding.GetString(document.Content.Span);
    }
}

using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Unicode;

namespace FeeBridge.Rollout.Workspace;

/// <summary>
/// Decides whether a file may be attached to a task, from its bytes rather than its name or the browser's claim:
/// PDF (<c>%PDF-</c>), PNG (its 8-byte signature), JPEG (<c>FF D8 FF</c>), Word .docx and Excel .xlsx (a zip holding
/// <c>[Content_Types].xml</c> and <c>word/document.xml</c> or <c>xl/workbook.xml</c>, without macros) and plain
/// UTF-8 text. Anything else is refused with the reason, as is an empty or too large file, a name whose extension
/// does not match the content, and a declared content type that contradicts it.
/// </summary>
public static class AttachmentInspector
{
    private sealed record FileKind(string ContentType, string Title, string[] Extensions);

    private static readonly FileKind Pdf = new("application/pdf", "PDF", [".pdf"]);
    private static readonly FileKind Png = new("image/png", "PNG-billede", [".png"]);
    private static readonly FileKind Jpeg = new("image/jpeg", "JPEG-billede", [".jpg", ".jpeg"]);
    private static readonly FileKind Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word-dokument", [".docx"]);
    private static readonly FileKind Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel-regneark", [".xlsx"]);
    private static readonly FileKind Text = new("text/plain", "tekstfil", [".txt"]);

    private static readonly FileKind[] Kinds = [Pdf, Png, Jpeg, Docx, Xlsx, Text];

    /// <summary>The Danish name of a content type this inspector accepts ("PDF", "Word-dokument"), or the type itself.</summary>
    public static string TitleOf(string contentType) =>
        Kinds.FirstOrDefault(k => string.Equals(k.ContentType, contentType, StringComparison.OrdinalIgnoreCase))?.Title ?? contentType;

    private const string Accepted = "Vedhæft PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) eller tekst (.txt, UTF-8).";

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Inspects one file. <paramref name="declaredContentType"/> may be null, empty or
    /// <c>application/octet-stream</c> (browsers send that when unsure); any other value must agree with the content.
    /// </summary>
    public static Outcome<AttachmentMetadata> Inspect(string? fileName, string? declaredContentType, ReadOnlyMemory<byte> content, AttachmentPolicy policy)
    {
        var name = fileName?.Trim() ?? "";
        var nameProblem = NameProblem(name);
        if (nameProblem is not null) return Outcome<AttachmentMetadata>.Refuse("name", nameProblem);
        if (content.Length == 0) return Outcome<AttachmentMetadata>.Refuse("file", "Filen er tom.");
        if (content.Length > policy.MaxBytes)
            return Outcome<AttachmentMetadata>.Refuse("file", $"Filen fylder {Megabytes(content.Length)} MB; grænsen er {Megabytes(policy.MaxBytes)} MB.");

        var (kind, why) = Recognise(content);
        if (kind is null) return Outcome<AttachmentMetadata>.Refuse("file", $"{why} {Accepted}");

        var extension = Path.GetExtension(name);
        if (!kind.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
            return Outcome<AttachmentMetadata>.Refuse("name", $"Filen er en {kind.Title}, men navnet ender på '{extension}'; brug {string.Join(" eller ", kind.Extensions)}.");

        var declared = declaredContentType?.Split(';')[0].Trim() ?? "";
        if (declared.Length > 0 && !string.Equals(declared, "application/octet-stream", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(declared, kind.ContentType, StringComparison.OrdinalIgnoreCase)
            && !(kind == Jpeg && string.Equals(declared, "image/jpg", StringComparison.OrdinalIgnoreCase)))
            return Outcome<AttachmentMetadata>.Refuse("contentType", $"Filen opgives som '{declared}', men indholdet er en {kind.Title}.");

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        return Outcome<AttachmentMetadata>.Accept(new AttachmentMetadata(name, kind.ContentType, content.Length, sha256));
    }

    private static string? NameProblem(string name)
    {
        if (name.Length == 0) return "Filnavnet mangler.";
        if (name.Length > 200) return "Filnavnet er for langt (højst 200 tegn).";
        if (name.Any(c => char.IsControl(c) || c is '/' or '\\') || name[0] == '.')
            return "Filnavnet må ikke indeholde skråstreger eller kontroltegn og ikke begynde med punktum.";
        return null;
    }

    // Magic bytes first; text last, since any other binary format fails the text test anyway.
    private static (FileKind? Kind, string Why) Recognise(ReadOnlyMemory<byte> content)
    {
        var bytes = content.Span;
        if (bytes.StartsWith("%PDF-"u8)) return (Pdf, "");
        if (bytes.StartsWith(PngSignature)) return (Png, "");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return (Jpeg, "");
        if (bytes.StartsWith("PK\u0003\u0004"u8)) return OfficeKind(content);
        if (IsPlainText(bytes)) return (Text, "");
        return (null, "Filtypen kendes ikke.");
    }

    private static (FileKind? Kind, string Why) OfficeKind(ReadOnlyMemory<byte> content)
    {
        var array = MemoryMarshal.TryGetArray(content, out var segment) ? segment : new ArraySegment<byte>(content.ToArray());
        try
        {
            // Only the central directory is read; nothing is decompressed, so a zip bomb costs nothing here.
            using var zip = new ZipArchive(new MemoryStream(array.Array!, array.Offset, array.Count, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
                return (null, "Filen indeholder makroer, som FeeBridge ikke tager imod.");
            if (!names.Contains("[Content_Types].xml")) return (null, "Filen er et zip-arkiv, men ikke et Office-dokument.");
            if (names.Contains("word/document.xml")) return (Docx, "");
            if (names.Contains("xl/workbook.xml")) return (Xlsx, "");
            return (null, "Filen er et Office-dokument, men hverken Word eller Excel.");
        }
        catch (InvalidDataException)
        {
            return (null, "Filen ligner et zip-arkiv, men kan ikke læses.");
        }
    }

    // UTF-8 without control characters other than tab, line feed, form feed and carriage return; a BOM is fine.
    private static bool IsPlainText(ReadOnlySpan<byte> bytes) =>
        Utf8.IsValid(bytes) && !bytes.ContainsAnyInRange((byte)0x00, (byte)0x08) && !bytes.ContainsAnyInRange((byte)0x0E, (byte)0x1F)
        && !bytes.Contains((byte)0x0B) && !bytes.Contains((byte)0x7F);

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("da-DK"));
}

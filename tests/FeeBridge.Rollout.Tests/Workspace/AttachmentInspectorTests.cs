using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Rollout.Tests.Workspace;

/// <summary>Attachments: a size limit, and PDF, PNG, JPEG, DOCX/XLSX and plain text recognised by their bytes; anything else refused.</summary>
public sealed class AttachmentInspectorTests
{
    private static readonly AttachmentPolicy Policy = AttachmentPolicy.Default;

    public static TheoryData<string, byte[], string> Accepted => new()
    {
        { "plan.pdf", [.. "%PDF-1.7\n%âãÏÓ\n1 0 obj\n"u8], "application/pdf" },
        { "diagram.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "image/png" },
        { "foto.JPG", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46], "image/jpeg" },
        { "foto.jpeg", [0xFF, 0xD8, 0xFF, 0xE1, 0, 16], "image/jpeg" },
        { "referat.txt", Encoding.UTF8.GetBytes("Møde om ØiR-integrationen\r\n\tPunkt 1: kompetencer\n"), "text/plain" },
        { "bom.txt", [0xEF, 0xBB, 0xBF, .. "Æblegrød"u8], "text/plain" },
        { "organisering.docx", Zip("[Content_Types].xml", "_rels/.rels", "word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "plan.xlsx", Zip("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void AnAllowedFile_IsRecognisedByItsBytes_WithSizeAndSha256(string name, byte[] content, string contentType)
    {
        var outcome = AttachmentInspector.Inspect(name, null, content, Policy);
        outcome.IsAccepted.ShouldBeTrue(outcome.ToString());
        outcome.Value.ShouldBe(new AttachmentMetadata(name, contentType, content.Length, Convert.ToHexStringLower(SHA256.HashData(content))));
    }

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "program.exe", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0], "Filtypen kendes ikke" },
        { "billede.gif", [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0], "Filtypen kendes ikke" },
        { "data.txt", [.. "tekst\0med nul"u8], "Filtypen kendes ikke" },
        { "utf16.txt", [0xFF, 0xFE, (byte)'h', 0, (byte)'i', 0], "Filtypen kendes ikke" },
        { "latin1.txt", [(byte)'b', 0xF8, (byte)'f'], "Filtypen kendes ikke" },
        { "arkiv.docx", Zip("readme.txt"), "ikke et Office-dokument" },
        { "makro.docx", Zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"), "makroer" },
        { "slides.docx", Zip("[Content_Types].xml", "ppt/presentation.xml"), "hverken Word eller Excel" },
        { "brudt.docx", [.. "PK\u0003\u0004"u8, 1, 2, 3], "kan ikke læses" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void AnythingElse_IsRefused_WithTheReason_AndWhatIsAccepted(string name, byte[] content, string reason)
    {
        var refusal = AttachmentInspector.Inspect(name, null, content, Policy).Refusals.ShouldHaveSingleItem();
        refusal.Field.ShouldBe("file");
        refusal.Reason.ShouldContain(reason);
        refusal.Reason.ShouldContain("Vedhæft PDF, PNG, JPEG");
    }

    [Fact]
    public void AFileOverTheLimit_IsRefused_AndOneAtTheLimitIsNot()
    {
        var policy = new AttachmentPolicy(1024);
        var atLimit = Enumerable.Repeat((byte)'a', 1024).ToArray();
        AttachmentInspector.Inspect("a.txt", null, atLimit, policy).IsAccepted.ShouldBeTrue();
        AttachmentInspector.Inspect("a.txt", null, atLimit.Append((byte)'a').ToArray(), policy).Refusals.ShouldHaveSingleItem().Reason.ShouldContain("grænsen");
    }

    [Fact]
    public void AnEmptyFile_IsRefused() =>
        AttachmentInspector.Inspect("tom.txt", null, Array.Empty<byte>(), Policy).Refusals.ShouldHaveSingleItem().Reason.ShouldBe("Filen er tom.");

    [Fact]
    public void ANameWhoseExtensionDoesNotMatchTheContent_IsRefused()
    {
        var refusal = AttachmentInspector.Inspect("plan.docx", null, "%PDF-1.4"u8.ToArray(), Policy).Refusals.ShouldHaveSingleItem();
        refusal.Field.ShouldBe("name");
        refusal.Reason.ShouldContain(".pdf");
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../etc/passwd.txt")]
    [InlineData("mappe\\fil.txt")]
    [InlineData(".skjult.txt")]
    public void ABadName_IsRefused(string name) =>
        AttachmentInspector.Inspect(name, null, "tekst"u8.ToArray(), Policy).Refusals.ShouldHaveSingleItem().Field.ShouldBe("name");

    [Theory]
    [InlineData("application/pdf", true)]
    [InlineData("APPLICATION/PDF; charset=binary", true)]
    [InlineData("application/octet-stream", true)]
    [InlineData("", true)]
    [InlineData("image/png", false)]
    public void ADeclaredContentType_MustAgreeWithTheContent_UnlessItIsOctetStream(string declared, bool accepted)
    {
        var outcome = AttachmentInspector.Inspect("plan.pdf", declared, "%PDF-1.4"u8.ToArray(), Policy);
        outcome.IsAccepted.ShouldBe(accepted);
        if (!accepted) outcome.Refusals.ShouldHaveSingleItem().Field.ShouldBe("contentType");
        else outcome.Value!.ContentType.ShouldBe("application/pdf");
    }

    private static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<x/>");
            }
        }
        return buffer.ToArray();
    }
}

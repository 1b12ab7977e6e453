using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout;

/// <summary>
/// Files attached to a task (issue 15 part 4): one file per upload as multipart, judged by its bytes
/// (AttachmentInspector: "from its bytes rather than its name or the browser's claim"), listed, downloaded as a
/// download only (Content-Disposition attachment, nosniff), each upload in the audit log (CONTRACTS.md §5: "every staff
/// action … is written to an append-only audit log").
/// </summary>
public abstract class AttachmentExportTests(RolloutSite site)
{
    private const string Task26 = "Forbered og kommunikér internt";

    private static readonly byte[] APdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static MultipartFormDataContent Form(byte[] bytes, string fileName, string contentType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    [Fact]
    public async Task AnUploadedPdf_IsListed_DownloadedAsADownload_AndAudited()
    {
        using var leader = await site.StaffAsync("projektleder-326");
        var (_, url) = await ExportSetup.TaskAsync(leader, "326", Task26);
        using var form = Form(APdf, "Underskrevet beslutning æøå.pdf", "application/pdf");
        using var created = await leader.PostAsync(url + "/attachments", form);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var meta = await created.Json();
        var sha = Convert.ToHexStringLower(SHA256.HashData(APdf));
        ((string)meta["sha256"]!).ShouldBe(sha);
        ((string)meta["name"]!).ShouldBe("Underskrevet beslutning æøå.pdf");
        ((string)meta["contentType"]!).ShouldBe("application/pdf");
        ((long)meta["size"]!).ShouldBe(APdf.Length);
        ((string)meta["attachedBy"]!).ShouldBe("projektleder-326");
        created.Headers.Location!.ToString().ShouldEndWith("/attachments/" + sha);

        var list = await (await leader.GetAsync(url + "/attachments")).Array();
        list.Select(a => (string)a!["sha256"]!).ShouldBe([sha]);

        using var download = await leader.GetAsync(url + "/attachments/" + sha);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(APdf);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("Underskrevet beslutning æøå.pdf");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);

        // KOMBIT reads the workspace, so it may download; it does not change it, so it may not upload.
        using var kombit = await site.StaffAsync("kombit");
        (await kombit.GetAsync(url + "/attachments/" + sha)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var kombitForm = Form(Encoding.UTF8.GetBytes("KOMBITs note"), "note.txt", "text/plain");
        (await kombit.PostAsync(url + "/attachments", kombitForm)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The same file twice is refused; a file that is not attached is not found.
        using var twice = Form(APdf, "igen.pdf", "application/pdf");
        (await leader.PostAsync(url + "/attachments", twice)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await leader.GetAsync(url + "/attachments/" + new string('0', 64))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await leader.GetAsync(url + "/attachments/not-a-hash")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var auditor = await site.StaffAsync("revisor");
        var log = await (await auditor.GetAsync("/api/v1/staff/audit?actor=projektleder-326")).Array();
        log.ShouldContain(e => (string)e!["action"]! == "rollout.task.attachment-added" && ((string)e["detail"]!).Contains(sha, StringComparison.Ordinal));
        // The history of the task keeps it too.
        var history = await (await leader.GetAsync(url + "/history")).Array();
        history.ShouldContain(h => (string)h!["field"]! == "attachments" && ((string?)h["after"] ?? "").Contains(sha, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnExeRenamedPdf_Is422_SayingWhy_AndNothingIsAttached()
    {
        using var leader = await site.StaffAsync("projektleder-329");
        var (_, url) = await ExportSetup.TaskAsync(leader, "329", Task26);
        var exe = new byte[512];
        "MZ"u8.CopyTo(exe);
        exe[0x3C] = 0x80;
        "PE\0\0"u8.CopyTo(exe.AsSpan(0x80));
        using var form = Form(exe, "rapport.pdf", "application/pdf");
        using var refused = await leader.PostAsync(url + "/attachments", form);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        ((string)(await refused.Json())["detail"]!).ShouldContain("Filtypen kendes ikke");
        (await (await leader.GetAsync(url + "/attachments")).Array()).Count.ShouldBe(0);
    }

    [Fact]
    public async Task ARefusedType_Is422_NamingTheReason()
    {
        using var leader = await site.StaffAsync("projektleder-330");
        var (_, url) = await ExportSetup.TaskAsync(leader, "330", Task26);

        // A Word document with macros.
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var name in new[] { "[Content_Types].xml", "word/document.xml", "word/vbaProject.bin" })
                using (var w = new StreamWriter(archive.CreateEntry(name).Open())) w.Write("x");
        using var macros = Form(zip.ToArray(), "plan.docx", "application/octet-stream");
        using var r1 = await leader.PostAsync(url + "/attachments", macros);
        r1.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((string)(await r1.Json())["detail"]!).ShouldContain("makroer");

        // Text under a PDF's name: the name does not match the content.
        using var text = Form(Encoding.UTF8.GetBytes("Bare tekst"), "notat.pdf", "application/pdf");
        using var r2 = await leader.PostAsync(url + "/attachments", text);
        r2.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await r2.Json();
        problem["errors"]!.AsObject().ContainsKey("name").ShouldBeTrue();

        // No file at all, and not multipart.
        using var empty = new MultipartFormDataContent { { new StringContent("x"), "comment" } };
        (await leader.PostAsync(url + "/attachments", empty)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        using var raw = new ByteArrayContent(APdf);
        raw.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        (await leader.PostAsync(url + "/attachments", raw)).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await (await leader.GetAsync(url + "/attachments")).Array()).Count.ShouldBe(0);
    }

    [Fact]
    public async Task AFileOverTheLimit_IsRefused_WithTheLimit()
    {
        using var leader = await site.StaffAsync("projektleder-336");
        var (_, url) = await ExportSetup.TaskAsync(leader, "336", Task26);
        var big = new byte[20 * 1024 * 1024 + 1];
        APdf.CopyTo(big, 0);
        using var form = Form(big, "stor.pdf", "application/pdf");
        using var r = await leader.PostAsync(url + "/attachments", form);
        r.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await r.Content.ReadAsStringAsync());
        ((string)(await r.Json())["detail"]!).ShouldContain("grænsen er 20 MB");
    }

    [Fact]
    public async Task Attachments_FollowTheWorkspacesAccessRules()
    {
        using var leader = await site.StaffAsync("projektleder-316");
        var (_, url) = await ExportSetup.TaskAsync(leader, "316", Task26);
        (await site.Anonymous.GetAsync(url + "/attachments")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var other = await site.StaffAsync("projektleder-326");
        (await other.GetAsync(url + "/attachments")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var form = Form(APdf, "a.pdf", "application/pdf");
        (await other.PostAsync(url + "/attachments", form)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await leader.GetAsync("/api/v1/rollout/municipalities/316/tasks/no-such-task/attachments")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await leader.GetAsync("/api/v1/rollout/municipalities/999/tasks/x/attachments")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

[Trait("store", "sqlite"), Collection(SqliteExportSite.Name)]
public sealed class AttachmentExportOnSqlite(SqliteRolloutSite site) : AttachmentExportTests(site);

[Trait("store", "postgresql"), Collection(PostgresExportSite.Name)]
public sealed class AttachmentExportOnPostgres(PostgresRolloutSite site) : AttachmentExportTests(site);

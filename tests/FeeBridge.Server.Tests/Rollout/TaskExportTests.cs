using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;
using FeeBridge.Server.Rollout;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout;

/// <summary>
/// A municipality's tasks taken away (issue 15 part 4): one task as PDF, the list as CSV for Danish Excel and as an
/// Excel workbook, with the list's own access rules (CONTRACTS.md §5: "a request outside the user's scope is 403 with
/// a problem detail; no token is 401") and its filters. Each export is read back with a library of its own kind
/// (PdfPig, CsvHelper, ClosedXML), never by looking for bytes.
/// </summary>
public abstract class TaskExportTests(RolloutSite site)
{
    private const string Task26 = "Forbered og kommunikér internt";

    [Fact]
    public async Task ThePdf_HoldsTheTitle_TheDanishFields_NotesAndHistory_AndIsReadBackByPdfPig()
    {
        using var leader = await site.StaffAsync("projektleder-230");
        await ExportSetup.GalleryAsync(leader, "230", ("Søren Ærø", "soren@rudersdal.dk"));
        var (id, url) = await ExportSetup.TaskAsync(leader, "230", Task26);
        (await leader.Patch(url, new { status = "in-progress", accountable = "soren@rudersdal.dk", deadline = "2027-02-15", note = "Kommunikationsplanen er godkendt på mødet i Birkerød" }))
            .EnsureSuccessStatusCode();

        using var r = await leader.GetAsync(url + "/pdf");
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        r.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var bytes = await r.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");

        var text = ExportSetup.PdfText(bytes);
        text.ShouldContain(Task26, Case.Sensitive);                       // the title, with its é
        text.ShouldContain("Bølger", Case.Sensitive);                     // KLIK's labels, æøå and all
        text.ShouldContain("Metode og fremgangsmåde", Case.Sensitive);
        var method = (await (await leader.GetAsync(url)).Json())["method"]!.AsArray().Select(m => (string)m!).ToList();
        method.Count.ShouldBeGreaterThan(1);
        foreach (var (step, n) in method.Select((m, i) => (m, i + 1)).Take(2))                 // the method's steps, numbered
            text.ShouldContain($"{n}. {string.Join(' ', step.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3))}", Case.Sensitive);
        text.ShouldContain("Status: I gang", Case.Sensitive);             // the municipality's status, in Danish
        text.ShouldContain("Søren Ærø (soren@rudersdal.dk)", Case.Sensitive);
        text.ShouldContain("15. februar 2027", Case.Sensitive);
        text.ShouldContain("Kommunikationsplanen er godkendt på mødet i Birkerød", Case.Sensitive);
        text.ShouldContain("Historik", Case.Sensitive);
        text.ShouldContain("projektleder-230", Case.Sensitive);           // who changed it, from the history
        text.ShouldContain(id, Case.Sensitive);
    }

    [Fact]
    public async Task ThePdf_FollowsTheListsAccessRules()
    {
        using var leader = await site.StaffAsync("projektleder-240");
        var (_, url) = await ExportSetup.TaskAsync(leader, "240", Task26);
        (await site.Anonymous.GetAsync(url + "/pdf")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var other = await site.StaffAsync("projektleder-250");
        using var forbidden = await other.GetAsync(url + "/pdf");
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        forbidden.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var kombit = await site.StaffAsync("kombit");
        (await kombit.GetAsync(url + "/pdf")).StatusCode.ShouldBe(HttpStatusCode.OK); // KOMBIT reads every municipality
        (await leader.GetAsync("/api/v1/rollout/municipalities/240/tasks/no-such-task/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await kombit.GetAsync("/api/v1/rollout/municipalities/999/tasks/x/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheCsv_IsUtf8WithBom_SemicolonSeparated_OneRowPerTask_AndEscapesAFormula()
    {
        using var leader = await site.StaffAsync("projektleder-253");
        // '=' and '+' are allowed in an address's local part: a gallery entry is a way in for a formula.
        await ExportSetup.GalleryAsync(leader, "253", ("Gry Greve", "=1+2@greve.dk"));
        var (id, url) = await ExportSetup.TaskAsync(leader, "253", Task26);
        (await leader.Patch(url, new { accountable = "=1+2@greve.dk", deadline = "2020-01-31" })).EnsureSuccessStatusCode();
        var list = await (await leader.GetAsync("/api/v1/rollout/municipalities/253/tasks")).Array();

        using var r = await leader.GetAsync("/api/v1/rollout/municipalities/253/tasks.csv");
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        r.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await r.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }); // the BOM Excel needs to read UTF-8

        var rows = ExportSetup.Csv(bytes, out var headers);
        headers.ShouldBe(["Id", "Titel", "Fase", "Tema", "Bølger", "Status", "Ansvarlig", "Udfører", "Frist", "Overskredet"]);
        rows.Count.ShouldBe(list.Count);
        rows.Select(x => x["Id"]).ShouldBe(list.Select(t => (string)t!["taskId"]!));
        var mine = rows.Single(x => x["Id"] == id);
        mine["Titel"].ShouldBe(Task26);
        mine["Ansvarlig"].ShouldBe("'=1+2@greve.dk"); // a leading ': Excel shows it, never runs it
        mine["Frist"].ShouldBe("2020-01-31");
        mine["Overskredet"].ShouldBe("Ja");
        mine["Status"].ShouldBe("Ikke startet");
        Encoding.UTF8.GetString(bytes).ShouldContain(";"); // the separator Danish Excel expects
    }

    [Fact]
    public async Task TheCsvAndExcel_TakeTheListsFilters()
    {
        using var leader = await site.StaffAsync("projektleder-259");
        var (id, url) = await ExportSetup.TaskAsync(leader, "259", Task26);
        (await leader.Patch(url, new { status = "in-progress" })).EnsureSuccessStatusCode();
        var expected = await (await leader.GetAsync("/api/v1/rollout/municipalities/259/tasks?status=in-progress")).Array();
        expected.Select(t => (string)t!["taskId"]!).ShouldBe([id]);

        var csv = ExportSetup.Csv(await leader.GetByteArrayAsync("/api/v1/rollout/municipalities/259/tasks.csv?status=in-progress"), out _);
        csv.Select(x => x["Id"]).ShouldBe([id]);
        var xlsx = ExportSetup.Xlsx(await leader.GetByteArrayAsync("/api/v1/rollout/municipalities/259/tasks.xlsx?status=in-progress"), out _);
        xlsx.Select(x => x["Id"]).ShouldBe([id]);

        var all = ExportSetup.Xlsx(await leader.GetByteArrayAsync("/api/v1/rollout/municipalities/259/tasks.xlsx"), out _);
        all.Count.ShouldBeGreaterThan(1);
        (await leader.GetAsync("/api/v1/rollout/municipalities/259/tasks.csv?status=finished")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await leader.GetAsync("/api/v1/rollout/municipalities/259/tasks.xlsx?person=nobody")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task TheExcelWorkbook_HasTheListsColumns_ARealDate_AndAGuardedFormula()
    {
        using var leader = await site.StaffAsync("projektleder-260");
        await ExportSetup.GalleryAsync(leader, "260", ("Åse Øster", "-aase@halsnaes.dk"));
        var (id, url) = await ExportSetup.TaskAsync(leader, "260", Task26);
        (await leader.Patch(url, new { performer = "-aase@halsnaes.dk", deadline = "2027-06-30" })).EnsureSuccessStatusCode();

        using var r = await leader.GetAsync("/api/v1/rollout/municipalities/260/tasks.xlsx");
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        r.Content.Headers.ContentType!.MediaType.ShouldBe(TaskListXlsx.ContentType);
        var rows = ExportSetup.Xlsx(await r.Content.ReadAsByteArrayAsync(), out var sheet);
        using var _ = sheet.Workbook;
        sheet.Row(1).Cells(1, 10).Select(c => c.GetString()).ShouldBe(TaskListRows.Headers);
        var mine = rows.Single(x => x["Id"] == id);
        mine["Titel"].ShouldBe(Task26);
        mine["Udfører"].ShouldBe("'-aase@halsnaes.dk");
        var row = sheet.RowsUsed().Single(x => x.Cell(1).GetString() == id);
        row.Cell(9).DataType.ShouldBe(XLDataType.DateTime);
        row.Cell(9).GetDateTime().ShouldBe(new DateTime(2027, 6, 30));
        row.Cell(7).HasFormula.ShouldBeFalse();
        row.Cell(8).HasFormula.ShouldBeFalse();

        using var other = await site.StaffAsync("projektleder-265");
        (await other.GetAsync("/api/v1/rollout/municipalities/260/tasks.xlsx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await other.GetAsync("/api/v1/rollout/municipalities/260/tasks.csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await site.Anonymous.GetAsync("/api/v1/rollout/municipalities/260/tasks.csv")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\";\"klik\")")]
    [InlineData("+45 12345678")]
    [InlineData("-1")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tgemt")]
    public void EveryCellThatCouldBeAFormula_GetsALeadingApostrophe_InBothFormats(string title)
    {
        // OWASP CSV injection: a cell starting with = + - @ (or tab, CR) is escaped with a leading '.
        TaskListRow[] rows = [new("t1", title, "Fase 1", "Tema", "Bølge 1", "Ikke startet", null, null, null, false)];
        ExportSetup.Csv(TaskListCsv.Write(rows), out _).Single()["Titel"].ShouldBe("'" + title);
        ExportSetup.Xlsx(TaskListXlsx.Write(rows), out var sheet).Single()["Titel"].ShouldBe("'" + title);
        sheet.Cell(2, 2).HasFormula.ShouldBeFalse();
        sheet.Workbook.Dispose();
        // A harmless text stays as it is.
        ExportSetup.Csv(TaskListCsv.Write([rows[0] with { Title = "Æbler 1-2" }]), out _).Single()["Titel"].ShouldBe("Æbler 1-2");
    }
}

/// <summary>What the export tests share: a gallery, a task to work on, and reading each format back.</summary>
internal static class ExportSetup
{
    public static async Task GalleryAsync(HttpClient leader, string kommunekode, params (string Name, string Email)[] people)
    {
        using var r = await leader.PutAsJsonAsync($"/api/v1/rollout/municipalities/{kommunekode}/organisation", new
        {
            roles = new object[] { new { role = "projektleder", people = people.Select((p, i) => new { name = p.Name, email = p.Email, primary = i == 0 }).ToArray() } },
            competences = Array.Empty<object>(),
        });
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
    }

    public static async Task<(string Id, string Url)> TaskAsync(HttpClient leader, string kommunekode, string title)
    {
        var tasks = await (await leader.GetAsync($"/api/v1/rollout/municipalities/{kommunekode}/tasks")).Array();
        var id = (string)tasks.First(t => (string)t!["title"]! == title)!["taskId"]!;
        return (id, $"/api/v1/rollout/municipalities/{kommunekode}/tasks/{Uri.EscapeDataString(id)}");
    }

    /// <summary>Every page's words, one space between, as PdfPig reads them.</summary>
    public static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    public static List<Dictionary<string, string>> Csv(byte[] bytes, out IReadOnlyList<string> headers)
    {
        using var csv = CsvReader.Create(bytes, new CsvReaderOptions { Separator = ';' });
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < csv.Headers.Count; i++) row[csv.Headers[i]] = csv.GetString(i);
            rows.Add(row);
        }
        headers = [.. csv.Headers];
        return rows;
    }

    /// <summary>The sheet's rows by header; <paramref name="sheet"/> stays open for the caller (dispose its workbook).</summary>
    public static List<Dictionary<string, string>> Xlsx(byte[] bytes, out IXLWorksheet sheet)
    {
        var workbook = new XLWorkbook(new MemoryStream(bytes));
        sheet = workbook.Worksheet(1);
        var headers = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in sheet.RowsUsed().Skip(1))
            rows.Add(headers.Select((h, i) => (h, v: row.Cell(i + 1).GetString())).ToDictionary(x => x.h, x => x.v, StringComparer.Ordinal));
        return rows;
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteExportSite : ICollectionFixture<SqliteRolloutSite>
{
    public const string Name = "rollout exports on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresExportSite : ICollectionFixture<PostgresRolloutSite>
{
    public const string Name = "rollout exports on PostgreSQL";
}

[Trait("store", "sqlite"), Collection(SqliteExportSite.Name)]
public sealed class TaskExportOnSqlite(SqliteRolloutSite site) : TaskExportTests(site);

[Trait("store", "postgresql"), Collection(PostgresExportSite.Name)]
public sealed class TaskExportOnPostgres(PostgresRolloutSite site) : TaskExportTests(site);

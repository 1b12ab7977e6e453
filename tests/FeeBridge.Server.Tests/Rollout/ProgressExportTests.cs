using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Progress;
using FeeBridge.Server.Rollout;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout;

/// <summary>
/// KOMBIT's overview taken away (issue 15 part 7: "sortable, filterable, exportable"): <c>GET
/// /projects/{project}/progress.csv</c> and <c>.xlsx</c> carry the counts of <c>GET …/progress</c> (CONTRACTS.md §6),
/// a total row and one per phase, theme and wave for every municipality and the country, in the task list export's
/// dialect and with its formula guard; only for those who read the progress. Read back with CsvHelper and ClosedXML.
/// </summary>
public abstract class ProgressExportTests(RolloutSite site)
{
    private const string Project = "fbs-debitorintegration";
    private const string Url = $"/api/v1/rollout/projects/{Project}/progress";
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    [Fact]
    public async Task TheCsv_HasEveryMunicipalitysCounts_AsTheProgressHasThem_AndFollowsAChange()
    {
        using var leader = await site.StaffAsync("projektleder-219");
        var tasks = await (await leader.GetAsync("/api/v1/rollout/municipalities/219/tasks")).Array();
        (await leader.Patch($"/api/v1/rollout/municipalities/219/tasks/{tasks[0]!["taskId"]}", new { status = "done", reason = "Afsluttet på styregruppemødet." }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        using var kombit = await site.StaffAsync("kombit");
        var progress = await (await kombit.GetAsync(Url)).Json();
        using var r = await kombit.GetAsync(Url + ".csv");
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        r.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        r.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldStartWith($"fremdrift-{Project}-");
        var bytes = await r.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });

        var rows = ExportSetup.Csv(bytes, out var headers);
        headers.ShouldBe(["Kommunekode", "Kommune", "Region", "Opdeling", "Gruppe", "Fuldført", "Gældende opgaver", "I gang", "Ikke startet",
            "Ikke relevant", "Overskredet frist", "Andel fuldført (%)", "Tomme roller"]);
        var totals = rows.Where(x => x["Opdeling"] == "I alt").ToList();
        totals.Count.ShouldBe(MunicipalityRegister.Denmark.All.Count + 1); // every municipality, and the country
        totals[^1]["Kommune"].ShouldBe("Hele landet");

        var hilleroed = totals.Single(x => x["Kommunekode"] == "219");
        hilleroed["Kommune"].ShouldBe("Hillerød");
        hilleroed["Region"].ShouldBe("Region Hovedstaden");
        var json = Municipality(progress, "219");
        ShouldHaveTheCounts(hilleroed, json["totals"]!);
        int.Parse(hilleroed["Fuldført"], CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
        hilleroed["Tomme roller"].ShouldBe(((int)json.Parent!["emptyRoles"]!).ToString(CultureInfo.InvariantCulture));

        // One row per phase, theme and wave, with that group's counts.
        foreach (var (breakdown, key) in new[] { ("Fase", "byPhase"), ("Tema", "byTheme"), ("Bølge", "byWave") })
        {
            var groups = json[key]!.AsArray();
            var mine = rows.Where(x => x["Kommunekode"] == "219" && x["Opdeling"] == breakdown).ToList();
            mine.Select(x => x["Gruppe"]).ShouldBe(groups.Select(g => (string)g!["group"]!));
            foreach (var (row, group) in mine.Zip(groups)) ShouldHaveTheCounts(row, group!["counts"]!);
        }
        ShouldHaveTheCounts(totals[^1], progress["national"]!["totals"]!);
    }

    [Fact]
    public async Task TheWorkbook_HasTheSameRows_WithTheCountsAsNumbers()
    {
        using var kombit = await site.StaffAsync("kombit");
        var csv = ExportSetup.Csv(await kombit.GetByteArrayAsync(Url + ".csv"), out _);
        using var r = await kombit.GetAsync(Url + ".xlsx");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        r.Content.Headers.ContentType!.MediaType.ShouldBe(TaskListXlsx.ContentType);
        var rows = ExportSetup.Xlsx(await r.Content.ReadAsByteArrayAsync(), out var sheet);
        using var workbook = sheet.Workbook;
        sheet.Name.ShouldBe("Fremdrift");
        rows.Count.ShouldBe(csv.Count);
        rows.Select(x => (x["Kommunekode"], x["Opdeling"], x["Gruppe"])).ShouldBe(csv.Select(x => (x["Kommunekode"], x["Opdeling"], x["Gruppe"])));
        var row = rows.FindIndex(x => x["Kommunekode"] == "217" && x["Opdeling"] == "I alt") + 2;
        sheet.Cell(row, 6).DataType.ShouldBe(XLDataType.Number); // Fuldført
        sheet.Cell(row, 7).DataType.ShouldBe(XLDataType.Number); // Gældende opgaver
        sheet.Cell(row, 7).GetDouble().ShouldBe(double.Parse(csv[row - 2]["Gældende opgaver"], Danish));
        sheet.SheetView.SplitRow.ShouldBe(1);
        sheet.AutoFilter.IsEnabled.ShouldBeTrue();
    }

    [Fact]
    public async Task TheExports_AreForThoseWhoReadTheProgress()
    {
        using var leader = await site.StaffAsync("projektleder-217");
        using var forbidden = await leader.GetAsync(Url + ".csv");
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        forbidden.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await leader.GetAsync(Url + ".xlsx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await site.Anonymous.GetAsync(Url + ".csv")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var kombit = await site.StaffAsync("kombit");
        (await kombit.GetAsync("/api/v1/rollout/projects/no-such-project/progress.xlsx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var admin = await site.StaffAsync("admin");
        (await admin.GetAsync(Url + ".xlsx")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static JsonNode Municipality(JsonNode progress, string code) =>
        progress["municipalities"]!.AsArray().Single(m => (string)m!["municipality"]!["value"]! == code)!["progress"]!;

    private static void ShouldHaveTheCounts(Dictionary<string, string> row, JsonNode counts)
    {
        row["Fuldført"].ShouldBe(Text(counts["done"]));
        row["Gældende opgaver"].ShouldBe(Text(counts["total"]));
        row["I gang"].ShouldBe(Text(counts["inProgress"]));
        row["Ikke startet"].ShouldBe(Text(counts["notStarted"]));
        row["Ikke relevant"].ShouldBe(Text(counts["notRelevant"]));
        row["Overskredet frist"].ShouldBe(Text(counts["overdue"]));
        // Rounded down: 100 % only when every task that applies is done.
        var share = (double?)counts["shareDone"];
        row["Andel fuldført (%)"].ShouldBe(share is { } s ? (Math.Floor(s * 1000) / 10).ToString("0.#", Danish) : "");
    }

    private static string Text(JsonNode? n) => ((int)n!).ToString(CultureInfo.InvariantCulture);
}

[Trait("store", "sqlite"), Collection(SqliteExportSite.Name)]
public sealed class ProgressExportOnSqlite(SqliteRolloutSite site) : ProgressExportTests(site);

[Trait("store", "postgresql"), Collection(PostgresExportSite.Name)]
public sealed class ProgressExportOnPostgres(PostgresRolloutSite site) : ProgressExportTests(site);

/// <summary>
/// The phases, themes and waves come from KOMBIT's imported documents: a group named like a formula is shown, never run
/// (the task list export's guard, OWASP's "CSV injection").
/// </summary>
public sealed class ProgressExportGuardTests
{
    [Fact]
    public void AGroupThatLooksLikeAFormula_GetsALeadingApostrophe_InTheCsvAndTheWorkbook()
    {
        var counts = new ProgressCounts(2, 1, 1, 0, 0, 0);
        var hostile = "=HYPERLINK(\"https://example.invalid\",\"Klik\")";
        var breakdown = new ProgressBreakdown(counts, [new GroupProgress(hostile, counts)], [new GroupProgress("+45 Tema", counts)], []);
        var progress = new ProjectProgress("fbs-debitorintegration", new DateOnly(2026, 12, 2),
            [new MunicipalityProgress(Kommunekode.Parse("190"), breakdown, 3)], breakdown, 0, 3, 1);
        var rows = ProgressRows.Of(progress, MunicipalityRegister.Denmark);

        var csv = ExportSetup.Csv(TaskListCsv.Write(ProgressRows.Headers, rows.Select(ProgressRows.Cells)), out _);
        csv.Single(x => x["Kommunekode"] == "190" && x["Opdeling"] == "Fase")["Gruppe"].ShouldBe("'" + hostile);
        csv.Single(x => x["Kommunekode"] == "190" && x["Opdeling"] == "Tema")["Gruppe"].ShouldBe("'+45 Tema");
        csv.Single(x => x["Kommunekode"] == "190" && x["Opdeling"] == "I alt")["Andel fuldført (%)"].ShouldBe("50");

        var sheetRows = ExportSetup.Xlsx(ProgressXlsx.Write(rows), out var sheet);
        using var workbook = sheet.Workbook;
        sheetRows.Single(x => x["Kommunekode"] == "190" && x["Opdeling"] == "Fase")["Gruppe"].ShouldBe("'" + hostile);
        sheet.CellsUsed().ShouldAllBe(c => !c.HasFormula);
        Encoding.UTF8.GetString(TaskListCsv.Write(ProgressRows.Headers, rows.Select(ProgressRows.Cells))).ShouldContain("Furesø");
    }

    [Fact]
    public void TheShareDone_IsRoundedDown_SoOnlyAllDoneIs100()
    {
        ProgressRows.Percent(new ProgressCounts(1000, 999, 1, 0, 0, 0)).ShouldBe(99.9);
        ProgressRows.Percent(new ProgressCounts(3, 2, 1, 0, 0, 0)).ShouldBe(66.6);
        ProgressRows.Percent(new ProgressCounts(4, 4, 0, 0, 2, 0)).ShouldBe(100);
        ProgressRows.Percent(new ProgressCounts(0, 0, 0, 0, 2, 0)).ShouldBeNull();
    }
}

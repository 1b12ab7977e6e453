using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout.CommunicationPlan;

/// <summary>
/// The communication plan's API (issue 16 part 1) against FeeBridge as a real process: the default plan generated
/// from tasks 26/27 and the live configuration on the first read, dates resolved from the first cut-over, overdue rows,
/// edits with 422/409 and history, the project leader's own scope, and the XLSX (read back with ClosedXML, formula
/// guard) and PDF (read back with PdfPig) exports.
/// </summary>
public abstract class CommunicationPlanApiTests(CommunicationPlanSite site)
{
    private static string Plan(string code) => $"/api/v1/rollout/municipalities/{code}/communication-plan";
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Row(string occasion, string? owner, string? date = null, string? milestone = null, int? offsetDays = null, string status = "planned",
        string channel = "meeting", string[]? audiences = null) => new
    {
        occasion, audiences = audiences ?? ["library-staff"], keyMessages = new[] { "Betaling tages ikke ved skranken." }, aim = "Personalet kan svare",
        channel, actions = new[] { "Book møde" }, owner, date, milestone, offsetDays, status,
    };

    // DOMAIN.md §8 "a plan's columns in practice … tied to the milestones": the default plan, from the configuration.
    [Fact]
    public async Task TheFirstRead_GeneratesTheDefaultPlan_FromTheConfiguration_WithTheGallerysProjectLeaderAsOwner()
    {
        using var leader = await site.StaffAsync("projektleder-530");
        var (pl, _, _) = await site.GalleryAsync(leader, "530");
        var plan = await (await leader.GetAsync(Plan("530"))).Json();
        var rows = plan["rows"]!.AsArray();
        rows.Count.ShouldBe(10);
        ((int)plan["overdue"]!).ShouldBe(0);
        var cutOver = CommunicationPlanSite.Today.AddDays(120);
        var first = rows[0]!;
        ((string)first["occasion"]!).ShouldBe("Orientering af ledelsen");
        ((string)first["channel"]!).ShouldBe("email");
        ((string)first["task"]!).ShouldBe("internal");
        ((string)first["owner"]!).ShouldBe(pl);
        ((string)first["ownerName"]!).ShouldStartWith("Pia Plan");
        ((string)first["milestone"]!).ShouldBe("first-cut-over");
        ((int)first["offsetDays"]!).ShouldBe(-42);
        ((string)first["resolvedDate"]!).ShouldBe(Day(cutOver.AddDays(-42)));
        ((string)first["dateText"]!).ShouldStartWith("42 dage før første biblioteks overgangsdato (");
        first["keyMessages"]!.AsArray().Select(m => (string)m!).ShouldContain(m => m.Contains("https://www.billund.dk/betal", StringComparison.Ordinal));
        rows.Select(r => (string)r!["channel"]!).Distinct().Count().ShouldBe(8);
        rows.ShouldContain(r => (string)r!["channel"]! == "sms" && (string)r["task"]! == "external");

        // Read again: the same plan, not a second one.
        (await (await leader.GetAsync(Plan("530"))).Json())["rows"]!.AsArray().Count.ShouldBe(10);
        // KOMBIT reads every municipality's plan, and changes none; another municipality's project leader sees none.
        using var kombit = await site.StaffAsync("kombit");
        (await kombit.GetAsync(Plan("530"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await kombit.PostAsJsonAsync(Plan("530") + "/rows", Row("KOMBIT", null, date: "2027-01-01"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var other = await site.StaffAsync("projektleder-561");
        (await other.GetAsync(Plan("530"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await other.GetAsync(Plan("530") + ".xlsx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await other.DeleteAsync(Plan("530") + "/rows/d-01")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await site.Anonymous.GetAsync(Plan("530"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    // Issue 16 part 2: "When a fact changes (a new cut-over date) the drafts and the plan show that they changed."
    [Fact]
    public async Task AChangedFact_ShowsOnThePlan_OldToNew_UntilTheProjectLeaderMarksItSeen()
    {
        using var leader = await site.StaffAsync("projektleder-101");
        var first = await (await leader.GetAsync(Plan("101"))).Json();
        first["changedFacts"]!.AsArray().ShouldBeEmpty("the first read is the baseline: the default plan was written from these facts");

        // The plan was seen when København's cut-over date was another: as if the configuration moved it since.
        await using (var store = site.OpenStore())
        {
            var code = FeeBridge.Domain.Kommunekode.Parse("101");
            var seen = (await store.Rollout.Drafts.SeenAsync(code, default))["kommunikationsplan"];
            var older = seen.Facts.Select(f => f.Key == "bibliotek.710100.skaeringsdato" ? f with { Value = "1. februar 2027" } : f).ToList();
            await store.Rollout.Drafts.MarkSeenAsync(code, "kommunikationsplan", older, seen.SeenAt, seen.SeenBy, default);
        }
        var change = (await (await leader.GetAsync(Plan("101"))).Json())["changedFacts"]!.AsArray().ShouldHaveSingleItem()!;
        ((string)change["before"]!).ShouldBe("1. februar 2027");
        ((string)change["after"]!).ShouldBe("30. november 2020");

        using var kombit = await site.StaffAsync("kombit");
        (await kombit.PostAsync(Plan("101") + "/seen", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var seenNow = await leader.PostAsync(Plan("101") + "/seen", null);
        seenNow.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await seenNow.Json())["changedFacts"]!.AsArray().ShouldBeEmpty();
        (await (await leader.GetAsync(Plan("101"))).Json())["changedFacts"]!.AsArray().ShouldBeEmpty();
        using var auditor = await site.StaffAsync("revisor");
        (await (await auditor.GetAsync("/api/v1/staff/audit?actor=projektleder-101")).Array())
            .Select(e => (string)e!["action"]!).ShouldContain("rollout.communication-plan.facts-seen");
    }

    [Fact]
    public async Task APlanPastItsDates_ShowsItsRowsOverdue_UntilTheyAreDone()
    {
        using var leader = await site.StaffAsync("projektleder-540");
        var plan = await (await leader.GetAsync(Plan("540"))).Json();
        var rows = plan["rows"]!.AsArray();
        // The first library cut over 60 days ago: every row's day, even the follow-up 30 days after, has passed.
        ((int)plan["overdue"]!).ShouldBe(rows.Count);
        rows.ShouldAllBe(r => (bool)r!["overdue"]!);
        var row = rows[0]!.AsObject();
        var done = row.DeepClone().AsObject();
        done["status"] = "done";
        using var put = await leader.PutAsJsonAsync(Plan("540") + "/rows/" + (string)row["rowId"]!, done);
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        ((bool)(await put.Json())["overdue"]!).ShouldBeFalse();
        ((int)(await (await leader.GetAsync(Plan("540"))).Json())["overdue"]!).ShouldBe(rows.Count - 1);
    }

    [Fact]
    public async Task ABadRow_Is422_AndNothingChanges_AndAGoodOneIsAddedChangedAndDeleted_WithHistory()
    {
        using var leader = await site.StaffAsync("projektleder-561");
        var (pl, staff, _) = await site.GalleryAsync(leader, "561");
        var before = (await (await leader.GetAsync(Plan("561"))).Json())["rows"]!.AsArray().Count;
        var historyBefore = (await (await leader.GetAsync(Plan("561") + "/history")).Array()).Count;

        using var bad = await leader.PostAsJsonAsync(Plan("561") + "/rows", new { occasion = "", audiences = new[] { "everyone" }, channel = "fax", owner = "nobody@else.dk", date = "2027-02-30" });
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        bad.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await bad.Json())["errors"]!.AsObject().Select(e => e.Key).ToList();
        errors.ShouldBe(["occasion", "audiences[0]", "channel", "owner", "date"], ignoreOrder: true);
        (await leader.PostAsJsonAsync(Plan("561") + "/rows", Row("Møde", owner: "not-in-gallery@esbjerg.dk", date: "2027-01-01"))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await leader.PostAsync(Plan("561") + "/rows", new StringContent("[1,2]", System.Text.Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await (await leader.GetAsync(Plan("561"))).Json())["rows"]!.AsArray().Count.ShouldBe(before);
        (await (await leader.GetAsync(Plan("561") + "/history")).Array()).Count.ShouldBe(historyBefore);

        using var added = await leader.PostAsJsonAsync(Plan("561") + "/rows", Row("Møde på hovedbiblioteket", owner: staff, milestone: "first-cut-over", offsetDays: -3));
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var row = await added.Json();
        var rowId = (string)row["rowId"]!;
        ((string)row["resolvedDate"]!).ShouldBe(Day(CommunicationPlanSite.Today.AddDays(117)));
        ((int)row["revision"]!).ShouldBe(1);

        using var changed = await leader.PutAsJsonAsync(Plan("561") + "/rows/" + rowId, Row("Møde på hovedbiblioteket", owner: pl, date: "2027-01-20", status: "in-progress"));
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        ((string)(await changed.Json())["dateText"]!).ShouldBe("20. januar 2027");
        var stale = Row("Gammel", owner: pl, date: "2027-01-20") as object;
        using var conflict = await leader.PutAsJsonAsync(Plan("561") + "/rows/" + rowId, new JsonObject
        {
            ["occasion"] = "Gammel", ["audiences"] = new JsonArray("library-staff"), ["channel"] = "meeting", ["date"] = "2027-01-20", ["revision"] = 1,
        });
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await leader.PutAsJsonAsync(Plan("561") + "/rows/r-nothere", stale)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await leader.DeleteAsync(Plan("561") + "/rows/" + rowId)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await leader.DeleteAsync(Plan("561") + "/rows/" + rowId)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var history = (await (await leader.GetAsync(Plan("561") + "/history")).Array()).Where(h => (string)h!["rowId"]! == rowId).ToList();
        history.Select(h => (string)h!["action"]!).ShouldBe(["added", "changed", "deleted"]);
        history.ShouldAllBe(h => (string)h!["who"]! == "projektleder-561");
        ((string)history[1]!["after"]!).ShouldContain("in-progress");

        // Every change in the audit log too.
        using var auditor = await site.StaffAsync("revisor");
        var log = await (await auditor.GetAsync("/api/v1/staff/audit?actor=projektleder-561")).Array();
        foreach (var action in new[] { "row-added", "row-changed", "row-deleted" })
            log.ShouldContain(e => (string)e!["action"]! == "rollout.communication-plan." + action && (string)e["record"]! == $"rollout/561/communication-plan/{rowId}");
    }

    // The task export's guard (OWASP CSV injection): a text that starts like a formula is written with a leading '.
    [Fact]
    public async Task TheXlsx_HasThePlansColumns_RealDates_AndNoFormulas_AndThePdfReadsBack()
    {
        using var leader = await site.StaffAsync("projektleder-563");
        (await leader.GetAsync(Plan("563"))).EnsureSuccessStatusCode();
        using var added = await leader.PostAsJsonAsync(Plan("563") + "/rows", Row("=HYPERLINK(\"https://evil.example\",\"Klik\")", owner: null, date: "2027-01-05"));
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());

        using var xlsx = await leader.GetAsync(Plan("563") + ".xlsx");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("kommunikationsplan-563.xlsx");
        using var workbook = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet("Kommunikationsplan");
        sheet.Row(1).Cells(1, 12).Select(c => c.GetString()).ShouldBe(["Anledning", "Målgruppe", "Budskaber", "Formål", "Kanal", "Handlinger", "Ejer", "Dato", "Datoregel", "Status", "Overskredet", "Opgave"]);
        sheet.RowsUsed().Count().ShouldBe(12);
        sheet.Cell(2, 1).GetString().ShouldBe("Orientering af ledelsen");
        sheet.Cell(2, 8).GetDateTime().ShouldBe(CommunicationPlanSite.Today.AddDays(30 - 42).ToDateTime(TimeOnly.MinValue));
        sheet.Cell(2, 9).GetString().ShouldBe("42 dage før første biblioteks overgangsdato");
        var evil = sheet.Row(12);
        evil.Cell(1).HasFormula.ShouldBeFalse();
        evil.Cell(1).GetString().ShouldBe("'=HYPERLINK(\"https://evil.example\",\"Klik\")");
        evil.Cell(8).GetDateTime().ShouldBe(new DateTime(2027, 1, 5));
        sheet.CellsUsed().ShouldAllBe(c => !c.HasFormula);

        using var pdf = await leader.GetAsync(Plan("563") + ".pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = FeeBridge.Server.Tests.Rollout.ExportSetup.PdfText(await pdf.Content.ReadAsByteArrayAsync());
        text.ShouldContain("Kommunikationsplan");
        text.ShouldContain("Fanø Kommune (563)");
        text.ShouldContain("Orientering af ledelsen");
        text.ShouldContain("SMS til lånere tilmeldt SMS-ordningen");
        text.ShouldContain("Målgruppe");
        text.ShouldContain("første biblioteks overgangsdato");
    }
}

[Trait("store", "sqlite")]
public sealed class CommunicationPlanApiOnSqlite(SqliteCommunicationPlanSite site) : CommunicationPlanApiTests(site), IClassFixture<SqliteCommunicationPlanSite>;

[Trait("store", "postgresql")]
public sealed class CommunicationPlanApiOnPostgres(PostgresCommunicationPlanSite site) : CommunicationPlanApiTests(site), IClassFixture<PostgresCommunicationPlanSite>;

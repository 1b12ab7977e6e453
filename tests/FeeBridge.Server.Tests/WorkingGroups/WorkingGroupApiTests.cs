using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FeeBridge.Server.Tests.Infrastructure;
using FeeBridge.Server.Tests.Rollout;

namespace FeeBridge.Server.Tests.WorkingGroups;

/// <summary>
/// Working groups through their API (CONTRACTS.md §7) on a real process, both stores: KOMBIT creates, project leaders
/// apply by the rules (the role in the gallery → else 422; one per municipality per track → 409; after the deadline →
/// 409), the applicant gets a receipt by mail, KOMBIT sees counts and never names until the selection, and the
/// selection after the deadline draws the same panel for the same random value. Municipalities 259..480 only.
/// </summary>
public abstract class WorkingGroupApiTests(WorkingGroupSite site)
{
    private const string Base = "/api/v1/working-groups";

    private static object Group(string id, DateTimeOffset deadline, int seats, params object[] quotas) => new
    {
        id,
        title = "Testgruppe " + id,
        deadline = WorkingGroupSite.Deadline(deadline),
        tracks = new[] { new { id = "implementering", title = "Implementering", seatsMin = 1, seatsMax = seats, roles = new[] { "projektleder" } } },
        quotas,
        onePersonOneTrack = true,
    };

    /// <summary>The municipality's project leader puts <paramref name="name"/> in the gallery as projektleder (and superbruger).</summary>
    private async Task<(HttpClient Leader, string Email)> LeaderWithGalleryAsync(string kommunekode, string name, string? email = null)
    {
        var leader = await site.StaffAsync($"projektleder-{kommunekode}");
        email ??= ReminderMailServer.NewAddress("leder" + kommunekode);
        using var put = await leader.PutAsJsonAsync($"/api/v1/rollout/municipalities/{kommunekode}/organisation", new
        {
            roles = new object[]
            {
                new { role = "projektleder", people = new[] { new { name, email, primary = true } } },
                new { role = "superbruger", people = new[] { new { name, email, primary = true } } },
            },
            competences = Array.Empty<object>(),
        });
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        return (leader, email);
    }

    private static Task<HttpResponseMessage> ApplyAsync(HttpClient leader, string group, string track, string name, string email, string role = "projektleder", string libraryType = "folkebibliotek") =>
        leader.PostAsJsonAsync($"{Base}/{group}/applications", new { track, name, email, role, libraryType });

    [Fact]
    public async Task TheSandbox_SeedsTheFbs2Group_WithItsTwoTracks()
    {
        using var kombit = await site.StaffAsync("kombit");
        using var r = await kombit.GetAsync($"{Base}/fbs2-implementeringsarbejdsgruppe");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var g = await r.Json();
        var tracks = g["tracks"]!.AsArray();
        tracks.Select(t => ((string)t!["id"]!, (int)t["seatsMin"]!, (int)t["seatsMax"]!)).ShouldBe([("implementering", 5, 6), ("uddannelse", 6, 8)]);
        tracks[0]!["roles"]!.AsArray().Select(x => (string)x!).ShouldBe(["projektleder"]);
        tracks[1]!["roles"]!.AsArray().Select(x => (string)x!).ShouldBe(["superbruger", "systemadministrator"]);
        ((bool)g["onePersonOneTrack"]!).ShouldBeTrue();
        g["quotas"]!.AsArray().Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task SignUp_TakesTheRoleHolder_RefusesASecondSeatAndARoleNotHeld_AndMailsAReceipt()
    {
        using var kombit = await site.StaffAsync("kombit");
        (await kombit.PostAsJsonAsync(Base, Group("signup-regler", DateTimeOffset.UtcNow.AddHours(1), 2))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await kombit.PostAsJsonAsync(Base, Group("signup-regler", DateTimeOffset.UtcNow.AddHours(1), 2))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var (leader, email) = await LeaderWithGalleryAsync("259", "Anne Faxe");
        using var applied = await ApplyAsync(leader, "signup-regler", "implementering", "Anne Faxe", email);
        applied.StatusCode.ShouldBe(HttpStatusCode.Created, await applied.Content.ReadAsStringAsync());
        var answer = await applied.Json();
        var id = (string)answer["applicationId"]!;
        id.ShouldStartWith("ans-");
        ((string)answer["receipt"]!).ShouldBe("sent");
        var receipt = (await Eventually.Until(() => Task.FromResult(ReminderMailServer.MessagesTo(email)), m => m.Count == 1)).Single();
        receipt.Subject.ShouldBe("Kvittering: ansøgning til Testgruppe signup-regler (Implementering)");
        (receipt.TextBody ?? "").ShouldContain(id);

        // One per municipality per track (409), whoever it is.
        using var second = await ApplyAsync(leader, "signup-regler", "implementering", "Anne Faxe", email);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        second.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        // A role the applicant does not hold in the gallery (422).
        var (other, _) = await LeaderWithGalleryAsync("260", "Bo Gribskov");
        using var notHeld = await ApplyAsync(other, "signup-regler", "implementering", "Carl Nobody", ReminderMailServer.NewAddress());
        notHeld.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await notHeld.Json())["errors"]!["role"]![0]!.ToString().ShouldContain("rollegalleri");
        // Missing fields (422); KOMBIT does not apply (403).
        (await other.PostAsJsonAsync($"{Base}/signup-regler/applications", new { track = "implementering" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ApplyAsync(kombit, "signup-regler", "implementering", "K", ReminderMailServer.NewAddress())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // KOMBIT sees counts per feature, never names.
        using var group = await kombit.GetAsync($"{Base}/signup-regler");
        var text = await group.Content.ReadAsStringAsync();
        text.ShouldNotContain("Anne");
        text.ShouldNotContain(email);
        var counts = JsonNode.Parse(text)!["applications"]!.AsArray().Single()!;
        ((int)counts["total"]!).ShouldBe(1);
        ((int)counts["byFeature"]!["region"]!["Region Sjælland"]!).ShouldBe(1); // 259 Faxe
        ((int)counts["byFeature"]!["size"]!["large"]!).ShouldBe(1);             // 62,458 ≥ the median

        // The applicant sees their own application; another municipality does not; nothing is selected before the deadline.
        var own = await (await leader.GetAsync($"{Base}/signup-regler/applications/{id}")).Json();
        ((string)own["outcome"]!).ShouldBe("pending");
        ((string)own["reason"]!).ShouldContain("er ikke foretaget endnu");
        (await other.GetAsync($"{Base}/signup-regler/applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await kombit.PostAsJsonAsync($"{Base}/signup-regler/selection", new { randomValue = "1 2 3" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        using var auditor = await site.StaffAsync("revisor");
        var log = await (await auditor.GetAsync("/api/v1/staff/audit?actor=projektleder-259")).Array();
        log.ShouldContain(e => (string)e!["action"]! == "rollout.working-group.applied" && (string)e["record"]! == $"working-group/signup-regler/{id}");
    }

    [Fact]
    public async Task QuotasNoPanelCanMeet_AreRefused_WithTheSmallestChangeInDanish()
    {
        using var kombit = await site.StaffAsync("kombit");
        // 3 seats, but at least 2 large and at least 2 small municipalities: one minimum must drop by one.
        using var r = await kombit.PostAsJsonAsync(Base, Group("umulig", DateTimeOffset.UtcNow.AddHours(1), 3,
            new { track = "implementering", feature = "size", value = "large", min = 2, max = 3 },
            new { track = "implementering", feature = "size", value = "small", min = 2, max = 3 }));
        r.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var reason = (string)(await r.Json())["errors"]!["quotas"]![0]!;
        reason.ShouldContain("sænk mindstetallet for");
        reason.ShouldContain("fra 2 til 1");
        (await kombit.GetAsync($"{Base}/umulig")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AfterTheDeadline_NoSignUp_TheLotteryIsPublished_AndTheSameRandomValueDrawsTheSamePanel()
    {
        using var kombit = await site.StaffAsync("kombit");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        (await kombit.PostAsJsonAsync(Base, Group("lodtraekning", deadline, 3,
            new { track = "implementering", feature = "region", value = "Region Hovedstaden", min = 1, max = 1 }))).StatusCode.ShouldBe(HttpStatusCode.Created);
        // Seven applicants: 260 Gribskov, 270 Gentofte… 400 Bornholm (Hovedstaden), and four from Sjælland/Syddanmark.
        var ids = new Dictionary<string, string>();
        foreach (var code in new[] { "260", "270", "400", "265", "306", "410", "461" })
        {
            var (leader, email) = await LeaderWithGalleryAsync(code, "Leder " + code);
            using var r = await ApplyAsync(leader, "lodtraekning", "implementering", "Leder " + code, email);
            r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            ids[code] = (string)(await r.Json())["applicationId"]!;
        }
        await WorkingGroupSite.PassAsync(deadline);
        var (late, lateEmail) = await LeaderWithGalleryAsync("480", "For Sent");
        using var tooLate = await ApplyAsync(late, "lodtraekning", "implementering", "For Sent", lateEmail);
        tooLate.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The lottery first: its hash is published before the draw, and the list's SHA-256 is that hash.
        var prepared = await (await kombit.PostAsync($"{Base}/lodtraekning/lottery", null)).Json();
        var hash = (string)prepared["lotteryHash"]!;
        var list = await (await kombit.GetAsync($"{Base}/lodtraekning/lottery")).Content.ReadAsStringAsync();
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(list))).ShouldBe(hash);
        list.ShouldNotContain("Leder");
        var panels = list.Split('\n').Where(l => l.StartsWith("panel\t", StringComparison.Ordinal)).Select(l => l.Split('\t')).ToList();
        panels.Count.ShouldBe(1000);

        const string randomValue = "Lotto 2027-03-06: 4 9 17 22 28 31 35";
        using var drawn = await kombit.PostAsJsonAsync($"{Base}/lodtraekning/selection", new { randomValue });
        drawn.StatusCode.ShouldBe(HttpStatusCode.OK, await drawn.Content.ReadAsStringAsync());
        var result = await drawn.Json();
        ((int)result["panels"]!).ShouldBe(1000);
        ((string)result["lotteryHash"]!).ShouldBe(hash);
        var index = (int)(new BigInteger(SHA256.HashData(Encoding.UTF8.GetBytes(randomValue + "implementering")), isUnsigned: true, isBigEndian: true) % 1000);
        ((int)result["drawnPanel"]!["implementering"]!).ShouldBe(index);
        var track = result["tracks"]!.AsArray().Single()!;
        var selected = track["selected"]!.AsArray().Select(x => (string)x!).ToList();
        selected.ShouldBe(panels[index][3].Split(' '));
        selected.Count.ShouldBe(3);
        selected.Count(s => s == ids["260"] || s == ids["270"] || s == ids["400"]).ShouldBe(1); // the quota: exactly one from Hovedstaden
        var p = track["probabilities"]!.AsObject();
        p.Sum(x => (double)x.Value!).ShouldBe(3, 1e-9);
        // Hovedstaden's three share one seat; the other four share two: LEXIMIN gives each of them 1/2, Hovedstaden 1/3.
        ((double)track["minProbability"]!).ShouldBe(1 / 3.0, 0.002);
        ((double)track["maxProbability"]!).ShouldBe(0.5, 0.002);

        // The same random value again: the same result; another: refused.
        var again = await (await kombit.PostAsJsonAsync($"{Base}/lodtraekning/selection", new { randomValue })).Json();
        again["tracks"]![0]!["selected"]!.ToJsonString().ShouldBe(track["selected"]!.ToJsonString());
        (await kombit.PostAsJsonAsync($"{Base}/lodtraekning/selection", new { randomValue = "noget andet" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Each applicant sees their chance and outcome with the reason.
        var (leader260, _) = (await site.StaffAsync("projektleder-260"), "");
        var mine = await (await leader260.GetAsync($"{Base}/lodtraekning/applications/{ids["260"]}")).Json();
        ((double)mine["probability"]!).ShouldBe((double)p[ids["260"]]!, 1e-9);
        ((string)mine["outcome"]!).ShouldBe(selected.Contains(ids["260"]) ? "selected" : "not-selected");
        ((string)mine["reason"]!).ShouldContain(selected.Contains(ids["260"]) ? "Du er udtrukket" : "Du blev ikke udtrukket");

        // The result download names the selected once drawn.
        using var csv = await kombit.GetAsync($"{Base}/lodtraekning/selection.csv");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var rows = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows.Length.ShouldBe(8);
        rows.Count(r => r.Contains(";udtrukket;", StringComparison.Ordinal)).ShouldBe(3);
        (await leader260.GetAsync($"{Base}/lodtraekning/selection.csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheSeededFbs2Group_EndToEnd_RelaxesTheRegionsNobodyAppliedFrom_AndDrawsBothTracks()
    {
        using var kombit = await site.StaffAsync("kombit");
        const string g = "fbs2-implementeringsarbejdsgruppe";
        var codes = new[] { "259", "265", "269", "306", "316", "320", "326", "329", "330", "336", "410", "420", "430", "461", "479", "270", "400" };
        foreach (var code in codes)
        {
            var (leader, email) = await LeaderWithGalleryAsync(code, "Leder " + code);
            (await ApplyAsync(leader, g, "implementering", "Leder " + code, email, libraryType: code is "265" or "430" ? "skolebibliotek" : "folkebibliotek"))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
            // One person, one track: the same person cannot also apply for training…
            (await ApplyAsync(leader, g, "uddannelse", "Leder " + code, email, role: "superbruger")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        }
        await WorkingGroupSite.PassAsync(site.SeedDeadline);
        using var r = await kombit.PostAsJsonAsync($"{Base}/{g}/selection", new { randomValue = "2027-03-31 11 17 23 29 35 41" });
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        var result = await r.Json();
        var impl = result["tracks"]!.AsArray().Single(t => (string)t!["track"]! == "implementering")!;
        ((int)impl["seats"]!).ShouldBe(6);
        impl["selected"]!.AsArray().Count.ShouldBe(6);
        // Nobody applied from Nordjylland or Midjylland: those minima of 1 had to go, and the result says so.
        var changes = impl["quotaChanges"]!.AsArray().Select(c => (string)c!).ToList();
        changes.ShouldContain(c => c.Contains("Region Nordjylland fra 1 til 0", StringComparison.Ordinal));
        changes.ShouldContain(c => c.Contains("Region Midtjylland fra 1 til 0", StringComparison.Ordinal));
        ((string)impl["method"]!).ShouldBe("leximin");
        ((double)impl["minProbability"]!).ShouldBeGreaterThan(0);
        ((double)impl["minProbability"]!).ShouldBeGreaterThanOrEqualTo((double)impl["legacy"]!["minProbability"]! - 0.01);
        // Nobody applied for training: an empty track, nothing drawn.
        var training = result["tracks"]!.AsArray().Single(t => (string)t!["track"]! == "uddannelse")!;
        training["selected"]!.AsArray().Count.ShouldBe(0);
    }
}

[Trait("store", "sqlite")]
public sealed class WorkingGroupApiOnSqlite(SqliteWorkingGroupSite site) : WorkingGroupApiTests(site), IClassFixture<SqliteWorkingGroupSite>;

[Trait("store", "postgresql")]
public sealed class WorkingGroupApiOnPostgres(PostgresWorkingGroupSite site) : WorkingGroupApiTests(site), IClassFixture<PostgresWorkingGroupSite>;

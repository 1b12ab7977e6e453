using System.Net;
using System.Text.Json.Nodes;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout;

/// <summary>
/// Each person's own reminders (issue 15 part 4: "e-mail reminders … on the day, 1, 3 or 7 days before a deadline
/// and repeating while overdue"), through <c>…/reminder-preferences</c> on both stores: the default until a person
/// chooses, the project leader sets them for anyone of the gallery, a person signed in with the gallery's address sets
/// their own and sees only their own, bad choices are 422 and change nothing, every change is audited.
/// Municipalities 661, 665 and 671 are these tests' own.
/// </summary>
public abstract class ReminderChoiceApiTests(RolloutSite site)
{
    private static string Url(string code) => $"/api/v1/rollout/municipalities/{code}/reminder-preferences";

    private static JsonNode Person(JsonNode list, string email) =>
        list["people"]!.AsArray().Single(p => string.Equals((string)p!["email"]!, email, StringComparison.OrdinalIgnoreCase))!;

    [Fact]
    public async Task EveryoneGetsTheDefault_UntilTheyChoose_AndTheProjectLeaderSetsAndResetsAPersonsChoices()
    {
        using var leader = await site.StaffAsync("projektleder-661");
        await ExportSetup.GalleryAsync(leader, "661", ("Vera Vestfyn", "vera@661.dk"), ("Wilhelm Wad", "wilhelm@661.dk"));

        var before = await (await leader.GetAsync(Url("661"))).Json();
        before["default"]!["daysBefore"]!.AsArray().Select(d => (int)d!).ShouldBe([3, 0]);
        Person(before, "vera@661.dk")["own"]!.GetValue<bool>().ShouldBeFalse();
        Person(before, "vera@661.dk")["reminders"]!.ToJsonString().ShouldBe(before["default"]!.ToJsonString());

        using var saved = await leader.PutJson(Url("661"), new { email = "VERA@661.dk", daysBefore = new[] { 7, 1 }, repeatOverdueEveryDays = (int?)null, sendFrom = "07:30" });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var vera = Person(await (await leader.GetAsync(Url("661"))).Json(), "vera@661.dk");
        vera["own"]!.GetValue<bool>().ShouldBeTrue();
        vera["reminders"]!["daysBefore"]!.AsArray().Select(d => (int)d!).ShouldBe([7, 1]);
        vera["reminders"]!["repeatOverdueEveryDays"].ShouldBeNull();
        ((string)vera["reminders"]!["sendFrom"]!).ShouldBe("07:30");
        ((string)vera["summary"]!).ShouldBe("7 dage før, 1 dag før; ingen efter fristen; fra kl. 07:30");
        ((string)vera["updatedBy"]!).ShouldBe("projektleder-661");
        // The other person keeps the default.
        Person(await (await leader.GetAsync(Url("661"))).Json(), "wilhelm@661.dk")["own"]!.GetValue<bool>().ShouldBeFalse();

        // None at all is a choice too.
        (await leader.PutJson(Url("661"), new { email = "wilhelm@661.dk", daysBefore = Array.Empty<int>(), repeatOverdueEveryDays = (int?)null }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        ((string)Person(await (await leader.GetAsync(Url("661"))).Json(), "wilhelm@661.dk")["summary"]!).ShouldBe("ingen før fristen; ingen efter fristen");

        (await leader.PutJson(Url("661"), new { email = "vera@661.dk", useDefault = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        Person(await (await leader.GetAsync(Url("661"))).Json(), "vera@661.dk")["own"]!.GetValue<bool>().ShouldBeFalse();

        using var auditor = await site.StaffAsync("revisor");
        var log = (await (await auditor.GetAsync("/api/v1/staff/audit?actor=projektleder-661")).Array()).Select(e => (string)e!["action"]!).ToList();
        log.Count(a => a == "rollout.reminders.chosen").ShouldBe(2);
        log.ShouldContain("rollout.reminders.default");
    }

    [Fact]
    public async Task BadChoices_Are422_AndChangeNothing()
    {
        using var leader = await site.StaffAsync("projektleder-665");
        await ExportSetup.GalleryAsync(leader, "665", ("Xenia Xylo", "xenia@665.dk"));
        object[] bad =
        [
            new { email = "xenia@665.dk", daysBefore = new[] { 2 }, repeatOverdueEveryDays = 7 },             // 2 days is not offered
            new { email = "xenia@665.dk", daysBefore = new[] { 3 }, repeatOverdueEveryDays = 0 },             // 0: say null
            new { email = "xenia@665.dk", daysBefore = new[] { 3 }, repeatOverdueEveryDays = 32 },
            new { email = "xenia@665.dk", daysBefore = new[] { 3 }, repeatOverdueEveryDays = 7, sendFrom = "8" },
            new { email = "xenia@665.dk", daysBefore = new[] { 3 } },                                          // repeat missing
            new { email = "xenia@665.dk", daysBefore = new[] { 3 }, repeatOverdueEveryDays = 7, colour = "red" },
            new { email = "xenia@665.dk", useDefault = true, daysBefore = new[] { 3 } },
            new { email = "stranger@665.dk", daysBefore = new[] { 3 }, repeatOverdueEveryDays = 7 },         // not in the gallery
            new { email = "not an address", daysBefore = new[] { 3 }, repeatOverdueEveryDays = 7 },
        ];
        foreach (var body in bad)
        {
            using var r = await leader.PutJson(Url("665"), body);
            r.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, System.Text.Json.JsonSerializer.Serialize(body));
            r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
        Person(await (await leader.GetAsync(Url("665"))).Json(), "xenia@665.dk")["own"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task APersonSetsTheirOwn_SeesOnlyTheirOwn_AndNobodyElsesMunicipality()
    {
        // The desk librarian of the sandbox is in 671's gallery with the address the staff sign-in gives her.
        using var leader = await site.StaffAsync("projektleder-671");
        await ExportSetup.GalleryAsync(leader, "671", ("Lise Bach", "bibliotekar@sandbox.feebridge.dk"), ("Yrsa Ydre", "yrsa@671.dk"));
        using var lise = await site.StaffAsync("bibliotekar");

        var own = await (await lise.GetAsync(Url("671"))).Json();
        own["people"]!.AsArray().Select(p => (string)p!["email"]!).ShouldBe(["bibliotekar@sandbox.feebridge.dk"]);
        (await lise.PutJson(Url("671"), new { email = "bibliotekar@sandbox.feebridge.dk", daysBefore = new[] { 1 }, repeatOverdueEveryDays = 3 }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        ((string)Person(await (await leader.GetAsync(Url("671"))).Json(), "bibliotekar@sandbox.feebridge.dk")["updatedBy"]!).ShouldBe("bibliotekar");

        // Someone else's choices, or another municipality's list, are not hers.
        (await lise.PutJson(Url("671"), new { email = "yrsa@671.dk", daysBefore = Array.Empty<int>(), repeatOverdueEveryDays = (int?)null }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        Person(await (await leader.GetAsync(Url("671"))).Json(), "yrsa@671.dk")["own"]!.GetValue<bool>().ShouldBeFalse();
        (await lise.GetAsync(Url("661"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var otherLeader = await site.StaffAsync("projektleder-661");
        (await otherLeader.GetAsync(Url("671"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await otherLeader.PutJson(Url("671"), new { email = "yrsa@671.dk", useDefault = true })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await site.Anonymous.GetAsync(Url("671"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await otherLeader.GetAsync(Url("999"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // KOMBIT reads every municipality's.
        using var kombit = await site.StaffAsync("kombit");
        (await (await kombit.GetAsync(Url("671"))).Json())["people"]!.AsArray().Count.ShouldBe(2);
    }
}

[Trait("store", "sqlite"), Collection(SqliteExportSite.Name)]
public sealed class ReminderChoiceApiOnSqlite(SqliteRolloutSite site) : ReminderChoiceApiTests(site);

[Trait("store", "postgresql"), Collection(PostgresExportSite.Name)]
public sealed class ReminderChoiceApiOnPostgres(PostgresRolloutSite site) : ReminderChoiceApiTests(site);

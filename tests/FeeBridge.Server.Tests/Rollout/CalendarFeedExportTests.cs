using System.Net;
using FeeBridge.Server.Tests.Infrastructure;
using IcalCalendar = Ical.Net.Calendar;

namespace FeeBridge.Server.Tests.Rollout;

/// <summary>
/// Calendar links per person (issue 15 part 4): the project leader makes a link for a person of the role gallery;
/// the link is the credential (a calendar program cannot sign in), shown once, renewed by asking again (the old one
/// is then 404), and never written to the log. The feed is iCalendar with one event per task the person is
/// accountable for or performs, whose UID stays the same when the task changes (so the event updates in place).
/// </summary>
public abstract class CalendarFeedExportTests(RolloutSite site)
{
    private const string Task26 = "Forbered og kommunikér internt";

    private static string FeedsUrl(string k) => $"/api/v1/rollout/municipalities/{k}/calendar-feeds";

    [Fact]
    public async Task AFeed_ParsesWithIcalNet_AndTheUidStaysAcrossFetchesAndATaskChange()
    {
        using var leader = await site.StaffAsync("projektleder-269");
        await ExportSetup.GalleryAsync(leader, "269", ("Sofie Solrød", "sofie@solrod.dk"));
        var (id, url) = await ExportSetup.TaskAsync(leader, "269", Task26);
        (await leader.Patch(url, new { accountable = "sofie@solrod.dk", deadline = "2027-03-01" })).EnsureSuccessStatusCode();

        using var issued = await leader.PostJson(FeedsUrl("269"), new { email = "sofie@solrod.dk" });
        issued.StatusCode.ShouldBe(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        issued.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var link = (string)(await issued.Json())["url"]!;
        link.ShouldEndWith(".ics");

        // No staff sign-in: a calendar program has only the link.
        using var first = await site.Anonymous.GetAsync(link);
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        first.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var before = IcalCalendar.Load(await first.Content.ReadAsStringAsync())!;
        var e1 = before.Events.Single();
        e1.Summary!.ShouldContain(Task26, Case.Sensitive);
        e1.DtStart!.Date.ShouldBe(new DateOnly(2027, 3, 1));

        var again = IcalCalendar.Load(await site.Anonymous.GetStringAsync(link))!.Events.Single();
        again.Uid.ShouldBe(e1.Uid);

        (await leader.Patch(url, new { deadline = "2027-03-08", status = "in-progress" })).EnsureSuccessStatusCode();
        var changed = IcalCalendar.Load(await site.Anonymous.GetStringAsync(link))!.Events.Single();
        changed.Uid.ShouldBe(e1.Uid);                     // the same event, updated in place
        changed.DtStart!.Date.ShouldBe(new DateOnly(2027, 3, 8));
        changed.Sequence.ShouldBeGreaterThan(e1.Sequence);
        changed.Uid!.ShouldContain(id, Case.Sensitive);
    }

    [Fact]
    public async Task AskingAgain_RenewsTheLink_TheOldOneIs404_AndNoTokenIsEverLogged()
    {
        using var leader = await site.StaffAsync("projektleder-270");
        await ExportSetup.GalleryAsync(leader, "270", ("Gitte Gribskov", "gitte@gribskov.dk"));
        var old = (string)(await (await leader.PostJson(FeedsUrl("270"), new { email = "gitte@gribskov.dk" })).Json())["url"]!;
        (await site.Anonymous.GetAsync(old)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var renewed = await leader.PostJson(FeedsUrl("270"), new { email = "gitte@gribskov.dk" });
        renewed.StatusCode.ShouldBe(HttpStatusCode.Created);
        var fresh = (string)(await renewed.Json())["url"]!;
        fresh.ShouldNotBe(old);
        (await site.Anonymous.GetAsync(old)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await site.Anonymous.GetAsync(fresh)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await site.Anonymous.GetAsync("/api/v1/rollout/calendar/not-a-token.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var tokens = new[] { old, fresh }.Select(u => u[(u.LastIndexOf('/') + 1)..^".ics".Length]).ToList();
        tokens.ShouldAllBe(t => t.Length == 43);
        site.FeeBridge.Output.ShouldNotBeEmpty();         // the process does log (so the check below can fail)
        foreach (var token in tokens) site.FeeBridge.Output.ShouldNotContain(line => line.Contains(token, StringComparison.Ordinal));

        // The audit keeps that a link was made and renewed, for whom, never the link.
        using var auditor = await site.StaffAsync("revisor");
        var log = await (await auditor.GetAsync("/api/v1/staff/audit?actor=projektleder-270")).Array();
        log.Select(e => (string)e!["action"]!).ShouldContain("rollout.calendar-feed.issued");
        log.Select(e => (string)e!["action"]!).ShouldContain("rollout.calendar-feed.renewed");
        foreach (var token in tokens) log.ToJsonString().ShouldNotContain(token);
    }

    [Fact]
    public async Task OnlyTheProjectLeader_MakesLinks_AndOnlyForAPersonOfTheGallery()
    {
        using var leader = await site.StaffAsync("projektleder-306");
        await ExportSetup.GalleryAsync(leader, "306", ("Ole Odsherred", "ole@odsherred.dk"));
        (await leader.PostJson(FeedsUrl("306"), new { email = "stranger@example.dk" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await leader.PostJson(FeedsUrl("306"), new { email = "not an address" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await leader.PostJson(FeedsUrl("306"), new { mail = "ole@odsherred.dk" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        using var kombit = await site.StaffAsync("kombit");
        (await kombit.PostJson(FeedsUrl("306"), new { email = "ole@odsherred.dk" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var other = await site.StaffAsync("projektleder-316");
        (await other.PostJson(FeedsUrl("306"), new { email = "ole@odsherred.dk" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await leader.PostJson(FeedsUrl("999"), new { email = "ole@odsherred.dk" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await site.Anonymous.PostJson(FeedsUrl("306"), new { email = "ole@odsherred.dk" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await leader.PostJson(FeedsUrl("306"), new { email = "ole@odsherred.dk" })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task TheFeed_HoldsOnlyThePersonsTasksWithADeadline()
    {
        using var leader = await site.StaffAsync("projektleder-320");
        await ExportSetup.GalleryAsync(leader, "320", ("Frida Faxe", "frida@faxe.dk"), ("Finn Faxe", "finn@faxe.dk"));
        var tasks = await (await leader.GetAsync("/api/v1/rollout/municipalities/320/tasks")).Array();
        var ids = tasks.Select(t => (string)t!["taskId"]!).ToList();
        ids.Count.ShouldBeGreaterThanOrEqualTo(3);
        string Url(string id) => $"/api/v1/rollout/municipalities/320/tasks/{Uri.EscapeDataString(id)}";
        (await leader.Patch(Url(ids[0]), new { performer = "frida@faxe.dk", deadline = "2027-04-01" })).EnsureSuccessStatusCode();
        (await leader.Patch(Url(ids[1]), new { performer = "frida@faxe.dk" })).EnsureSuccessStatusCode();               // no deadline
        (await leader.Patch(Url(ids[2]), new { performer = "finn@faxe.dk", deadline = "2027-04-02" })).EnsureSuccessStatusCode(); // someone else's

        var link = (string)(await (await leader.PostJson(FeedsUrl("320"), new { email = "frida@faxe.dk" })).Json())["url"]!;
        var events = IcalCalendar.Load(await site.Anonymous.GetStringAsync(link))!.Events;
        events.Count.ShouldBe(1);
        events.Single().Uid!.ShouldContain(ids[0], Case.Sensitive);
    }
}

[Trait("store", "sqlite"), Collection(SqliteExportSite.Name)]
public sealed class CalendarFeedExportOnSqlite(SqliteRolloutSite site) : CalendarFeedExportTests(site);

[Trait("store", "postgresql"), Collection(PostgresExportSite.Name)]
public sealed class CalendarFeedExportOnPostgres(PostgresRolloutSite site) : CalendarFeedExportTests(site);

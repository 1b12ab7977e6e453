using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout.CommunicationPlan;

/// <summary>
/// Sending from the communication plan (issue 16 part 4) through a real SMTP server (exim, scripts/smtp.sh) and the
/// sandbox SMS gateway: each recipient's delivery recorded (accepted, or failed with the server's reason), a bounce
/// shown in the role gallery for that person (DOMAIN.md §8: "an address that bounces means the municipality misses
/// information"), the row marked done and tasks 26/27 given their evidence; SMS accepted, then delivered or failed,
/// Danish numbers only; the same idempotency key never sends twice.
/// </summary>
public abstract class CommunicationSendTests(CommunicationPlanSite site)
{
    private static string Plan(string code) => $"/api/v1/rollout/municipalities/{code}/communication-plan";

    private static async Task<HttpResponseMessage> SendAsync(HttpClient leader, string code, string rowId, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Plan(code) + $"/rows/{rowId}/sends") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await leader.SendAsync(request);
    }

    private static async Task<JsonNode> FinishedAsync(HttpClient leader, string code, string sendId) =>
        await Eventually.Until(async () => await (await leader.GetAsync(Plan(code) + "/sends/" + sendId)).Json(), s => s["completedAt"] is not null);

    private static async Task<JsonNode> TaskAsync(HttpClient leader, string code, string titleWord) =>
        (await (await leader.GetAsync($"/api/v1/rollout/municipalities/{code}/tasks")).Array())
            .First(t => ((string)t!["title"]!).Contains(titleWord, StringComparison.Ordinal))!;

    [Fact]
    public async Task AnEmailToARoleAndAnAddress_ReachesEachOnce_ShowsTheBounceInTheGallery_MarksTheRowDone_AndGivesTask26Evidence()
    {
        using var leader = await site.StaffAsync("projektleder-573");
        var (_, staff, bouncing) = await site.GalleryAsync(leader, "573");
        var extra = ReminderMailServer.NewAddress("chef");
        (await leader.GetAsync(Plan("573"))).EnsureSuccessStatusCode();
        // Before anything was sent, task 26 has nothing to show.
        (await TaskAsync(leader, "573", "internt"))["evidence"]!.AsArray().ShouldBeEmpty();

        var body = new { channel = "email", subject = "Bibliotekets gebyrer flytter", text = "Fra næste måned betaler borgerne på kommunens side.", roles = new[] { "bibliotekspersonale" }, addresses = new[] { extra } };
        using var sent = await SendAsync(leader, "573", "d-01", body, "573-mail-1");
        sent.StatusCode.ShouldBe(HttpStatusCode.Accepted, await sent.Content.ReadAsStringAsync());
        var sendId = (string)(await sent.Json())["sendId"]!;
        sent.Headers.Location!.ToString().ShouldEndWith("/sends/" + sendId);

        var send = await FinishedAsync(leader, "573", sendId);
        var deliveries = send["deliveries"]!.AsArray().ToDictionary(d => (string)d!["recipient"]!, d => d!);
        deliveries.Count.ShouldBe(3);
        ((string)deliveries[staff]["state"]!).ShouldBe("accepted");
        ((string)deliveries[extra]["state"]!).ShouldBe("accepted");
        ((string)deliveries[bouncing]["state"]!).ShouldBe("failed");
        ((string)deliveries[bouncing]["reason"]!).ShouldContain("550");
        var mail = ReminderMailServer.MessagesTo(staff).ShouldHaveSingleItem();
        mail.Subject.ShouldBe("Bibliotekets gebyrer flytter");
        (mail.TextBody ?? "").ShouldContain("kommunens side");
        ReminderMailServer.MessagesTo(extra).Count.ShouldBe(1);
        ReminderMailServer.MessagesTo(bouncing).ShouldBeEmpty();

        // The bounce, in the role gallery, for that person.
        var warnings = (await (await leader.GetAsync("/api/v1/rollout/municipalities/573/organisation")).Json())["warnings"]!.AsArray().Select(w => (string)w!).ToList();
        warnings.ShouldContain(w => w.Contains(bouncing, StringComparison.Ordinal));
        // The row is done; task 26 has its evidence from what was sent.
        var row = (await (await leader.GetAsync(Plan("573"))).Json())["rows"]!.AsArray().First(r => (string)r!["rowId"]! == "d-01")!;
        ((string)row["status"]!).ShouldBe("done");
        var evidence = (await TaskAsync(leader, "573", "internt"))["evidence"]!.AsArray().ShouldHaveSingleItem()!;
        ((string)evidence["check"]!).ShouldBe("internal-communication");
        ((bool)evidence["passed"]!).ShouldBeTrue();
        ((string)evidence["detail"]!).ShouldStartWith("Sendt til 2 modtagere den ");
        (await TaskAsync(leader, "573", "eksternt"))["evidence"]!.AsArray().ShouldBeEmpty();
        using var auditor = await site.StaffAsync("revisor");
        (await (await auditor.GetAsync("/api/v1/staff/audit?actor=projektleder-573")).Array())
            .ShouldContain(e => (string)e!["action"]! == "rollout.communication.sent" && ((string)e["record"]!).EndsWith("/sends/" + sendId, StringComparison.Ordinal));

        // The same key again: the first send, not a second; the same key for something else: 409.
        using var again = await SendAsync(leader, "573", "d-01", body, "573-mail-1");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((string)(await again.Json())["sendId"]!).ShouldBe(sendId);
        (await SendAsync(leader, "573", "d-01", new { channel = "email", subject = "Andet", text = "Noget andet", addresses = new[] { extra } }, "573-mail-1"))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await Task.Delay(TimeSpan.FromSeconds(3)); // rounds every second: time enough for a wrong second mail to arrive
        ReminderMailServer.MessagesTo(staff).Count.ShouldBe(1);
        (await (await leader.GetAsync(Plan("573") + "/sends")).Array()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task AnSms_IsAcceptedThenDeliveredOrFailed_ABadNumberIsRefused_AndTheExternalTaskGetsEvidence()
    {
        using var leader = await site.StaffAsync("projektleder-575");
        (await leader.GetAsync(Plan("575"))).EnsureSuccessStatusCode();
        using var bad = await SendAsync(leader, "575", "d-09", new { channel = "sms", text = "Gebyrer betales nu på kommunens side.", numbers = new[] { "2012 3456", "+46 701234567", "1234" } }, "575-bad");
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await bad.Json())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["numbers[1]", "numbers[2]"], ignoreOrder: true);
        (await SendAsync(leader, "575", "d-09", new { channel = "sms", text = "", numbers = new[] { "20123456" } }, "575-empty")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await SendAsync(leader, "575", "d-09", new { channel = "fax", text = "x" }, "575-fax")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await leader.PostAsJsonAsync(Plan("575") + "/rows/d-09/sends", new { channel = "sms", text = "x", numbers = new[] { "20123456" } })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity); // no key
        (await (await leader.GetAsync(Plan("575") + "/sends")).Array()).ShouldBeEmpty();

        using var sent = await SendAsync(leader, "575", "d-09", new { channel = "sms", text = "Fra 1. marts betaler du gebyrer på kommunens side med MitID. Hilsen Vejen Bibliotekerne", numbers = new[] { "20 12 34 56", "+45 30120000", "40129999" } }, "575-sms-1");
        sent.StatusCode.ShouldBe(HttpStatusCode.Accepted, await sent.Content.ReadAsStringAsync());
        var first = await sent.Json();
        ((int)first["segments"]!).ShouldBe(1);
        var send = await FinishedAsync(leader, "575", (string)first["sendId"]!);
        var d = send["deliveries"]!.AsArray().ToDictionary(x => (string)x!["recipient"]!, x => x!);
        ((string)d["+4520123456"]["state"]!).ShouldBe("delivered");
        ((string)d["+4530120000"]["state"]!).ShouldBe("failed");
        ((string)d["+4530120000"]["reason"]!).ShouldContain("ikke i brug"); // accepted first, failed on the gateway's report
        ((string)d["+4540129999"]["state"]!).ShouldBe("failed");
        ((string)d["+4540129999"]["reason"]!).ShouldContain("spærret");   // refused at once

        var row = (await (await leader.GetAsync(Plan("575"))).Json())["rows"]!.AsArray().First(r => (string)r!["rowId"]! == "d-09")!;
        ((string)row["status"]!).ShouldBe("done");
        var evidence = (await TaskAsync(leader, "575", "eksternt"))["evidence"]!.AsArray().ShouldHaveSingleItem()!;
        ((string)evidence["check"]!).ShouldBe("external-communication");
        ((string)evidence["detail"]!).ShouldStartWith("Sendt til 1 modtager den ");
        // KOMBIT reads what was sent, and sends nothing.
        using var kombit = await site.StaffAsync("kombit");
        (await kombit.GetAsync(Plan("575") + "/sends")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SendAsync(kombit, "575", "d-09", new { channel = "sms", text = "x", numbers = new[] { "20123456" } }, "kombit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

[Trait("store", "sqlite")]
public sealed class CommunicationSendOnSqlite(SqliteCommunicationPlanSite site) : CommunicationSendTests(site), IClassFixture<SqliteCommunicationPlanSite>;

[Trait("store", "postgresql")]
public sealed class CommunicationSendOnPostgres(PostgresCommunicationPlanSite site) : CommunicationSendTests(site), IClassFixture<PostgresCommunicationPlanSite>;

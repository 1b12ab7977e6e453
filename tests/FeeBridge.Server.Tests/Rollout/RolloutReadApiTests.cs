using System.Net;
using System.Text.Json.Nodes;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout;

/// <summary>
/// The task list and KOMBIT's progress are written from JSON kept per unchanged task and count (docs/architecture.md
/// "Reading the rollout fast"); what they answer must stay what CONTRACTS.md §6 says and follow every change at once.
/// </summary>
public abstract class RolloutReadApiTests(RolloutSite site)
{
    private const string Project = "fbs-debitorintegration";

    // CONTRACTS.md §6 GET …/tasks: "master task fields plus taskId, status, accountable, performer, deadline, notes,
    // evidence" — every field the one-task answer has, none left for the task page only.
    [Fact]
    public async Task EveryTaskInTheList_IsTheOneTaskAnswer_FieldForField_AlsoAfterAChange()
    {
        using var leader = await site.StaffAsync("projektleder-201");
        const string list = "/api/v1/rollout/municipalities/201/tasks";
        var tasks = await (await leader.GetAsync(list)).Array();
        tasks.Count.ShouldBe(3);
        await ShouldEqualTheOneTaskAnswersAsync(leader, tasks);
        foreach (var field in new[] { "goal", "description", "method", "result", "involvedParties", "links", "warnings", "evidence", "notes" })
            tasks.ShouldAllBe(t => t!.AsObject().ContainsKey(field));

        var id = (string)tasks[0]!["taskId"]!;
        using var changed = await leader.Patch($"{list}/{id}", new { status = "in-progress", note = "Kickoff holdt." });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());

        var after = await (await leader.GetAsync(list)).Array();
        var task = after.Single(t => (string)t!["taskId"]! == id)!;
        ((string)task["status"]!).ShouldBe("in-progress");
        ((int)task["revision"]!).ShouldBe((int)tasks[0]!["revision"]! + 1);
        task["notes"]!.AsArray().ShouldContain(n => (string)n!["text"]! == "Kickoff holdt.");
        await ShouldEqualTheOneTaskAnswersAsync(leader, after);
        // A filter reads through the same path.
        (await (await leader.GetAsync($"{list}?status=in-progress")).Array()).ShouldHaveSingleItem()!["taskId"]!.GetValue<string>().ShouldBe(id);
    }

    [Fact]
    public async Task KombitsProgress_CountsAChangeAtTheNextRead()
    {
        using var kombit = await site.StaffAsync("kombit");
        var before = await ProgressOfAsync(kombit, "210");
        var again = await ProgressOfAsync(kombit, "210");
        again.ToJsonString().ShouldBe(before.ToJsonString());

        using var leader = await site.StaffAsync("projektleder-210");
        var id = (string)(await (await leader.GetAsync("/api/v1/rollout/municipalities/210/tasks")).Array())[0]!["taskId"]!;
        (await leader.Patch($"/api/v1/rollout/municipalities/210/tasks/{id}", new { status = "not-relevant", reason = "Ikke relevant for Fredensborg." }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var after = await ProgressOfAsync(kombit, "210");
        ((int)after["totals"]!["notRelevant"]!).ShouldBe((int)before["totals"]!["notRelevant"]! + 1);
        ((int)after["totals"]!["total"]!).ShouldBe((int)before["totals"]!["total"]! - 1);
    }

    private static async Task ShouldEqualTheOneTaskAnswersAsync(HttpClient leader, JsonArray tasks)
    {
        foreach (var t in tasks)
        {
            var one = await (await leader.GetAsync($"/api/v1/rollout/municipalities/201/tasks/{t!["taskId"]}")).Json();
            JsonNode.DeepEquals(t, one).ShouldBeTrue($"{t.ToJsonString()}\n≠\n{one.ToJsonString()}");
        }
    }

    private static async Task<JsonNode> ProgressOfAsync(HttpClient kombit, string code)
    {
        using var r = await kombit.GetAsync($"/api/v1/rollout/projects/{Project}/progress");
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var body = await r.Json();
        return body["municipalities"]!.AsArray().Single(m => (string)m!["municipality"]!["value"]! == code)!["progress"]!;
    }
}

[Trait("store", "sqlite")]
public sealed class RolloutReadApiOnSqlite(SqliteRolloutSite site) : RolloutReadApiTests(site), IClassFixture<SqliteRolloutSite>;

[Trait("store", "postgresql")]
public sealed class RolloutReadApiOnPostgres(PostgresRolloutSite site) : RolloutReadApiTests(site), IClassFixture<PostgresRolloutSite>;

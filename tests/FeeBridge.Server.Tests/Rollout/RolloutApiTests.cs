using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout;

/// <summary>
/// The rollout workspace through its API (CONTRACTS.md §6) with staff bearer tokens (§5): sandbox mode starts with the
/// project's master tasks imported from the source documents; a project leader reads and changes only their own
/// municipality (403 otherwise), KOMBIT reads all and imports, every change is in the task's history and the audit log.
/// </summary>
public abstract class RolloutApiTests(RolloutSite site)
{
    private const string Project = "fbs-debitorintegration";

    private static string Source(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Rollout", "Sources", name));

    [Fact]
    public async Task NoToken_Is401_AndAnotherMunicipalitysWorkspace_Is403WithAProblem()
    {
        (await site.Anonymous.GetAsync("/api/v1/rollout/municipalities/101/tasks")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var leader = await site.StaffAsync("projektleder-101");
        using var other = await leader.GetAsync("/api/v1/rollout/municipalities/751/tasks");
        other.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        other.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await leader.GetAsync("/api/v1/rollout/municipalities/999/tasks")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A token that is not one the stand-in signed opens nothing.
        using var forged = new HttpClient { BaseAddress = site.Address };
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbImFkbWluIl19.");
        (await forged.GetAsync("/api/v1/rollout/municipalities/101/tasks")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SandboxMode_StartsWithTheSourceDocumentsImported_AndEveryMunicipalityHasItsCopies()
    {
        using var kombit = await site.StaffAsync("kombit");
        var masters = await (await kombit.GetAsync($"/api/v1/rollout/projects/{Project}/master-tasks")).Array();
        var titles = masters.Select(m => (string)m!["title"]!).ToList();
        titles.ShouldContain("Etabler organisering");
        titles.ShouldContain("Forbered og kommunikér internt");
        titles.Count.ShouldBe(3); // task 23 came twice (PDF text and the export): one task
        masters.Single(m => (string)m!["title"]! == "Etabler organisering")!["masterTaskId"]!.GetValue<int>().ShouldBe(23);

        using var leader = await site.StaffAsync("projektleder-147");
        var tasks = await (await leader.GetAsync($"/api/v1/rollout/municipalities/147/tasks?project={Project}")).Array();
        tasks.Count.ShouldBe(3);
        tasks.ShouldAllBe(t => (string)t!["status"]! == "not-started");
    }

    [Fact]
    public async Task AProjectLeader_ChangesTheirTask_AndTheHistoryAndTheAuditLogKeepIt()
    {
        using var leader = await site.StaffAsync("projektleder-151");
        var task = (await (await leader.GetAsync("/api/v1/rollout/municipalities/151/tasks")).Array())
            .First(t => (string)t!["title"]! == "Forbered og kommunikér internt")!;
        var url = $"/api/v1/rollout/municipalities/151/tasks/{task["taskId"]}";

        using var changed = await leader.Patch(url, new { status = "in-progress", deadline = "2027-01-22", note = "Kommunikationsplan i gang" });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var body = await changed.Json();
        ((string)body["status"]!).ShouldBe("in-progress");
        ((string)body["deadline"]!).ShouldBe("2027-01-22");

        // All of it or none: a bad deadline next to a good status changes nothing.
        using var bad = await leader.Patch(url, new { status = "done", deadline = "22-01-2027" });
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((string)(await (await leader.GetAsync(url)).Json())["status"]!).ShouldBe("in-progress");

        // A person who is not in the role gallery cannot be accountable.
        (await leader.Patch(url, new { accountable = "nobody@example.dk" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        var history = await (await leader.GetAsync(url + "/history")).Array();
        history.Select(h => (string)h!["field"]!).ShouldContain("status");
        history.ShouldContain(h => (string)h!["field"]! == "status" && (string?)h["after"] == "in-progress" && (string)h["who"]! == "projektleder-151");

        using var kombit = await site.StaffAsync("kombit");
        (await kombit.Patch(url, new { status = "done" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await kombit.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var auditor = await site.StaffAsync("revisor");
        var log = await (await auditor.GetAsync($"/api/v1/staff/audit?actor=projektleder-151")).Array();
        log.ShouldContain(e => (string)e!["action"]! == "rollout.task.changed" && ((string)e["record"]!).StartsWith("rollout/151/", StringComparison.Ordinal));
        (await leader.GetAsync("/api/v1/staff/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Importing_IsForKombit_ANonKlikDocumentIs422_AndAChangedTextIsANewVersionTheCopiesFollow()
    {
        using var leader = await site.StaffAsync("projektleder-153");
        using var text = new StringContent(Source("000_1f82e45042e70add.txt"), Encoding.UTF8, "text/plain");
        (await leader.PostAsync($"/api/v1/rollout/projects/{Project}/master-tasks/import", text)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var kombit = await site.StaffAsync("kombit");
        using var webinar = await kombit.PostAsync($"/api/v1/rollout/projects/{Project}/master-tasks/import?dryRun=true",
            new StringContent(Source("004_99e4a4c59c4ca046.txt"), Encoding.UTF8, "text/plain"));
        webinar.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((string)(await webinar.Json())["detail"]!).ShouldNotBeNullOrWhiteSpace();

        // The project leader of 153 has started task 26; KOMBIT publishes a changed text.
        var task = (await (await leader.GetAsync("/api/v1/rollout/municipalities/153/tasks")).Array())
            .First(t => (string)t!["title"]! == "Forbered og kommunikér internt")!;
        var url = $"/api/v1/rollout/municipalities/153/tasks/{task["taskId"]}";
        (await leader.Patch(url, new { status = "in-progress", note = "Vores egen note" })).EnsureSuccessStatusCode();

        var changedText = Source("000_1f82e45042e70add.txt").Replace("Fase 2: Forberedelse", "Fase 3: Gennemførsel", StringComparison.Ordinal);
        using var preview = await kombit.PostAsync($"/api/v1/rollout/projects/{Project}/master-tasks/import?dryRun=true",
            new StringContent(changedText, Encoding.UTF8, "text/plain"));
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((string)(await preview.Json())["tasks"]![0]!["phase"]!).ShouldBe("Fase 3: Gennemførsel");
        ((string)(await (await leader.GetAsync(url)).Json())["phase"]!).ShouldBe("Fase 2: Forberedelse"); // a preview saves nothing

        using var saved = await kombit.PostAsync($"/api/v1/rollout/projects/{Project}/master-tasks/import",
            new StringContent(changedText, Encoding.UTF8, "text/plain"));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var version = (int)(await saved.Json())["tasks"]![0]!["version"]!;
        version.ShouldBeGreaterThan(1);

        var followed = await (await leader.GetAsync(url)).Json();
        ((string)followed["phase"]!).ShouldBe("Fase 3: Gennemførsel");
        ((int)followed["version"]!).ShouldBe(version);
        ((string)followed["status"]!).ShouldBe("in-progress");
        followed["notes"]!.AsArray().ShouldContain(n => (string)n!["text"]! == "Vores egen note");
        followed["changedInLastVersion"]!.AsArray().Select(f => (string)f!).ShouldContain("phase");

        // The same text again changes nothing.
        using var again = await kombit.PostAsync($"/api/v1/rollout/projects/{Project}/master-tasks/import",
            new StringContent(changedText, Encoding.UTF8, "text/plain"));
        ((int)(await again.Json())["tasks"]![0]!["version"]!).ShouldBe(version);
    }

    [Fact]
    public async Task TheRoleGallery_IsSavedByTheProjectLeader_WithWarningsForWhatIsMissing()
    {
        using var leader = await site.StaffAsync("projektleder-155");
        var empty = await (await leader.GetAsync("/api/v1/rollout/municipalities/155/organisation")).Json();
        empty["warnings"]!.AsArray().Count.ShouldBeGreaterThan(0);

        using var saved = await leader.PutAsJsonAsync("/api/v1/rollout/municipalities/155/organisation", new
        {
            roles = new object[]
            {
                new { role = "projektleder", people = new[] { new { name = "Pia Projekt", email = "pia@dragoer.dk", primary = true } } },
            },
            competences = Array.Empty<object>(),
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var gallery = await saved.Json();
        gallery["roles"]!.AsArray().ShouldContain(r => (string)r!["role"]! == "projektleder" && r["people"]!.AsArray().Count == 1);
        var warnings = gallery["warnings"]!.AsArray().Select(w => (string)w!).ToList();
        warnings.ShouldNotContain(w => w.Contains("Projektleder", StringComparison.OrdinalIgnoreCase) && w.Contains("ingen", StringComparison.OrdinalIgnoreCase));
        warnings.Count.ShouldBeGreaterThan(0); // the other roles are still empty

        // Now the project leader is a person of the gallery, and can be made accountable.
        var task = (await (await leader.GetAsync("/api/v1/rollout/municipalities/155/tasks")).Array())[0]!;
        (await leader.Patch($"/api/v1/rollout/municipalities/155/tasks/{task["taskId"]}", new { accountable = "pia@dragoer.dk" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var invalid = await leader.PutAsJsonAsync("/api/v1/rollout/municipalities/155/organisation", new
        {
            roles = new object[] { new { role = "projektleder", people = new[] { new { name = "", email = "not-an-address", primary = true } } } },
            competences = Array.Empty<object>(),
        });
        invalid.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await leader.PutAsJsonAsync("/api/v1/rollout/municipalities/157/organisation", new { roles = Array.Empty<object>(), competences = Array.Empty<object>() }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task KombitsProgress_CoversEveryMunicipality_AndIsNotForProjectLeaders()
    {
        using var kombit = await site.StaffAsync("kombit");
        using var r = await kombit.GetAsync($"/api/v1/rollout/projects/{Project}/progress");
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        var text = await r.Content.ReadAsStringAsync();
        text.ShouldContain("101");
        using var leader = await site.StaffAsync("projektleder-159");
        (await leader.GetAsync($"/api/v1/rollout/projects/{Project}/progress")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AProjectLeader_AddsALocalTask_WhichIsChangedLikeAnyOther_AndOnlyInTheirOwnMunicipality()
    {
        using var leader = await site.StaffAsync("projektleder-185");
        using var created = await leader.PostAsJsonAsync("/api/v1/rollout/municipalities/185/tasks",
            new { project = Project, title = "Informér borgerservice om de nye betalingsveje", phase = "Fase 2: Forberedelse" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var task = await created.Json();
        ((string)task["origin"]!).ShouldBe("local");
        var url = created.Headers.Location!.ToString();
        (await leader.Patch(url, new { status = "done" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = await (await leader.GetAsync("/api/v1/rollout/municipalities/185/tasks?status=done")).Array();
        list.ShouldContain(t => (string)t!["taskId"]! == (string)task["taskId"]!);

        (await leader.PostAsJsonAsync("/api/v1/rollout/municipalities/185/tasks", new { project = Project, title = "" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await leader.PostAsJsonAsync("/api/v1/rollout/municipalities/187/tasks", new { project = Project, title = "Ikke min" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Me_NamesTheUserAndTheirScopedRoles()
    {
        using var librarian = await site.StaffAsync("bibliotekar");
        var me = await (await librarian.GetAsync("/api/v1/staff/me")).Json();
        ((string)me["user"]!).ShouldBe("bibliotekar");
        me["roles"]!.AsArray().Select(x => (string)x!).ShouldBe(["library-staff:710100"]);
    }
}

[Trait("store", "sqlite")]
public sealed class RolloutApiOnSqlite(SqliteRolloutSite site) : RolloutApiTests(site), IClassFixture<SqliteRolloutSite>;

[Trait("store", "postgresql")]
public sealed class RolloutApiOnPostgres(PostgresRolloutSite site) : RolloutApiTests(site), IClassFixture<PostgresRolloutSite>;

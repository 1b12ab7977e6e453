using System.Net;
using System.Net.Http.Json;
using FeeBridge.Rollout.Communication.Drafts;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout.Drafts;

/// <summary>
/// Issue 16 part 2 over HTTP: <c>/api/v1/rollout/municipalities/{kommunekode}/drafts[/{channel}]</c> — every channel's
/// draft rendered from the live configuration, the template editable per municipality with its history, 422 saying
/// where on a template that does not parse, the scope of the other rollout endpoints, every change audited; and the
/// markers "a fact changed" (old → new) until someone marks the draft seen.
/// </summary>
public abstract class DraftApiTests(DraftSite site)
{
    private static string Url(string code, string? channel = null) =>
        $"/api/v1/rollout/municipalities/{code}/drafts" + (channel is null ? "" : "/" + channel);

    [Fact]
    public async Task EveryChannel_IsListed_RenderedFromTheConfiguration()
    {
        using var leader = await site.StaffAsync("projektleder-621");
        using var r = await leader.GetAsync(Url("621"));
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var drafts = await r.Array();
        drafts.Select(d => (string)d!["channel"]!).ShouldBe(DraftChannels.All.Select(c => c.Id));
        foreach (var d in drafts)
        {
            ((bool)d!["isDefault"]!).ShouldBeTrue();
            ((string)d["rendered"]!).ShouldContain("Kolding");
        }
        var management = (string)drafts.Single(d => (string)d!["channel"]! == "ledelse")!["rendered"]!;
        management.ShouldContain("Kolding Bibliotekerne: fra 1. februar 2027");
        management.ShouldContain("Kolding Skolebiblioteker: fra 5. april 2027");
        management.ShouldContain("Krav under 50 kr. venter");
        management.ShouldContain("https://www.kolding.dk/betal");
        var sms = drafts.Single(d => (string)d!["channel"]! == "sms")!;
        ((string)sms["format"]!).ShouldBe("text");
        sms["smsTexts"]!.AsArray().Count.ShouldBe(3);
        ((string)sms["smsTexts"]![0]!["encoding"]!).ShouldBe("GSM-7");
    }

    [Fact]
    public async Task AnotherMunicipalitysDrafts_Are403_NoToken401_AnUnknownChannel404()
    {
        using var leader = await site.StaffAsync("projektleder-580");
        (await leader.GetAsync(Url("607"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await leader.PutAsJsonAsync(Url("607", "sms"), new { template = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await site.Anonymous.GetAsync(Url("580"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await leader.GetAsync(Url("580", "plakat-i-farver"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var kombit = await site.StaffAsync("kombit");
        (await kombit.GetAsync(Url("580", "ledelse"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await kombit.PutAsJsonAsync(Url("580", "ledelse"), new { template = "<p>x</p>" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden,
            "KOMBIT reads every municipality's workspace; it changes none");
    }

    [Fact]
    public async Task ATemplate_IsSavedAsANewVersion_RenderedSanitised_KeptInTheHistory_AndAudited()
    {
        using var leader = await site.StaffAsync("projektleder-607");
        using var first = await leader.PutAsJsonAsync(Url("607", "intranet"), new { template = "<h2>Nyt fra {{ kommune.navn }}</h2><p>Fra {{ skaeringsdato }}.</p><script>alert(1)</script>" });
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var saved = await first.Json();
        ((int)saved["version"]!).ShouldBe(1);
        ((bool)saved["isDefault"]!).ShouldBeFalse();
        ((string)saved["rendered"]!).ShouldBe("<h2>Nyt fra Fredericia Kommune</h2><p>Fra 3. maj 2027.</p>");
        (await leader.PutAsJsonAsync(Url("607", "intranet"), new { template = "<p>{{ minimum }}</p>" })).EnsureSuccessStatusCode();

        var current = await (await leader.GetAsync(Url("607", "intranet"))).Json();
        ((int)current["version"]!).ShouldBe(2);
        ((string)current["rendered"]!).ShouldBe("<p>75 kr.</p>");
        var history = await (await leader.GetAsync(Url("607", "intranet") + "/history")).Array();
        history.Select(h => (int)h!["version"]!).ShouldBe([2, 1]);
        ((string)history[1]!["template"]!).ShouldContain("Nyt fra {{ kommune.navn }}");

        using var auditor = await site.StaffAsync("revisor");
        var log = await (await auditor.GetAsync("/api/v1/staff/audit?actor=projektleder-607")).Array();
        log.Count(e => (string)e!["action"]! == "rollout.draft.saved" && (string)e["record"]! == "rollout/607/drafts/intranet").ShouldBe(2);
    }

    [Theory]
    [InlineData("{% if %}", "linje 1, tegn 6")]
    [InlineData("<p>\n{% for b in biblioteker %}\n{{ b.navn }}", "linje 3")]
    [InlineData("   ", "tom")]
    public async Task ATemplateThatDoesNotParse_Is422SayingWhere_AndNothingIsSaved(string template, string where)
    {
        using var leader = await site.StaffAsync("projektleder-615");
        using var r = await leader.PutAsJsonAsync(Url("615", "nyhedsbrev"), new { template });
        r.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var reason = (string)(await r.Json())["errors"]!["template"]![0]!;
        reason.ShouldContain(where);
        ((bool)(await (await leader.GetAsync(Url("615", "nyhedsbrev"))).Json())["isDefault"]!).ShouldBeTrue("nothing was saved");
        (await (await leader.GetAsync(Url("615", "nyhedsbrev") + "/history")).Array()).ShouldBeEmpty();
    }

    [Fact]
    public async Task ATemplateThatNeverEnds_Is422_AndAnEditorReachesNoDotNetMember()
    {
        using var leader = await site.StaffAsync("projektleder-615");
        (await leader.PutAsJsonAsync(Url("615", "skranke"), new { template = "{% for i in (1..1000000) %}{% for j in (1..1000000) %}x{% endfor %}{% endfor %}" }))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        using var r = await leader.PostAsJsonAsync(Url("615", "skranke") + "/preview", new { template = "[{{ kommune.GetType }}][{{ kommune.navn.Length }}]{{ kommune.navn }}" });
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((string)(await r.Json())["rendered"]!).ShouldBe("[][]Horsens Kommune");
        (await (await leader.GetAsync(Url("615", "skranke") + "/history")).Array()).ShouldBeEmpty("a preview saves nothing");
    }

    [Fact]
    public async Task AChangedFact_ShowsOldToNew_UntilSomeoneMarksTheDraftSeen()
    {
        using var leader = await site.StaffAsync("projektleder-580");
        var fresh = await (await leader.GetAsync(Url("580", "hjemmeside"))).Json();
        fresh["changedFacts"]!.AsArray().ShouldBeEmpty("never seen: nothing to compare with");
        (await leader.PostAsync(Url("580", "hjemmeside") + "/seen", null)).EnsureSuccessStatusCode();

        // The draft was seen when Aabenraa's cut-over date was another: as if the configuration moved it since.
        await using (var store = site.OpenStore())
        {
            var code = Kommunekode.Parse("580");
            var seen = (await store.Rollout.Drafts.SeenAsync(code, default))["hjemmeside"];
            var older = seen.Facts.Select(f => f.Key == "bibliotek.758000.skaeringsdato" ? f with { Value = "1. februar 2027" } : f).ToList();
            await store.Rollout.Drafts.MarkSeenAsync(code, "hjemmeside", older, seen.SeenAt, seen.SeenBy, default);
        }
        var changed = await (await leader.GetAsync(Url("580", "hjemmeside"))).Json();
        var change = changed["changedFacts"]!.AsArray().ShouldHaveSingleItem()!;
        ((string)change["label"]!).ShouldBe("Skæringsdato for Aabenraa Bibliotekerne");
        ((string)change["before"]!).ShouldBe("1. februar 2027");
        ((string)change["after"]!).ShouldBe("1. marts 2027");
        var list = await (await leader.GetAsync(Url("580"))).Array();
        list.Single(d => (string)d!["channel"]! == "hjemmeside")!["changedFacts"]!.AsArray().Count.ShouldBe(1);
        list.Single(d => (string)d!["channel"]! == "ledelse")!["changedFacts"]!.AsArray().ShouldBeEmpty("each draft keeps its own");

        using var seenNow = await leader.PostAsync(Url("580", "hjemmeside") + "/seen", null);
        seenNow.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await seenNow.Json())["changedFacts"]!.AsArray().ShouldBeEmpty();
        (await (await leader.GetAsync(Url("580", "hjemmeside"))).Json())["changedFacts"]!.AsArray().ShouldBeEmpty();
        using var auditor = await site.StaffAsync("revisor");
        var log = await (await auditor.GetAsync("/api/v1/staff/audit?actor=projektleder-580")).Array();
        log.ShouldContain(e => (string)e!["action"]! == "rollout.draft.seen" && ((string)e["detail"]!).Contains("1. februar 2027 → 1. marts 2027", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMunicipalityNotServed_GetsDraftsThatSaySo()
    {
        using var leader = await site.StaffAsync("projektleder-657");
        var drafts = await (await leader.GetAsync(Url("657"))).Array();
        foreach (var d in drafts) ((string)d!["rendered"]!).ShouldContain("ikke sat op i FeeBridge endnu");
    }
}

public sealed class DraftApiOnSqlite(SqliteDraftSite site) : DraftApiTests(site), IClassFixture<SqliteDraftSite>;
public sealed class DraftApiOnPostgres(PostgresDraftSite site) : DraftApiTests(site), IClassFixture<PostgresDraftSite>;

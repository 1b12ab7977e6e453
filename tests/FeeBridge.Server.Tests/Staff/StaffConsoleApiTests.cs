using System.Net;
using System.Text.Json.Nodes;
using FeeBridge.Server.Tests.Inbox;
using FeeBridge.Server.Tests.Infrastructure;
using FeeBridge.DebtorSystem.Contract;

namespace FeeBridge.Server.Tests.Staff;

/// <summary>
/// The staff console API (CONTRACTS.md §8) against a real process with the stand-in's bearer tokens (§5): the desk's
/// view of a patron, search, the full CPR number for a reason, commands behind a confirmation of "N krav, X kr.", the
/// finance queue and its resolutions, totals per day, the delivery log and replay — and who may do each.
/// </summary>
public abstract class StaffConsoleApiTests(ConsoleSite site)
{
    private const string A = ConsoleSite.Agency;

    private static async Task<JsonArray> Array(HttpResponseMessage r) => JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsArray();

    private static async Task<string> Text(HttpResponseMessage r) => await r.Content.ReadAsStringAsync();

    private async Task<JsonArray> AuditAsync(string record)
    {
        using var auditor = await site.StaffAsync("revisor");
        return await Array(await auditor.GetAsync($"/api/v1/staff/audit?record={Uri.EscapeDataString(record)}"));
    }

    /// <summary>One call of the console, and who may make it.</summary>
    public sealed record Call(string Method, string Path, object? Body, params string[] Allowed);

    private static readonly string[] Users = ["bibliotekar", "bibliotekar-aarhus", "debitor", "projektleder-101", "kombit", "admin", "revisor"];

    /// <summary>Every endpoint of §8 and the console's extensions; harmless bodies (nothing exists or they do not validate).</summary>
    public static readonly Call[] Calls =
    [
        new("GET", $"/api/v1/staff/agencies/{A}/patrons?q=nobody", null, "bibliotekar", "debitor"),
        new("POST", $"/api/v1/staff/agencies/{A}/patrons/search", new { cvr = "29189846" }, "bibliotekar", "debitor"),
        new("GET", $"/api/v1/staff/agencies/{A}/patrons/nobody", null, "bibliotekar", "debitor"),
        new("POST", $"/api/v1/staff/agencies/{A}/claims/nothing/debtor/reveal", new { reason = "matrix" }, "bibliotekar", "debitor"),
        new("POST", $"/api/v1/staff/agencies/{A}/patrons/nobody/write-downs", new { claimIds = new[] { "nothing" }, reason = "error", expected = new { claims = 1, amount = "1.00" } }, "bibliotekar", "debitor"),
        new("POST", $"/api/v1/staff/agencies/{A}/patrons/nobody/cancellations", new { claimIds = new[] { "nothing" }, reason = "fejl", expected = new { claims = 1, amount = "1.00" } }, "bibliotekar", "debitor"),
        new("PUT", $"/api/v1/staff/agencies/{A}/patrons/nobody/debtor", new { cvr = "29189846" }, "bibliotekar", "debitor"),
        new("GET", $"/api/v1/staff/agencies/{A}/deliveries", null, "bibliotekar", "debitor"),
        new("POST", $"/api/v1/staff/agencies/{A}/deliveries/999999999/replay", new { reason = "matrix" }, "bibliotekar", "debitor"),
        new("GET", "/api/v1/staff/agencies/775100/patrons/nobody", null, "bibliotekar-aarhus"),
        new("GET", "/api/v1/staff/agencies/775100/deliveries", null, "bibliotekar-aarhus"),
        new("GET", "/api/v1/staff/agencies/999999/patrons/nobody", null),
        new("GET", "/api/v1/staff/municipalities/101/queue", null, "debitor"),
        new("POST", "/api/v1/staff/municipalities/101/queue/report:999999999/resolve", new { action = "dismiss", reason = "matrix" }, "debitor"),
        new("POST", "/api/v1/staff/municipalities/101/queue/resolve", new { itemIds = new[] { "report:999999999" }, action = "dismiss", reason = "matrix", expected = new { items = 1, amount = "0.00" } }, "debitor"),
        new("GET", "/api/v1/staff/municipalities/101/totals", null, "debitor"),
        new("GET", "/api/v1/staff/municipalities/751/queue", null),
        new("GET", "/api/v1/staff/municipalities/751/totals", null),
        new("GET", "/api/v1/staff/audit", null, "revisor"),
    ];

    private static HttpRequestMessage Request(Call c) => new(new HttpMethod(c.Method), c.Path)
    {
        Content = c.Body is null ? null : new StringContent(System.Text.Json.JsonSerializer.Serialize(c.Body), System.Text.Encoding.UTF8, "application/json"),
    };

    [Fact]
    public async Task EveryRoleAndEveryEndpoint_GetsExactlyItsScope_401WithoutAToken_403WithAProblemOtherwise()
    {
        // CONTRACTS.md §5: "A request outside the user's scope is 403 with a problem detail; no token is 401."
        foreach (var call in Calls)
        {
            using (var anonymous = await site.Anonymous.SendAsync(Request(call)))
                anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{call.Method} {call.Path} without a token");
        }
        foreach (var user in Users)
        {
            using var client = await site.StaffAsync(user);
            foreach (var call in Calls)
            {
                using var r = await client.SendAsync(Request(call));
                var what = $"{user}: {call.Method} {call.Path} → {(int)r.StatusCode} {await Text(r)}";
                if (call.Allowed.Contains(user))
                {
                    r.StatusCode.ShouldNotBe(HttpStatusCode.Forbidden, what);
                    r.StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized, what);
                    ((int)r.StatusCode).ShouldBeLessThan(500, what);
                }
                else
                {
                    r.StatusCode.ShouldBe(HttpStatusCode.Forbidden, what);
                    r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", what);
                    ((string?)(await r.Json())["detail"]).ShouldNotBeNullOrWhiteSpace(what);
                }
            }
        }
    }

    [Fact]
    public async Task ThePatronView_SaysWhereEachClaimIs_WhatToTell_WithTheDebtorSystemsFigures_TheFiLine_AndEveryMessage()
    {
        var cpr = ConsoleSite.NewCpr();
        var patron = "VIEW-" + cpr[..6];
        await site.PutAsync($"{patron}-M", patron, cpr, "250.00");                                          // to the municipality
        await site.PutAsync($"{patron}-L", patron, cpr, "60.00", createdAt: "2020-06-01T10:00:00+02:00");   // before the cut-over: stays
        await site.PutAsync($"{patron}-R", patron, ConsoleSite.NewCpr(unknown: true), "130.00");            // the debtor system refuses
        await site.WaitForStatus($"{patron}-M", "registered");
        await site.WaitForStatus($"{patron}-R", "rejected");

        using var librarian = await site.StaffAsync("bibliotekar");
        using var r = await librarian.GetAsync($"/api/v1/staff/agencies/{A}/patrons/{patron}");
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await Text(r));
        var body = await Text(r);
        body.ShouldNotContain(cpr); // the debtor masked (CONTRACTS.md §8)
        var view = JsonNode.Parse(body)!;
        ((string)view["debtor"]!["cpr"]!).ShouldBe(cpr[..6] + "-****");
        var claims = view["claims"]!.AsArray().ToDictionary(c => (string)c!["claimId"]!, c => c!);

        var m = claims[$"{patron}-M"];
        ((string)m["whereabouts"]!).ShouldBe("at-municipality");
        ((string)m["whereaboutsText"]!).ShouldBe("Hos kommunen");
        ((string)m["paymentLine"]!).ShouldStartWith("+71<");
        ((string)m["paymentUrl"]!).ShouldBe(ConsoleSite.PaymentUrl);
        ((string)m["interest"]!).ShouldBe("0.00"); // the debtor system's own figure, asked for
        ((string)m["owed"]!).ShouldBe("250.00");
        ((string)m["tell"]!).ShouldContain((string)m["paymentLine"]!);
        ((string)m["tell"]!).ShouldContain("Biblioteket kan ikke tage imod betalingen");
        var timeline = m["timeline"]!.AsArray();
        timeline.ShouldContain(e => (string)e!["source"]! == "debtor-system" && (string)e["direction"]! == "out"
            && (string)e["type"]! == "OpretDebitorkonto" && (string)e["state"]! == "done");
        timeline.ShouldContain(e => (string)e!["source"]! == "feebridge" && (string)e["type"]! == "registered");

        var l = claims[$"{patron}-L"];
        ((string)l["whereabouts"]!).ShouldBe("with-library");
        ((string)l["tell"]!).ShouldContain("biblioteket");
        l["paymentLine"].ShouldBeNull();

        var rejected = claims[$"{patron}-R"];
        ((string)rejected["whereabouts"]!).ShouldBe("rejected");
        ((string)rejected["rejection"]!["code"]!).ShouldBe("UKENDT_PERSON");
        ((string)rejected["tell"]!).ShouldContain("skal ikke betale");

        // Rule "block": 250 + 60 + 130 open ≥ the agency's 200.00 threshold. The patron id is not FBS's, so FBS is not asked.
        ((bool)view["block"]!["expected"]!).ShouldBeTrue();
        ((bool)view["block"]!["fbs"]!["asked"]!).ShouldBeFalse();
        ((string)view["tell"]!).ShouldContain("250,00 kr. til Københavns Kommune");

        // Finance staff of the agency's municipality see the same patron.
        using var finance = await site.StaffAsync("debitor");
        (await finance.GetAsync($"/api/v1/staff/agencies/{A}/patrons/{patron}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await librarian.GetAsync($"/api/v1/staff/agencies/{A}/patrons/NOBODY-{cpr}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Search_FindsByPatronIdAndByName_AndByCprOnlyInABody_Audited_WithoutTheNumber()
    {
        var cpr = ConsoleSite.NewCpr();
        var patron = "FIND-" + cpr[..6];
        var name = $"Åse Østergaard {cpr[..6]}";
        await site.PutAsync($"{patron}-1", patron, cpr, "120.00", name);
        using var librarian = await site.StaffAsync("bibliotekar");

        var byId = await Array(await librarian.GetAsync($"/api/v1/staff/agencies/{A}/patrons?q={patron}"));
        ((string)byId.ShouldHaveSingleItem()!["patronId"]!).ShouldBe(patron);
        ((string)byId[0]!["outstanding"]!).ShouldBe("120.00");
        // From the name's start, whatever the case of the Danish letters.
        foreach (var q in new[] { $"åse østergaard {cpr[..6]}", $"ÅSE ØSTERGAARD {cpr[..4]}", $"Åse  Øster" })
        {
            var byName = await Array(await librarian.GetAsync($"/api/v1/staff/agencies/{A}/patrons?q={Uri.EscapeDataString(q)}"));
            byName.ShouldContain(h => (string)h!["patronId"]! == patron, q);
        }

        // A CPR number is never taken in an address (CONTRACTS.md §0: never in a URL, never echoed).
        using var inUrl = await librarian.GetAsync($"/api/v1/staff/agencies/{A}/patrons?q={cpr}");
        inUrl.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Text(inUrl)).ShouldNotContain(cpr);

        using var byCpr = await librarian.PostJson($"/api/v1/staff/agencies/{A}/patrons/search", new { cpr, reason = "Borgeren ved skranken" });
        byCpr.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Array(byCpr)).ShouldContain(h => (string)h!["patronId"]! == patron);
        var audit = await AuditAsync($"patron-search/{A}");
        audit.ShouldContain(e => (string)e!["action"]! == "patron.searched-by-number" && ((string)e["detail"]!).Contains(patron));
        audit.ToJsonString().ShouldNotContain(cpr);
        string.Join('\n', site.FeeBridge.Output).ShouldNotContain(cpr);
    }

    [Fact]
    public async Task TheFullCprNumber_IsShownOnlyForAReason_AndTheAuditLogKeepsWhoAndWhy_ButNotTheNumber()
    {
        var cpr = ConsoleSite.NewCpr();
        var claim = "REVEAL-" + cpr[..6];
        await site.PutAsync(claim, claim, cpr, "75.00");
        using var librarian = await site.StaffAsync("bibliotekar");
        var url = $"/api/v1/staff/agencies/{A}/claims/{claim}/debtor/reveal";

        using var noReason = await librarian.PostJson(url, new { });
        noReason.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((JsonObject)(await noReason.Json())["errors"]!).ContainsKey("reason").ShouldBeTrue();
        (await AuditAsync($"claim/{A}/{claim}")).ShouldBeEmpty();

        using var shown = await librarian.PostJson(url, new { reason = "Borgeren vil have rettet sit CPR-nummer" });
        shown.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((string)(await shown.Json())["cpr"]!).ShouldBe(cpr);
        var entry = (await AuditAsync($"claim/{A}/{claim}")).ShouldHaveSingleItem()!;
        ((string)entry["action"]!).ShouldBe("claim.debtor.revealed");
        ((string)entry["actor"]!).ShouldBe("bibliotekar");
        ((string)entry["reason"]!).ShouldBe("Borgeren vil have rettet sit CPR-nummer");
        entry.ToJsonString().ShouldNotContain(cpr);
        string.Join('\n', site.FeeBridge.Output).ShouldNotContain(cpr);
    }

    [Fact]
    public async Task AWriteDown_IsCarriedOutOnlyWhenTheConfirmedFiguresAreTheClaims_AndEachClaimIsAudited()
    {
        var cpr = ConsoleSite.NewCpr();
        var patron = "WD-" + cpr[..6];
        // Before the cut-over: they stay with the library, so the write-down is the library's own.
        await site.PutAsync($"{patron}-1", patron, cpr, "100.00", createdAt: "2020-06-01T10:00:00+02:00");
        await site.PutAsync($"{patron}-2", patron, cpr, "140.00", createdAt: "2020-06-02T10:00:00+02:00");
        using var librarian = await site.StaffAsync("bibliotekar");
        var url = $"/api/v1/staff/agencies/{A}/patrons/{patron}/write-downs";
        object Body(string amount) => new { claimIds = new[] { $"{patron}-1", $"{patron}-2" }, reason = "material-returned", note = "Bogen kom tilbage", expected = new { claims = 2, amount } };

        using var stale = await librarian.PostJson(url, Body("200.00"));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        ((string)(await stale.Json())["expected"]!["text"]!).ShouldBe("2 krav, 240,00 kr.");
        ((string)(await site.Claim($"{patron}-1"))["status"]!).ShouldBe("held");

        using var wrongReason = await librarian.PostJson(url, new { claimIds = new[] { $"{patron}-1" }, reason = "fordi", expected = new { claims = 1, amount = "100.00" } });
        wrongReason.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        using var done = await librarian.PostJson(url, Body("240.00"));
        done.StatusCode.ShouldBe(HttpStatusCode.Accepted, await Text(done));
        (await done.Json())["claims"]!.AsArray().ShouldAllBe(c => (string)c!["outcome"]! == "accepted");
        foreach (var id in new[] { $"{patron}-1", $"{patron}-2" })
        {
            var claim = await site.Claim(id);
            ((string)claim["status"]!).ShouldBe("written-down");
            ClaimBodies.EventTypes(claim).ShouldContain("written-down");
            var entry = (await AuditAsync($"claim/{A}/{id}")).ShouldHaveSingleItem()!;
            ((string)entry["action"]!).ShouldBe("claim.written-down");
            ((string)entry["reason"]!).ShouldBe("Bogen kom tilbage");
        }
        // Written down, the claims take no more.
        (await librarian.PostJson(url, Body("240.00"))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task ACancellation_AsAnError_GoesThroughTheSameCommand_AndReachesTheDebtorSystem()
    {
        var cpr = ConsoleSite.NewCpr();
        var patron = "CANCEL-" + cpr[..6];
        await site.PutAsync($"{patron}-1", patron, cpr, "180.00"); // at least the municipality's minimum (100.00), so it is sent
        await site.WaitForStatus($"{patron}-1", "registered");
        using var librarian = await site.StaffAsync("bibliotekar");
        using var r = await librarian.PostJson($"/api/v1/staff/agencies/{A}/patrons/{patron}/cancellations",
            new { claimIds = new[] { $"{patron}-1" }, reason = "Oprettet ved en fejl", expected = new { claims = 1, amount = "180.00" } });
        r.StatusCode.ShouldBe(HttpStatusCode.Accepted, await Text(r));
        ((string)(await site.Claim($"{patron}-1"))["status"]!).ShouldBe("cancelled");
        using var finance = await site.StaffAsync("debitor");
        var view = await (await finance.GetAsync($"/api/v1/staff/agencies/{A}/patrons/{patron}")).Json();
        var timeline = view["claims"]![0]!["timeline"]!.AsArray();
        await Eventually.Until(async () => (await (await finance.GetAsync($"/api/v1/staff/agencies/{A}/patrons/{patron}")).Json())["claims"]![0]!["timeline"]!.AsArray(),
            t => t.Any(e => (string)e!["type"]! == "AnnullerFordring" && (string)e["state"]! == "done"));
        ((string)view["claims"]![0]!["whereabouts"]!).ShouldBe("withdrawn");
        (await AuditAsync($"claim/{A}/{patron}-1")).ShouldContain(e => (string)e!["action"]! == "claim.cancelled");
        timeline.ShouldContain(e => (string)e!["type"]! == "cancelled");
    }

    [Fact]
    public async Task ARejectedClaim_WaitsInTheFinanceQueue_WithTheDebtorSystemsCode_AndCorrectingTheCpr_SendsItAgain()
    {
        var wrong = ConsoleSite.NewCpr(unknown: true);
        var right = ConsoleSite.NewCpr();
        var patron = "REJ-" + right[..6];
        await site.PutAsync($"{patron}-1", patron, wrong, "130.00");
        await site.WaitForStatus($"{patron}-1", "rejected");
        using var finance = await site.StaffAsync("debitor");
        var itemId = $"claim:{A}:{patron}-1";

        var queue = await (await finance.GetAsync("/api/v1/staff/municipalities/101/queue?kind=rejected")).Json();
        var item = queue["items"]!.AsArray().Single(i => (string)i!["itemId"]! == itemId)!;
        ((string)item["code"]!).ShouldBe("UKENDT_PERSON");
        ((string)item["reason"]!).ShouldBe("Personen findes ikke i CPR.");
        ((string)item["amount"]!).ShouldBe("130.00");
        item["actions"]!.AsArray().Select(a => (string)a!).ShouldContain("correct-debtor");
        ((long)queue["counts"]!["rejected"]!).ShouldBeGreaterThanOrEqualTo(1);
        var since = queue["items"]!.AsArray().Select(i => DateTimeOffset.Parse((string)i!["since"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        since.ShouldBe([.. since.Order()]); // oldest first

        using var missing = await finance.PostJson($"/api/v1/staff/municipalities/101/queue/{itemId}/resolve", new { action = "correct-debtor", reason = "CPR rettet" });
        missing.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        using var resolved = await finance.PostJson($"/api/v1/staff/municipalities/101/queue/{itemId}/resolve",
            new { action = "correct-debtor", reason = "Borgeren oplyste det rigtige CPR-nummer", debtor = new { cpr = right } });
        resolved.StatusCode.ShouldBe(HttpStatusCode.Accepted, await Text(resolved));
        await site.WaitForStatus($"{patron}-1", "registered");
        var after = await (await finance.GetAsync("/api/v1/staff/municipalities/101/queue?kind=rejected")).Json();
        after["items"]!.AsArray().ShouldNotContain(i => (string)i!["itemId"]! == itemId);

        var audit = await AuditAsync($"queue/101/{itemId}");
        ((string)audit.ShouldHaveSingleItem()!["action"]!).ShouldBe("queue.correct-debtor");
        (await AuditAsync($"patron/{A}/{patron}")).ShouldContain(e => (string)e!["action"]! == "patron.debtor.corrected");
        (await AuditAsync($"patron/{A}/{patron}")).ToJsonString().ShouldNotContain(right);
        string.Join('\n', site.FeeBridge.Output).ShouldNotContain(right);
    }

    [Fact]
    public async Task RefusedReportsAndAttentionNotices_WaitUntilResolved_BulkOnlyWithConfirmation_AndTheDaysTotalsCountThem()
    {
        var cpr = ConsoleSite.NewCpr();
        var patron = "Q-" + cpr[..6];
        await site.PutAsync($"{patron}-1", patron, cpr, "300.00");
        await site.WaitForStatus($"{patron}-1", "registered");
        await site.PayAsync($"{patron}-1", "100.00"); // a part payment: FBS cannot take it (docs/fbs.md), staff must see it
        await site.WaitForStatus($"{patron}-1", "partially-paid");
        var answers = await site.Anonymous.SendAsync("101", Reports.Of($"{A}-NO-SUCH-{patron}", HaendelseType.Daekning, "50.00", "0.00"));
        answers.ShouldHaveSingleItem().Status.ShouldBe(HaendelseStatus.Afvist);

        using var finance = await site.StaffAsync("debitor");
        var items = (await (await finance.GetAsync("/api/v1/staff/municipalities/101/queue")).Json())["items"]!.AsArray();
        var refused = items.Single(i => (string)i!["kind"]! == "refused" && (string)i["reference"]! == $"{A}-NO-SUCH-{patron}")!;
        var attention = items.Single(i => (string)i!["kind"]! == "attention" && (string?)i["claimId"] == $"{patron}-1")!;
        ((string)attention["reason"]!).ShouldContain("Part payment");
        var ids = new[] { (string)refused["itemId"]!, (string)attention["itemId"]! };

        using var unconfirmed = await finance.PostJson("/api/v1/staff/municipalities/101/queue/resolve",
            new { itemIds = ids, action = "dismiss", reason = "Set og håndteret i FBS", expected = new { items = 3, amount = "50.00" } });
        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        ((int)(await unconfirmed.Json())["expected"]!["items"]!).ShouldBe(2);
        ((string)(await unconfirmed.Json())["expected"]!["amount"]!).ShouldBe("50.00"); // the refused report's 50.00; the notice concerns no sum of its own

        using var confirmed = await finance.PostJson("/api/v1/staff/municipalities/101/queue/resolve",
            new { itemIds = ids, action = "dismiss", reason = "Set og håndteret i FBS", expected = new { items = 2, amount = "50.00" } });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Accepted, await Text(confirmed));
        var left = (await (await finance.GetAsync("/api/v1/staff/municipalities/101/queue")).Json())["items"]!.AsArray();
        left.ShouldNotContain(i => ids.Contains((string)i!["itemId"]!));
        foreach (var id in ids) ((string)(await AuditAsync($"queue/101/{id}")).ShouldHaveSingleItem()!["action"]!).ShouldBe("queue.dismiss");

        var today = (await Array(await finance.GetAsync("/api/v1/staff/municipalities/101/totals?days=1"))).ShouldHaveSingleItem()!;
        ((long)today["sent"]!["OpretDebitorkonto"]!).ShouldBeGreaterThanOrEqualTo(1);
        ((long)today["reports"]!["covered"]!["count"]!).ShouldBeGreaterThanOrEqualTo(1);
        ((long)today["refusedReports"]!).ShouldBeGreaterThanOrEqualTo(1);
        ((long)today["resolved"]!["dismiss"]!).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task TheDeliveryLog_ShowsEveryAttempt_AndAReplayDeliversAgain_WhileTheDeskSeesFbsLiftTheBlock()
    {
        var cpr = ConsoleSite.NewCpr();
        var patron = 4_000_000 + Random.Shared.Next(1_000_000);
        var claimId = await site.FbsFeeAsync(patron, cpr, "250.00");
        await site.WaitForStatus(claimId, "registered");
        await site.PayAsync(claimId, "250.00");
        await site.WaitForStatus(claimId, "paid");
        using var librarian = await site.StaffAsync("bibliotekar");
        var url = $"/api/v1/staff/agencies/{A}/deliveries?claimId={claimId}";
        var delivered = await Eventually.Until(async () => await Array(await librarian.GetAsync(url)),
            log => log.Any(n => (string)n!["target"]! == "fbs" && (string)n["state"]! == "delivered"));
        var notice = delivered.Single(n => (string)n!["target"]! == "fbs")!;
        notice["log"]!.AsArray().Count.ShouldBe(1);

        using var replay = await librarian.PostJson($"/api/v1/staff/agencies/{A}/deliveries/{(long)notice["id"]!}/replay", new { reason = "FBS viste ikke betalingen" });
        replay.StatusCode.ShouldBe(HttpStatusCode.Accepted, await Text(replay));
        await Eventually.Until(async () => await Array(await librarian.GetAsync(url)),
            log => log.Any(n => (long)n!["id"]! == (long)notice["id"]! && (string)n["state"]! == "delivered" && n["log"]!.AsArray().Count == 2));
        (await AuditAsync($"notice/{A}/{(long)notice["id"]!}")).ShouldContain(e => (string)e!["action"]! == "delivery.replayed");

        // FBS was asked: paid, so FBS no longer blocks, and nothing is owed: the block matches.
        var view = await (await librarian.GetAsync($"/api/v1/staff/agencies/{A}/patrons/{patron}")).Json();
        ((bool)view["block"]!["fbs"]!["asked"]!).ShouldBeTrue();
        ((bool?)view["block"]!["fbs"]!["blocked"]).ShouldBe(false);
        ((bool?)view["block"]!["matches"]).ShouldBe(true);
        view["claims"]![0]!["timeline"]!.AsArray().ShouldContain(e => (string)e!["source"]! == "fbs" && (string)e["state"]! == "delivered");
    }
}

[Trait("store", "sqlite")]
public sealed class StaffConsoleApiOnSqlite(SqliteConsoleSite site) : StaffConsoleApiTests(site), IClassFixture<SqliteConsoleSite>;

[Trait("store", "postgresql")]
public sealed class StaffConsoleApiOnPostgres(PostgresConsoleSite site) : StaffConsoleApiTests(site), IClassFixture<PostgresConsoleSite>;

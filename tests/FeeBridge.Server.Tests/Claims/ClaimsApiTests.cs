using System.Net;
using System.Text.Json.Nodes;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Claims;

/// <summary>The Claims API of CONTRACTS.md §1, run on both stores (see the two classes at the end).</summary>
public abstract class ClaimsApiTests(HostFixture fixture)
{
    protected FeeBridgeHost Host => fixture.Host;
    protected HttpClient Client => Host.Library();
    private const string Cph = "710100";
    private const string Aarhus = "775100";

    private static string NewId(string prefix = "C") => prefix + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Put_NewClaim_Is201_AndQueuedForTheDebtorSystem()
    {
        var id = NewId();
        var r = await Client.PutClaim(Cph, id, ClaimBodies.Fee(patronId: NewId("P"), amount: "120.00"));

        r.StatusCode.ShouldBe(HttpStatusCode.Created);
        r.Headers.Location!.ToString().ShouldBe($"/api/v1/agencies/{Cph}/claims/{id}");
        var claim = await r.Json();
        ((string)claim["status"]!).ShouldBe("queued");
        ((string)claim["route"]!).ShouldBe("debtor-system");
        ((string)claim["claimType"]!).ShouldBe("BIBGEBYR");
        ((string)claim["amount"]!).ShouldBe("120.00");
        ((string)claim["outstanding"]!).ShouldBe("120.00");
        ((string)claim["municipality"]!).ShouldBe("101");
        // 2026-11-20 + 30 days = 2026-12-20, a Sunday → Monday 21 December.
        ((string)claim["lastOnTimePaymentDate"]!).ShouldBe("2026-12-21");
        ClaimBodies.EventTypes(claim).ShouldBe(["received", "queued"]);
    }

    [Fact]
    public async Task Put_SameBodyAgain_Is200_WithTheSameClaimAndNoNewEvents()
    {
        var id = NewId();
        var body = ClaimBodies.Fee(patronId: NewId("P"));
        (await Client.PutClaim(Cph, id, body)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var again = await Client.PutClaim(Cph, id, body);

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var claim = await again.Json();
        ((string)claim["claimId"]!).ShouldBe(id);
        ClaimBodies.EventTypes(claim).ShouldBe(["received", "queued"]);
    }

    [Fact]
    public async Task Put_SameContentWithOtherWhitespaceAndPropertyOrder_IsStillAReplay()
    {
        var id = NewId();
        var patron = NewId("P");
        (await Client.PutClaim(Cph, id, ClaimBodies.Fee(patronId: patron))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var reordered = new JsonObject(ClaimBodies.Fee(patronId: patron).Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var text = reordered.ToJsonString().Replace(",", " ,\n ");

        var r = await Client.PutAsync($"/api/v1/agencies/{Cph}/claims/{id}", new StringContent(text, System.Text.Encoding.UTF8, "application/json"));

        r.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Put_DifferentBodyForAnExistingId_Is409_AndChangesNothing()
    {
        var id = NewId();
        var patron = NewId("P");
        (await Client.PutClaim(Cph, id, ClaimBodies.Fee(patronId: patron, amount: "120.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var r = await Client.PutClaim(Cph, id, ClaimBodies.Fee(patronId: patron, amount: "230.00"));

        r.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var claim = await Client.GetClaim(Cph, id);
        ((string)claim["amount"]!).ShouldBe("120.00");
        ClaimBodies.EventTypes(claim).ShouldBe(["received", "queued"]);
    }

    [Fact]
    public async Task Put_DifferentCprForAnExistingId_Is409()
    {
        var id = NewId();
        var patron = NewId("P");
        (await Client.PutClaim(Cph, id, ClaimBodies.Fee(patronId: patron))).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await Client.PutClaim(Cph, id, ClaimBodies.Fee(patronId: patron, cpr: "0202021234"))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Put_TwentyIdenticalInParallel_MakesOneClaimWithOneReceivedEvent()
    {
        var id = NewId();
        var body = ClaimBodies.Fee(patronId: NewId("P"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Client.PutClaim(Cph, id, body)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(19);
        var claim = await Client.GetClaim(Cph, id);
        ClaimBodies.EventTypes(claim).Count(t => t == "received").ShouldBe(1);
        ClaimBodies.EventTypes(claim).ShouldBe(["received", "queued"]);
    }

    public static TheoryData<string, Action<JsonObject>, string> InvalidBodies() => new()
    {
        { "impossible CPR date", b => b["debtor"] = new JsonObject { ["cpr"] = "3102901234" }, "debtor.cpr" },
        { "CPR not digits", b => b["debtor"] = new JsonObject { ["cpr"] = "01019O1234" }, "debtor.cpr" },
        { "CVR failing modulus 11", b => b["debtor"] = new JsonObject { ["cvr"] = "12345678" }, "debtor.cvr" },
        { "both CPR and CVR", b => b["debtor"] = new JsonObject { ["cpr"] = "0101901234", ["cvr"] = "29189846" }, "debtor" },
        { "no debtor", b => b.Remove("debtor"), "debtor" },
        { "zero amount", b => b["lines"]![0]!["amount"] = "0.00", "lines[0].amount" },
        { "negative amount", b => b["lines"]![0]!["amount"] = "-5.00", "lines[0].amount" },
        { "three decimals", b => b["lines"]![0]!["amount"] = "12.345", "lines[0].amount" },
        { "JSON number instead of a string", b => b["lines"]![0]!["amount"] = 120.00, "lines[0].amount" },
        { "unknown kind", b => b["kind"] = "fine", "kind" },
        { "no lines", b => b["lines"] = new JsonArray(), "lines" },
        { "duplicate lineId", b => b["lines"]!.AsArray().Add(b["lines"]![0]!.DeepClone()), "lines[1].lineId" },
        { "createdAt without offset", b => b["createdAt"] = "2026-11-20T10:15:00", "createdAt" },
        { "no patronId", b => b.Remove("patronId"), "patronId" },
        { "bad guardian CPR", b => b["guardian"] = new JsonObject { ["cpr"] = "0000001234" }, "guardian.cpr" },
        { "acknowledged not a boolean", b => b["acknowledged"] = "yes", "acknowledged" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Put_InvalidBody_Is422WithTheFieldNamed_AndStoresNothing(string why, Action<JsonObject> spoil, string field)
    {
        var id = NewId();
        var body = ClaimBodies.Fee(patronId: NewId("P"));
        spoil(body);

        var r = await Client.PutClaim(Cph, id, body);

        r.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, why);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await r.Json();
        problem["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue($"{why}: {problem.ToJsonString()}");
        problem.ToJsonString().ShouldNotContain("3102901234");
        (await Client.GetAsync($"/api/v1/agencies/{Cph}/claims/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_BodyOverOneMegabyte_IsRefused_AndStoresNothing()
    {
        var id = NewId();
        var body = ClaimBodies.Fee(patronId: NewId("P"));
        body["reason"] = new string('x', 1024 * 1024 + 10);

        var r = await Client.PutClaim(Cph, id, body);

        r.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await Client.GetAsync($"/api/v1/agencies/{Cph}/claims/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_NotJson_Is422()
    {
        var r = await Client.PutAsync($"/api/v1/agencies/{Cph}/claims/{NewId()}", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        r.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Put_ClaimIdWithSlashesOrSpaces_Is422()
    {
        var r = await Client.PutClaim(Cph, "bad%20id", ClaimBodies.Fee());
        r.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Text_WithSqlAndHtml_IsStoredVerbatim_AndReturnedUnchanged()
    {
        var id = NewId();
        const string sql = "'); DROP TABLE claims; -- \"quoted\" \\ back";
        const string html = "<script>alert('x')</script> & <b>bold</b> æøå";
        var body = ClaimBodies.Fee(patronId: NewId("P"));
        body["reason"] = sql;
        body["debtorName"] = html;
        body["lines"]![0]!["text"] = html + sql;

        (await Client.PutClaim(Cph, id, body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var claim = await Client.GetClaim(Cph, id);

        ((string)claim["reason"]!).ShouldBe(sql);
        ((string)claim["debtorName"]!).ShouldBe(html);
        ((string)claim["lines"]![0]!["text"]!).ShouldBe(html + sql);
        (await Client.PutClaim(Cph, NewId(), ClaimBodies.Fee(patronId: NewId("P")))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task NoKey_Is401()
    {
        var anonymous = Host.CreateClient();
        var r = await anonymous.PutClaim(Cph, NewId(), ClaimBodies.Fee());
        r.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        r.Headers.WwwAuthenticate.ToString().ShouldContain("Bearer");
        (await anonymous.GetAsync($"/api/v1/agencies/{Cph}/claims")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownKey_Is401()
    {
        var r = await Host.Library("not-a-key").GetAsync($"/api/v1/agencies/{Cph}/claims");
        r.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task KeyUsedForAnotherAgency_Is403_AndStoresNothing()
    {
        var key = "aarhus-only-" + Guid.NewGuid().ToString("N");
        await Host.Store.ApiKeys.SaveAsync(key, "Aarhus library system", [Aarhus], DateTimeOffset.UtcNow, default);
        var aarhus = Host.Library(key);
        var id = NewId();

        (await aarhus.PutClaim(Cph, id, ClaimBodies.Fee(patronId: NewId("P")))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await aarhus.GetAsync($"/api/v1/agencies/{Cph}/claims/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await aarhus.PutClaim(Aarhus, id, ClaimBodies.Fee(patronId: NewId("P")))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Client.GetAsync($"/api/v1/agencies/{Cph}/claims/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_PagesNewestChangeFirst_WithACursor_AndNothingTwice()
    {
        var patron = NewId("P");
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var id = $"{patron}-{i}";
            ids.Add(id);
            (await Client.PutClaim(Cph, id, ClaimBodies.Fee(patronId: patron))).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/agencies/{Cph}/claims?patronId={patron}&limit=3" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await (await Client.GetAsync(url)).Json();
            seen.AddRange(page["items"]!.AsArray().Select(x => (string)x!["claimId"]!));
            cursor = (string?)page["nextCursor"];
            pages++;
        } while (cursor is not null);

        pages.ShouldBe(3);
        seen.ShouldBe(Enumerable.Reverse(ids).ToList());
    }

    [Fact]
    public async Task List_AClaimChangedLater_ComesFirst_Once_AtItsLastChange()
    {
        // The list walks the ledger's events (claim_events_changed): only a claim's last event places it.
        var patron = NewId("P");
        var ids = Enumerable.Range(0, 3).Select(i => $"{patron}-{i}").ToList();
        foreach (var id in ids)
            (await Client.PutClaim(Cph, id, ClaimBodies.Fee(patronId: patron, amount: "200.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Client.PostJson($"/api/v1/agencies/{Cph}/claims/{ids[0]}/write-downs", new { writeDownId = "w1", amount = "50.00", reason = "error" }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var page = await (await Client.GetAsync($"/api/v1/agencies/{Cph}/claims?patronId={patron}")).Json();
        var items = page["items"]!.AsArray();
        items.Select(x => (string)x!["claimId"]!).ShouldBe([ids[0], ids[2], ids[1]]);
        ((string)items[0]!["outstanding"]!).ShouldBe("150.00");
        var changed = (string)(await Client.GetClaim(Cph, ids[0]))["updatedAt"]!;
        ((string)items[0]!["updatedAt"]!).ShouldBe(changed);

        // Changed since the write-down: that claim alone.
        var since = await (await Client.GetAsync($"/api/v1/agencies/{Cph}/claims?patronId={patron}&changedSince={Uri.EscapeDataString(changed)}")).Json();
        since["items"]!.AsArray().Select(x => (string)x!["claimId"]!).ShouldBe([ids[0]]);
    }

    [Fact]
    public async Task List_FiltersByStatusAndChangedSince()
    {
        var patron = NewId("P");
        (await Client.PutClaim(Cph, patron + "-old", ClaimBodies.Fee(patronId: patron, createdAt: "2019-05-01T10:00:00+02:00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Client.PutClaim(Cph, patron + "-new", ClaimBodies.Fee(patronId: patron))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var held = await (await Client.GetAsync($"/api/v1/agencies/{Cph}/claims?patronId={patron}&status=held")).Json();
        held["items"]!.AsArray().Select(x => (string)x!["claimId"]!).ShouldBe([patron + "-old"]);
        ((string)held["items"]![0]!["routeReason"]!).ShouldBe("before-cut-over");

        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        var none = await (await Client.GetAsync($"/api/v1/agencies/{Cph}/claims?patronId={patron}&changedSince={future}")).Json();
        none["items"]!.AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public async Task List_BadFilters_Are422()
    {
        (await Client.GetAsync($"/api/v1/agencies/{Cph}/claims?status=lost")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Client.GetAsync($"/api/v1/agencies/{Cph}/claims?limit=0")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Client.GetAsync($"/api/v1/agencies/{Cph}/claims?cursor=%%%")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Get_UnknownClaim_Is404ProblemDetails()
    {
        var r = await Client.GetAsync($"/api/v1/agencies/{Cph}/claims/{NewId()}");
        r.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Responses_ShowTheCprMaskedOnly()
    {
        var id = NewId();
        var body = ClaimBodies.Fee(patronId: NewId("P"));
        body["guardian"] = new JsonObject { ["cpr"] = "0505751234" };
        var created = await (await Client.PutClaim(Cph, id, body)).Content.ReadAsStringAsync();
        var fetched = await (await Client.GetAsync($"/api/v1/agencies/{Cph}/claims/{id}")).Content.ReadAsStringAsync();

        foreach (var text in new[] { created, fetched })
        {
            text.ShouldNotContain(ClaimBodies.Cpr);
            text.ShouldNotContain("0505751234");
            text.ShouldContain("010190-****");
            text.ShouldContain("050575-****");
        }
    }

    [Fact]
    public async Task WriteDown_ReducesOutstanding_IsIdempotentPerId_AndRefusesMoreThanOutstanding()
    {
        var id = NewId();
        (await Client.PutClaim(Cph, id, ClaimBodies.Fee(patronId: NewId("P"), amount: "255.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var url = $"/api/v1/agencies/{Cph}/claims/{id}/write-downs";

        var first = await Client.PostJson(url, new { writeDownId = "w1", amount = "100.00", reason = "material-returned" });
        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        ((string)(await first.Json())["outstanding"]!).ShouldBe("155.00");

        (await Client.PostJson(url, new { writeDownId = "w1", amount = "100.00", reason = "material-returned" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await Client.PostJson(url, new { writeDownId = "w1", amount = "50.00", reason = "material-returned" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var tooMuch = await Client.PostJson(url, new { writeDownId = "w2", amount = "155.01", reason = "error" });
        tooMuch.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await tooMuch.Json())["errors"]!.AsObject().ContainsKey("amount").ShouldBeTrue();

        var claim = await Client.GetClaim(Cph, id);
        ((string)claim["writtenDown"]!).ShouldBe("100.00");
        ((string)claim["outstanding"]!).ShouldBe("155.00");
        ClaimBodies.EventTypes(claim).ShouldBe(["received", "queued", "written-down"]);

        (await Client.PostJson(url, new { writeDownId = "w3", amount = "155.00", reason = "error" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        ((string)(await Client.GetClaim(Cph, id))["status"]!).ShouldBe("written-down");
    }

    [Fact]
    public async Task WriteDown_OnALine_CannotExceedThatLine()
    {
        var id = NewId();
        var body = ClaimBodies.Fee(patronId: NewId("P"));
        body["lines"]!.AsArray().Add(new JsonObject { ["lineId"] = "2", ["amount"] = "50.00", ["text"] = "Erstatning" });
        (await Client.PutClaim(Cph, id, body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var url = $"/api/v1/agencies/{Cph}/claims/{id}/write-downs";

        (await Client.PostJson(url, new { writeDownId = "a", amount = "60.00", reason = "other", lineId = "2" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Client.PostJson(url, new { writeDownId = "b", amount = "10.00", reason = "other", lineId = "9" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Client.PostJson(url, new { writeDownId = "c", amount = "50.00", reason = "other", lineId = "2" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        ((string)(await Client.GetClaim(Cph, id))["outstanding"]!).ShouldBe("120.00");
    }

    [Fact]
    public async Task WriteDown_InvalidBody_Is422()
    {
        var id = NewId();
        (await Client.PutClaim(Cph, id, ClaimBodies.Fee(patronId: NewId("P")))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var url = $"/api/v1/agencies/{Cph}/claims/{id}/write-downs";
        (await Client.PostJson(url, new { writeDownId = "x", amount = 10, reason = "error" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Client.PostJson(url, new { writeDownId = "x", amount = "10.00", reason = "lost" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Client.PostJson(url, new { amount = "10.00", reason = "error" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Client.PostJson($"/api/v1/agencies/{Cph}/claims/{NewId()}/write-downs", new { writeDownId = "x", amount = "10.00", reason = "error" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cancellation_ClosesTheClaim_RepeatChangesNothing_AndAfterwardsNoWriteDowns()
    {
        var id = NewId();
        (await Client.PutClaim(Cph, id, ClaimBodies.Fee(patronId: NewId("P")))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var url = $"/api/v1/agencies/{Cph}/claims/{id}/cancellation";

        var r = await Client.PostJson(url, new { reason = "Oprettet ved en fejl" });
        r.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        ((string)(await r.Json())["status"]!).ShouldBe("cancelled");
        (await Client.PostJson(url, new { reason = "igen" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await Client.PostJson($"/api/v1/agencies/{Cph}/claims/{id}/write-downs", new { writeDownId = "w", amount = "1.00", reason = "error" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        ClaimBodies.EventTypes(await Client.GetClaim(Cph, id)).ShouldBe(["received", "queued", "cancelled"]);
        (await Client.PostJson(url, new { })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task DebtorChange_MovesEveryOpenClaimOfThePatron_AndLeavesClosedOnesAlone()
    {
        var patron = NewId("P");
        (await Client.PutClaim(Cph, patron + "-a", ClaimBodies.Fee(patronId: patron))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Client.PutClaim(Cph, patron + "-b", ClaimBodies.Fee(patronId: patron))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Client.PutClaim(Cph, patron + "-c", ClaimBodies.Fee(patronId: patron))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Client.PostJson($"/api/v1/agencies/{Cph}/claims/{patron}-c/cancellation", new { reason = "fejl" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var r = await Client.PutJson($"/api/v1/agencies/{Cph}/patrons/{patron}/debtor", new { cpr = "020202-1234" });

        r.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        ((int)(await r.Json())["claimsChanged"]!).ShouldBe(2);
        var a = await Client.GetClaim(Cph, patron + "-a");
        ((string)a["debtor"]!["cpr"]!).ShouldBe("020202-****");
        ClaimBodies.EventTypes(a).ShouldBe(["received", "queued", "debtor-changed"]);
        ((string)(await Client.GetClaim(Cph, patron + "-c"))["debtor"]!["cpr"]!).ShouldBe("010190-****");

        var again = await Client.PutJson($"/api/v1/agencies/{Cph}/patrons/{patron}/debtor", new { cpr = "0202021234" });
        ((int)(await again.Json())["claimsChanged"]!).ShouldBe(0);
        (await Client.PutJson($"/api/v1/agencies/{Cph}/patrons/{patron}/debtor", new { cpr = "9999999999" })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Routing_BeforeCutOver_StaysWithTheLibrary()
    {
        // Rule "cut-over date": 710100 cuts over on 2020-11-30 (Danish date).
        var r = await (await Client.PutClaim(Cph, NewId(), ClaimBodies.Fee(patronId: NewId("P"), createdAt: "2020-11-29T23:30:00+01:00"))).Json();
        ((string)r["status"]!).ShouldBe("held");
        ((string)r["route"]!).ShouldBe("library");
        ((string)r["routeReason"]!).ShouldBe("before-cut-over");

        // 2020-11-29T23:30Z is 00:30 on 30 November in Copenhagen: on the cut-over day, so it goes.
        var onTheDay = await (await Client.PutClaim(Cph, NewId(), ClaimBodies.Fee(patronId: NewId("P"), createdAt: "2020-11-29T23:30:00Z"))).Json();
        ((string)onTheDay["status"]!).ShouldBe("queued");
    }

    [Fact]
    public async Task Routing_UnacknowledgedCompensation_HeldInCopenhagen_CivilInAarhus()
    {
        var cph = await (await Client.PutClaim(Cph, NewId(), ClaimBodies.Fee(patronId: NewId("P"), amount: "255.00", kind: "compensation"))).Json();
        ((string)cph["status"]!).ShouldBe("held");
        ((string)cph["routeReason"]!).ShouldBe("compensation-not-acknowledged");

        var aarhus = await (await Client.PutClaim(Aarhus, NewId(), ClaimBodies.Fee(patronId: NewId("P"), amount: "255.00", kind: "compensation"))).Json();
        ((string)aarhus["status"]!).ShouldBe("queued");
        ((string)aarhus["claimType"]!).ShouldBe("BIBERSTATNINGCIVIL");

        var acknowledged = await (await Client.PutClaim(Cph, NewId(), ClaimBodies.Fee(patronId: NewId("P"), amount: "255.00", kind: "compensation", acknowledged: true))).Json();
        ((string)acknowledged["claimType"]!).ShouldBe("BIBERSTATNING");
    }

    [Fact]
    public async Task Routing_BelowMinimum_WaitsUntilThePatronsClaimsReachIt_ThenAllGo()
    {
        var patron = NewId("P");
        var first = await (await Client.PutClaim(Cph, patron + "-1", ClaimBodies.Fee(patronId: patron, amount: "20.00"))).Json();
        var second = await (await Client.PutClaim(Cph, patron + "-2", ClaimBodies.Fee(patronId: patron, amount: "55.00"))).Json();
        ((string)first["routeReason"]!).ShouldBe("below-minimum");
        ((string)second["routeReason"]!).ShouldBe("below-minimum");
        (await Client.PutClaim(Cph, NewId(), ClaimBodies.Fee(patronId: NewId("P"), amount: "30.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var third = await (await Client.PutClaim(Cph, patron + "-3", ClaimBodies.Fee(patronId: patron, amount: "25.00"))).Json();

        ((string)third["status"]!).ShouldBe("queued");
        foreach (var id in new[] { "-1", "-2" })
        {
            var c = await Client.GetClaim(Cph, patron + id);
            ((string)c["status"]!).ShouldBe("queued");
            ClaimBodies.EventTypes(c).ShouldBe(["received", "held", "queued"]);
        }
    }

    [Fact]
    public async Task Balance_SplitsByRoute_AndBlocksAtTheThreshold()
    {
        var patron = NewId("P");
        (await Client.PutClaim(Cph, patron + "-lib", ClaimBodies.Fee(patronId: patron, amount: "80.00", createdAt: "2019-01-10T10:00:00+01:00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Client.PutClaim(Cph, patron + "-deb", ClaimBodies.Fee(patronId: patron, amount: "110.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var b = await (await Client.GetAsync($"/api/v1/agencies/{Cph}/patrons/{patron}/balance")).Json();
        ((string)b["library"]!["outstanding"]!).ShouldBe("80.00");
        ((string)b["debtorSystem"]!["outstanding"]!).ShouldBe("110.00");
        ((string)b["total"]!).ShouldBe("190.00");
        ((bool)b["block"]!).ShouldBeFalse();

        (await Client.PutClaim(Cph, patron + "-more", ClaimBodies.Fee(patronId: patron, amount: "10.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var blocked = await (await Client.GetAsync($"/api/v1/agencies/{Cph}/patrons/{patron}/balance")).Json();
        ((string)blocked["total"]!).ShouldBe("200.00");
        ((bool)blocked["block"]!).ShouldBeTrue();
        ((string)blocked["blockReason"]!).ShouldBe("E");
    }

    [Fact]
    public async Task OpenApiDocument_IsServed_AndDescribesTheClaimsApi()
    {
        var r = await Host.CreateClient().GetAsync("/openapi/v1.json");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await r.Content.ReadAsStringAsync();
        text.ShouldContain("/api/v1/agencies/{agencyId}/claims/{claimId}");
        text.ShouldContain("/api/v1/agencies/{agencyId}/patrons/{patronId}/balance");
    }

    [Fact]
    public async Task HealthReady_Is200_OnceMigrated()
    {
        (await Host.CreateClient().GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

[Trait("store", "sqlite")]
public sealed class ClaimsApiOnSqlite(SqliteHost fixture) : ClaimsApiTests(fixture), IClassFixture<SqliteHost>;

[Trait("store", "postgresql")]
public sealed class ClaimsApiOnPostgres(PostgresHost fixture) : ClaimsApiTests(fixture), IClassFixture<PostgresHost>;

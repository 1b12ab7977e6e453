using System.Net;
using System.Text;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Schema;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Storage;

/// <summary>What the stores promise beyond the API: CPR numbers unreadable at rest, history never rewritten, restarts safe.</summary>
public abstract class StorageTests(StoreKind kind)
{
    [Fact]
    public async Task CprNumbers_AreNeverStoredInPlainText()
    {
        using var host = new FeeBridgeHost(kind);
        var client = host.Library();
        var body = ClaimBodies.Fee(patronId: "P-at-rest", cpr: "1212851234");
        body["guardian"] = new System.Text.Json.Nodes.JsonObject { ["cpr"] = "0303651234" };
        (await client.PutClaim("710100", "at-rest", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PutJson("/api/v1/agencies/710100/patrons/P-at-rest/debtor", new { cpr = "0404751234" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var everything = await DumpAsync(host, "claims", "claim_events", "claim_summaries");

        everything.ShouldNotContain("1212851234");
        everything.ShouldNotContain("0303651234");
        everything.ShouldNotContain("0404751234");
        everything.ShouldNotContain("121285");
        // and yet FeeBridge can read them back
        var claim = await client.GetClaim("710100", "at-rest");
        ((string)claim["debtor"]!["cpr"]!).ShouldBe("040475-****");
        ((string)claim["guardian"]!["cpr"]!).ShouldBe("030365-****");
    }

    [Fact]
    public async Task Events_AreOnlyEverAppended_EarlierOnesStayAsTheyWere()
    {
        using var host = new FeeBridgeHost(kind);
        var client = host.Library();
        (await client.PutClaim("710100", "append", ClaimBodies.Fee(patronId: "P-append", amount: "200.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var eventsBefore = await DumpAsync(host, "claim_events");
        var claimsBefore = await DumpAsync(host, "claims");

        (await client.PostJson("/api/v1/agencies/710100/claims/append/write-downs", new { writeDownId = "w", amount = "50.00", reason = "error" }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var eventsAfter = await DumpAsync(host, "claim_events");

        eventsAfter.ShouldStartWith(eventsBefore);
        eventsAfter.Length.ShouldBeGreaterThan(eventsBefore.Length);
        (await DumpAsync(host, "claims")).ShouldBe(claimsBefore);
    }

    [Fact]
    public async Task Restart_OnTheSameDatabase_MigratesNothingTwice_AndKeepsEveryClaim()
    {
        using var first = new FeeBridgeHost(kind);
        (await first.Library().PutClaim("710100", "survives", ClaimBodies.Fee(patronId: "P-restart"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var second = new FeeBridgeHost(kind, dataDirectory: first.DataDirectory, connectionString: first.ConnectionString);
        var claim = await second.Library().GetClaim("710100", "survives");

        ((string)claim["status"]!).ShouldBe("queued");
        (await second.Library().PutClaim("710100", "survives", ClaimBodies.Fee(patronId: "P-restart"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Outbox_HoldsWhatTheDebtorSystemMustHear_InTheSameTransactionAsTheEvent()
    {
        using var host = new FeeBridgeHost(kind);
        var client = host.Library();
        // queued at once → registration; then a write-down and a cancellation follow it
        (await client.PutClaim("710100", "ob-q", ClaimBodies.Fee(patronId: "P-ob1", amount: "150.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostJson("/api/v1/agencies/710100/claims/ob-q/write-downs", new { writeDownId = "w", amount = "50.00", reason = "material-returned" }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await client.PostJson("/api/v1/agencies/710100/claims/ob-q/cancellation", new { reason = "fejl" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        // held below the minimum: a write-down changes it locally only; released later → registration
        (await client.PutClaim("710100", "ob-h1", ClaimBodies.Fee(patronId: "P-ob2", amount: "60.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostJson("/api/v1/agencies/710100/claims/ob-h1/write-downs", new { writeDownId = "w", amount = "10.00", reason = "error" }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await client.PutClaim("710100", "ob-h2", ClaimBodies.Fee(patronId: "P-ob2", amount: "60.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        // before cut-over: never
        (await client.PutClaim("710100", "ob-old", ClaimBodies.Fee(patronId: "P-ob3", createdAt: "2019-01-01T10:00:00+01:00"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var rows = new List<string>();
        await using (var c = await host.Store.Dialect.OpenAsync(default))
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT claim_id, seq, kind, state, municipality FROM outbox ORDER BY claim_id, seq";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) rows.Add($"{r.GetString(0)}#{r.GetInt32(1)} {r.GetString(2)} {r.GetString(3)} {r.GetString(4)}");
        }

        rows.ShouldBe([
            "ob-h1#4 OpretDebitorkonto pending 101",
            "ob-h2#2 OpretDebitorkonto pending 101",
            "ob-q#2 OpretDebitorkonto pending 101",
            "ob-q#3 NedskrivFordring pending 101",
            "ob-q#4 AnnullerFordring pending 101",
        ]);
    }

    [Fact]
    public async Task SummaryIndexes_HoldNoColumnAPaymentChanges_SoItsRewriteAddsNoIndexEntry()
    {
        // docs/architecture.md, "A report's index entries": on PostgreSQL an update that changes no indexed column
        // (partial indexes' columns and conditions included) stays on its page with no new index entry (heap-only).
        using var host = new FeeBridgeHost(kind);
        var postgres = host.Store.Dialect.Name == "postgresql";
        var definitions = new List<string>();
        await using (var c = await host.Store.Dialect.OpenAsync(default))
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = postgres
                ? "SELECT indexdef FROM pg_indexes WHERE tablename = 'claim_summaries'"
                : "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'claim_summaries' AND sql IS NOT NULL";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) definitions.Add(r.GetString(0));
        }
        definitions.Count.ShouldBeGreaterThan(3);
        string[] movedByAPayment = ["updated_at", "last_seq", "paid_ore", "outstanding_ore", "credit_ore", "needs_reconciliation"];
        foreach (var definition in definitions)
            foreach (var column in movedByAPayment)
                System.Text.RegularExpressions.Regex.IsMatch(definition, $@"\b{column}\b").ShouldBeFalse($"{definition} holds {column}");
        if (postgres)
            (await host.Store.Dialect.ScalarAsync("SELECT COUNT(*) FROM pg_class WHERE relname = 'claim_summaries' AND 'fillfactor=70' = ANY(reloptions)")).ShouldBe(1L);
    }

    [Fact]
    public async Task Upgrade_ToStep12_GivesEverySummaryItsStatusSince_AndListsItsClaimsAsBefore()
    {
        var dataDirectory = TestStores.NewDataDirectory();
        var connection = kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null;
        var protector = new FeeBridge.Persistence.Security.CprProtector(new byte[32]);
        await using (var old = FeeBridgeStore.Open(connection, dataDirectory, protector))
        {
            await Migrations.ApplyAsync(old.Dialect, 11, default);
            var blob = kind == StoreKind.Postgres ? @"'\x00'::bytea" : "X'00'";
            await old.Dialect.ExecAsync($$"""
                INSERT INTO claim_events (agency_id, claim_id, seq, at, type, amount_ore, data, idempotency_key) VALUES
                  ('710100', 'a', 1, 1000, 'received', 12000, '{}', NULL), ('710100', 'b', 1, 2000, 'received', 12000, '{}', NULL);
                INSERT INTO claim_summaries (agency_id, claim_id, municipality, patron_id, liable_hash, kind, status, route, hold_reason, amount_ore,
                  written_down_ore, paid_ore, written_off_ore, outstanding_ore, debtor_system_claim_id, created_at, updated_at, last_seq) VALUES
                  ('710100', 'a', '101', 'P', {{blob}}, 'fee', 'rejected', 'debtor-system', NULL, 12000, 0, 0, 0, 12000, NULL, '2026-11-20T10:00:00+01:00', 1000, 1),
                  ('710100', 'b', '101', 'P', {{blob}}, 'fee', 'queued', 'debtor-system', NULL, 12000, 0, 0, 0, 12000, NULL, '2026-11-20T10:00:00+01:00', 2000, 1)
                """);
        }

        await using var store = FeeBridgeStore.Open(connection, dataDirectory, protector);
        await store.MigrateAsync(default);
        (await store.Dialect.ScalarAsync("SELECT COUNT(*) FROM claim_summaries WHERE status_since = updated_at")).ShouldBe(2L);
        var page = await store.Claims.ListAsync(new FeeBridge.Persistence.Claims.ClaimQuery("710100", null, null, null, null, 10), default);
        page.Items.Select(i => i.ClaimId).ShouldBe(["b", "a"]);
    }

    [Fact]
    public async Task Upgrade_OfAnOutboxWrittenBeforeStep6_KeepsEveryRow_AndStillSendsEachClaimInOrder()
    {
        var dataDirectory = TestStores.NewDataDirectory();
        var connection = kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null;
        var now = DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var protector = new FeeBridge.Persistence.Security.CprProtector(new byte[32]);
        string before;
        await using (var old = FeeBridgeStore.Open(connection, dataDirectory, protector))
        {
            await Migrations.ApplyAsync(old.Dialect, 5, default);
            await using (var c = await old.Dialect.OpenAsync(default))
            await using (var cmd = c.CreateCommand())
            {
                // claim a: its registration answered, a write-down waiting for a retry in an hour, a cancellation after
                // it; claim b: a registration due now.
                var (past, due, later) = (Micros(now.AddMinutes(-5)), Micros(now), Micros(now.AddHours(1)));
                cmd.CommandText = $"""
                    INSERT INTO outbox (municipality, agency_id, claim_id, seq, handling_id, kind, state, attempts, not_before, lease_until, receipt_code, created_at) VALUES
                      ('101', '710100', 'a', 2, '0196a000-0000-7000-8000-000000000001', 'OpretDebitorkonto', 'done', 0, {past}, 0, NULL, {past}),
                      ('101', '710100', 'a', 3, '0196a000-0000-7000-8000-000000000002', 'NedskrivFordring', 'pending', 2, {later}, 0, NULL, {past}),
                      ('101', '710100', 'a', 4, '0196a000-0000-7000-8000-000000000003', 'AnnullerFordring', 'pending', 0, {due}, 0, NULL, {past}),
                      ('101', '710100', 'b', 2, '0196a000-0000-7000-8000-000000000004', 'OpretDebitorkonto', 'pending', 0, {due}, 0, NULL, {past})
                    """;
                await cmd.ExecuteNonQueryAsync();
            }
            before = await DumpOutboxAsync(old);
        }

        await using var store = FeeBridgeStore.Open(connection, dataDirectory, protector);
        await store.MigrateAsync(default);

        (await DumpOutboxAsync(store)).ShouldBe(before);
        var leased = await store.Outbox.LeaseAsync("101", "upgraded", 10, now, TimeSpan.FromMinutes(1), default);
        leased.Select(i => $"{i.ClaimId}#{i.Seq}").ShouldBe(["b#2"]);
    }

    private static long Micros(DateTimeOffset t) => FeeBridge.Persistence.Claims.ClaimCodec.ToMicros(t);

    private static async Task<string> DumpOutboxAsync(FeeBridgeStore store)
    {
        var sb = new StringBuilder();
        await using var c = await store.Dialect.OpenAsync(default);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, claim_id, seq, handling_id, kind, state, attempts, not_before FROM outbox ORDER BY id";
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            sb.AppendJoin('|', Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))).Append('\n');
        return sb.ToString();
    }

    /// <summary>Every row of the tables as text, blobs as Latin-1, in key order.</summary>
    private static async Task<string> DumpAsync(FeeBridgeHost host, params string[] tables)
    {
        var sb = new StringBuilder();
        await using var c = await host.Store.Dialect.OpenAsync(default);
        foreach (var table in tables)
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = table == "claim_events" ? $"SELECT * FROM {table} ORDER BY claim_id, seq" : $"SELECT * FROM {table} ORDER BY claim_id";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                for (var i = 0; i < r.FieldCount; i++)
                {
                    var v = r.GetValue(i);
                    sb.Append(v is byte[] b ? Encoding.Latin1.GetString(b) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }
}

[Trait("store", "sqlite")]
public sealed class StorageOnSqlite() : StorageTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class StorageOnPostgres() : StorageTests(StoreKind.Postgres);

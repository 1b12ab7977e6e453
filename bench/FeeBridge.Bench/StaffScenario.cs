using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using FeeBridge.Domain;
using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Persistence.Security;
using Npgsql;
using NpgsqlTypes;

namespace FeeBridge.Bench;

/// <summary>
/// Scenario "staff": PostgreSQL holding N claims of N/10 patrons at København's library in the states a year of use
/// leaves (registered, paid, held before the cut-over, on its way, part paid with a notice for staff, rejected), with
/// their handlings, reports and notices — written in bulk with COPY (through the API a million claims take hours on two
/// cores), then the staff console's own migration builds its indexes. Then S staff sessions with bearer tokens in a
/// closed loop: four in five at the desk (search by patron id, the patron's page; one in ten a search by the name's start
/// and one in ten by a common surname alone), one in
/// five in the finance department (the queue's page, the refused reports as JSON, one in five a dismissal). Reports
/// p50/p99 and pages/s against a baseline in the same run: the patron page's own reads straight on PostgreSQL.
/// Without <c>--think-ms</c> every session sends its next request the moment the last is answered (the capacity);
/// with it, each pauses about that long between requests, as a person reading the answer does.
/// </summary>
public static class StaffScenario
{
    private const string Agency = "710100";
    private const string Municipality = "101";
    private const int ClaimsPerPatron = 10;

    private static readonly string[] FirstNames = ["Mette", "Jens", "Anne", "Søren", "Lise", "Peter", "Karen", "Mads", "Ida", "Ole", "Åse", "Emil"];
    private static readonly string[] LastNames = ["Hansen", "Jensen", "Nielsen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Østergaard"];

    public static async Task RunAsync(BenchOptions o)
    {
        var patrons = Math.Max(o.Clients, o.Claims / ClaimsPerPatron);
        Console.WriteLine($"# staff: {o.Claims:N0} claims of {patrons:N0} patrons, {o.Clients} staff sessions for {o.Seconds} s, think time {o.ThinkMs} ms, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var key = RandomNumberGenerator.GetBytes(32);
        var db = IntakeScenario.CreateDatabase(o);
        var seeding = Stopwatch.StartNew();
        await SeedAsync(db, key, o.Claims, patrons);
        Console.WriteLine($"# seeded in {seeding.Elapsed.TotalSeconds:F0} s (COPY, then the staff console's indexes)");

        var baseline = await BaselineAsync(db, patrons, o.Clients, o.Seconds);
        var dataDir = Directory.CreateTempSubdirectory("feebridge-staff-").FullName;
        await using var server = await ServerProcess.StartAsync(dataDir, db, new Dictionary<string, string>
        {
            ["FeeBridge__CprKey"] = Convert.ToBase64String(key),
            ["FeeBridge__Dispatcher__Enabled"] = "false",
        });
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = o.Clients, AllowAutoRedirect = false, UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        var (librarian, finance) = (await TokenAsync(http, "bibliotekar"), await TokenAsync(http, "debitor"));

        await LoadAsync(http, librarian, finance, o.Clients, patrons, (int)Clients.WarmUp.TotalSeconds, o.ThinkMs);
        var (pages, latencies, byKind) = await LoadAsync(http, librarian, finance, o.Clients, patrons, o.Seconds, o.ThinkMs);
        Console.WriteLine();
        Console.WriteLine("| requests/s | p50 ms | p99 ms | baseline reads/s (the patron page's reads on PostgreSQL) | ratio | peak RSS MiB |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {pages / (double)o.Seconds:N0} | {P(latencies, 0.5):F1} | {P(latencies, 0.99):F1} | {baseline:N0} | {pages / (double)o.Seconds / baseline:P1} | {server.PeakRssMiB():F0} |"));
        Console.WriteLine();
        Console.WriteLine("| request | count | p50 ms | p99 ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (kind, list) in byKind.OrderBy(k => k.Key, StringComparer.Ordinal))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {kind} | {list.Count:N0} | {P(list, 0.5):F1} | {P(list, 0.99):F1} |"));
        Directory.Delete(dataDir, recursive: true);
    }

    private static double P(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * q))];

    private static async Task<string> TokenAsync(HttpClient http, string user)
    {
        using var r = await http.PostAsJsonAsync("/sandbox/staff/token", new { user });
        r.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>The sessions' closed loop: desk sessions look patrons up, finance sessions work the queue.</summary>
    private static async Task<(long Count, List<double> All, Dictionary<string, List<double>> ByKind)> LoadAsync(
        HttpClient http, string librarian, string finance, int sessions, int patrons, int seconds, int thinkMs)
    {
        var until = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        var perSession = new List<(string Kind, double Ms)>[sessions];
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(s => Task.Run(async () =>
        {
            var mine = perSession[s] = new List<(string, double)>(4096);
            var random = new Random(s);
            var desk = s % 5 != 4;
            var turn = 0;
            if (thinkMs > 0) await Task.Delay(random.Next(thinkMs)); // not all at once
            async Task Timed(string kind, HttpMethod method, string path, object? body = null, params HttpStatusCode[] ok)
            {
                var t = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", desk ? librarian : finance);
                using var r = await http.SendAsync(request);
                var text = await r.Content.ReadAsStringAsync();
                if (r.StatusCode != HttpStatusCode.OK && !ok.Contains(r.StatusCode)) throw new InvalidOperationException($"{path}: {(int)r.StatusCode} {text[..Math.Min(200, text.Length)]}");
                mine.Add((kind, Stopwatch.GetElapsedTime(t).TotalMilliseconds));
                // A person reads what came back before the next request (--think-ms: on average that long).
                if (thinkMs > 0) await Task.Delay(thinkMs / 2 + random.Next(thinkMs + 1));
            }
            while (Stopwatch.GetTimestamp() < until)
            {
                turn++;
                if (desk)
                {
                    var p = random.Next(patrons);
                    if (turn % 10 == 0) await Timed("desk: search by name (API)", HttpMethod.Get, $"/api/v1/staff/agencies/{Agency}/patrons?q={Uri.EscapeDataString(NameStartOf(p))}");
                    else if (turn % 10 == 5) await Timed("desk: search by surname (API)", HttpMethod.Get, $"/api/v1/staff/agencies/{Agency}/patrons?q={Uri.EscapeDataString(SurnameOf(p))}");
                    else await Timed("desk: search by patron id (API)", HttpMethod.Get, $"/api/v1/staff/agencies/{Agency}/patrons?q=P{p}");
                    await Timed("desk: the patron's page (HTML)", HttpMethod.Get, $"/staff/desk/{Agency}/patrons/P{p}");
                }
                else
                {
                    await Timed("finance: the queue's page (HTML)", HttpMethod.Get, $"/staff/finance/{Municipality}");
                    await Timed("finance: refused reports (API)", HttpMethod.Get, $"/api/v1/staff/municipalities/{Municipality}/queue?kind=refused&limit=20");
                    if (turn % 5 == 0)
                        await Timed("finance: dismiss a refused report (API)", HttpMethod.Post,
                            $"/api/v1/staff/municipalities/{Municipality}/queue/report:{1 + random.Next(RefusedReports)}/resolve",
                            new { action = "dismiss", reason = "bench" }, HttpStatusCode.Accepted, HttpStatusCode.NotFound);
                }
            }
        })));
        var all = perSession.SelectMany(l => l).ToList();
        var byKind = all.GroupBy(x => x.Kind).ToDictionary(g => g.Key, g => g.Select(x => x.Ms).Order().ToList());
        var sorted = all.Select(x => x.Ms).Order().ToList();
        return (sorted.Count, sorted, byKind);
    }

    // "Mette 12345 Hansen": the number as a middle name keeps names apart, the surname stays last, as at the desk.
    private static string NameOf(int patron) => string.Create(CultureInfo.InvariantCulture, $"{NameStartOf(patron)}{patron % 100:D2} {SurnameOf(patron)}");

    // The first name and the number but its last two digits: about a hundred patrons start so.
    private static string NameStartOf(int patron) =>
        string.Create(CultureInfo.InvariantCulture, $"{FirstNames[patron % FirstNames.Length]} {patron / 100}");

    // One in ten of the agency's patrons has each surname: the desk's "Hansen" finds many and shows the first page.
    private static string SurnameOf(int patron) => LastNames[patron / FirstNames.Length % LastNames.Length];

    private static string Cpr(int p) => string.Create(CultureInfo.InvariantCulture,
        $"{1 + p % 28:D2}{1 + p / 28 % 12:D2}{p / 336 % 100:D2}{1000 + p / 33_600:D4}");

    private const int RefusedReports = 2_000;

    private sealed record Seeded(ClaimHeader Header, string Json, byte[] Hash, byte[] Cpr, ClaimEvent[] Events, ClaimState State, byte[] Liable, long Micros);

    /// <summary>N claims in a year's mix of states, with their handlings, reports and notices, by COPY; then every migration and ANALYZE.</summary>
    private static async Task SeedAsync(string db, byte[] key, int claims, int patrons)
    {
        var protector = new CprProtector(key);
        var codec = new ClaimCodec(protector);
        var rules = new MunicipalityRules(Kommunekode.Parse(Municipality), "Københavns Kommune", Money.Parse("100.00"), UnacknowledgedCompensationPolicy.Hold);
        var start = DateTimeOffset.UtcNow.AddDays(-365);
        await using (var dialect = new PostgresDialect(db)) await Migrations.ApplyAsync(dialect, default);
        await using var source = NpgsqlDataSource.Create(db);
        await using var c = await source.OpenConnectionAsync();
        await RefusedAsync(c, start);
        const int Chunk = 50_000;
        for (var from = 0; from < claims; from += Chunk)
        {
            var rows = Enumerable.Range(from, Math.Min(Chunk, claims - from)).AsParallel().AsOrdered().Select(i => Row(i, patrons, start, rules, codec, protector)).ToList();
            await CopyAsync(c, codec, rows);
        }
        await using var store = FeeBridgeStore.Open(db, Path.GetTempPath(), protector);
        await store.MigrateAsync(default);
        await using var analyze = new NpgsqlCommand("ANALYZE", c) { CommandTimeout = 600 };
        await analyze.ExecuteNonQueryAsync();
    }

    private static Seeded Row(int i, int patrons, DateTimeOffset start, MunicipalityRules rules, ClaimCodec codec, CprProtector protector)
    {
        var patron = i % patrons;
        var at = start.AddMinutes(i * (365.0 * 24 * 60 / 1_000_000)); // spread over the year
        var kind = i % 100;
        var created = kind < 15 ? new DateTimeOffset(2020, 6, 1, 10, 0, 0, TimeSpan.FromHours(2)) : at;
        var header = new ClaimHeader(AgencyId.Parse(Agency), $"C{i}", Kommunekode.Parse(Municipality), $"P{patron}",
            DebtorId.Person(Domain.Cpr.Parse(Cpr(patron))), NameOf(patron), null, ClaimKind.Fee, false, "Gebyr for for sen aflevering", created, null,
            [new ClaimLine("1", Money.FromOre((20 + i % 230) * 100L), "For sen aflevering", $"50{i:D8}", null)]);
        var amount = header.Amount;
        var events = new List<ClaimEvent> { new ClaimReceived(amount) { Seq = 1, At = at } };
        ClaimEvent Next(ClaimEvent e, int minutes) => e with { Seq = events.Count + 1, At = at.AddMinutes(minutes) };
        if (kind < 15) events.Add(Next(new ClaimHeld(HoldReason.BeforeCutOver), 0));
        else
        {
            events.Add(Next(ClaimRouter.QueuedEvent(header, DebtorClaimType.BIBGEBYR, rules), 0));
            if (kind < 20) { } // on its way (sent, not answered yet)
            else if (kind < 23) events.Add(Next(new ClaimRejected("UKENDT_PERSON", "Personen findes ikke i CPR."), 1));
            else
            {
                events.Add(Next(new ClaimRegistered($"D-{i}"), 1));
                if (kind < 38) events.Add(Next(new DebtorSystemReported(Guid.NewGuid(), DebtorEventKind.Covered, amount, DateOnly.FromDateTime(at.Date), "MobilePay", Money.Zero), 60 * 24 * 10));
                else if (kind < 40) events.Add(Next(new DebtorSystemReported(Guid.NewGuid(), DebtorEventKind.Covered, Money.FromOre(amount.Ore / 2), DateOnly.FromDateTime(at.Date), "MobilePay", Money.FromOre(amount.Ore - amount.Ore / 2)), 60 * 24 * 10));
            }
        }
        var json = codec.HeaderJson(header);
        var list = events.ToArray();
        return new Seeded(header, json, codec.ContentHash(header, json), protector.Encrypt(header.Debtor.Cpr!.Value), list, ClaimState.Fold(header, list),
            codec.LiableHash(header.Debtor), ClaimCodec.ToMicros(at));
    }

    private static async Task CopyAsync(NpgsqlConnection c, ClaimCodec codec, List<Seeded> rows)
    {
        await using (var w = await c.BeginBinaryImportAsync("COPY claims (agency_id, claim_id, municipality, patron_id, content_hash, header_json, debtor_cpr, guardian_cpr, received_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in rows)
            {
                await w.StartRowAsync();
                await w.WriteAsync(Agency); await w.WriteAsync(r.Header.ClaimId); await w.WriteAsync(Municipality); await w.WriteAsync(r.Header.PatronId);
                await w.WriteAsync(r.Hash, NpgsqlDbType.Bytea); await w.WriteAsync(r.Json); await w.WriteAsync(r.Cpr, NpgsqlDbType.Bytea);
                await w.WriteNullAsync(); await w.WriteAsync(r.Micros);
            }
            await w.CompleteAsync();
        }
        await using (var w = await c.BeginBinaryImportAsync("COPY claim_events (agency_id, claim_id, seq, at, type, amount_ore, data, idempotency_key) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in rows)
            {
                foreach (var e in r.Events)
                {
                    await w.StartRowAsync();
                    await w.WriteAsync(Agency); await w.WriteAsync(r.Header.ClaimId); await w.WriteAsync(e.Seq); await w.WriteAsync(ClaimCodec.ToMicros(e.At));
                    await w.WriteAsync(e.Type);
                    if (e.Amount is { } a) await w.WriteAsync(a.Ore); else await w.WriteNullAsync();
                    await w.WriteAsync(codec.EventData(e));
                    if (e.IdempotencyKey is { } k) await w.WriteAsync(k); else await w.WriteNullAsync();
                }
            }
            await w.CompleteAsync();
        }
        await using (var w = await c.BeginBinaryImportAsync("COPY claim_summaries (agency_id, claim_id, municipality, patron_id, liable_hash, kind, status, route, hold_reason, amount_ore, written_down_ore, paid_ore, written_off_ore, outstanding_ore, debtor_system_claim_id, created_at, updated_at, last_seq, status_since) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in rows)
            {
                var s = r.State;
                await w.StartRowAsync();
                await w.WriteAsync(Agency); await w.WriteAsync(r.Header.ClaimId); await w.WriteAsync(Municipality); await w.WriteAsync(r.Header.PatronId);
                await w.WriteAsync(r.Liable, NpgsqlDbType.Bytea); await w.WriteAsync("fee"); await w.WriteAsync(ClaimNames.Of(s.Status)); await w.WriteAsync(ClaimNames.Of(s.Route));
                if (s.HoldReason is { } h) await w.WriteAsync(ClaimNames.Of(h)); else await w.WriteNullAsync();
                await w.WriteAsync(s.Amount.Ore); await w.WriteAsync(s.WrittenDown.Ore); await w.WriteAsync(s.Paid.Ore); await w.WriteAsync(s.WrittenOff.Ore);
                await w.WriteAsync(s.Outstanding.Ore);
                if (s.DebtorSystemClaimId is { } d) await w.WriteAsync(d); else await w.WriteNullAsync();
                await w.WriteAsync(r.Header.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
                await w.WriteAsync(ClaimCodec.ToMicros(s.UpdatedAt)); await w.WriteAsync(s.Events.Count);
                await w.WriteAsync(ClaimCodec.ToMicros(s.UpdatedAt)); // since its status: its last event, in this seed
            }
            await w.CompleteAsync();
        }
        // The registration each claim sent the debtor system, answered (or, on its way, waiting); what came back; what staff must see.
        await using (var w = await c.BeginBinaryImportAsync("COPY outbox (municipality, agency_id, claim_id, seq, handling_id, kind, state, attempts, not_before, lease_owner, lease_until, receipt_code, receipt_text, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in rows.Where(r => r.State.Route == ClaimRoute.DebtorSystem))
            {
                var rejected = r.State.Status == ClaimStatus.Rejected;
                var state = r.State.Status == ClaimStatus.Queued ? "pending" : rejected ? "rejected" : "done";
                await w.StartRowAsync();
                await w.WriteAsync(Municipality); await w.WriteAsync(Agency); await w.WriteAsync(r.Header.ClaimId); await w.WriteAsync(2);
                await w.WriteAsync(Guid.CreateVersion7().ToString()); await w.WriteAsync(nameof(HandlingKind.OpretDebitorkonto)); await w.WriteAsync(state);
                await w.WriteAsync(0); await w.WriteAsync(r.Micros); await w.WriteNullAsync(); await w.WriteAsync(0L);
                if (rejected) { await w.WriteAsync("UKENDT_PERSON"); await w.WriteAsync("Personen findes ikke i CPR."); }
                else { await w.WriteNullAsync(); await w.WriteNullAsync(); }
                await w.WriteAsync(r.Micros);
            }
            await w.CompleteAsync();
        }
        await using (var w = await c.BeginBinaryImportAsync("COPY inbox (haendelse_id, municipality, fagsystem_fordring_id, agency_id, claim_id, delfordring_id, type, beloeb_ore, value_date, payment_method, restsaldo_ore, state, reason, received_at, applied_at, lease_owner, lease_until) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (r, e) in rows.SelectMany(r => r.Events.OfType<DebtorSystemReported>().Select(e => (r, e))))
            {
                var micros = ClaimCodec.ToMicros(e.At);
                await w.StartRowAsync();
                await w.WriteAsync(e.HaendelseId.ToString("D")); await w.WriteAsync(Municipality); await w.WriteAsync(r.Header.Key.FagsystemFordringId);
                await w.WriteAsync(Agency); await w.WriteAsync(r.Header.ClaimId); await w.WriteNullAsync(); await w.WriteAsync(e.Type); await w.WriteAsync(e.Beloeb.Ore);
                await w.WriteAsync(e.ValueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); await w.WriteAsync(e.PaymentMethod ?? "");
                await w.WriteAsync(e.Restsaldo.Ore); await w.WriteAsync("applied"); await w.WriteNullAsync(); await w.WriteAsync(micros); await w.WriteAsync(micros + 200_000);
                await w.WriteNullAsync(); await w.WriteAsync(0L);
            }
            await w.CompleteAsync();
        }
        await using (var w = await c.BeginBinaryImportAsync("COPY notices (agency_id, claim_id, seq, event_id, event_type, target, state, attempts, not_before, lease_owner, lease_until, result, created_at, finished_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in rows.Where(r => r.State.Status is ClaimStatus.PartiallyPaid or ClaimStatus.Paid))
            {
                var part = r.State.Status == ClaimStatus.PartiallyPaid;
                var micros = ClaimCodec.ToMicros(r.State.UpdatedAt);
                await w.StartRowAsync();
                await w.WriteAsync(Agency); await w.WriteAsync(r.Header.ClaimId); await w.WriteAsync(r.State.Events.Count); await w.WriteAsync(Guid.CreateVersion7().ToString());
                await w.WriteAsync(part ? LibraryNotices.PartiallyPaid : LibraryNotices.Paid); await w.WriteAsync(part ? "staff" : "fbs");
                await w.WriteAsync(part ? "attention" : "delivered"); await w.WriteAsync(part ? 0 : 1); await w.WriteAsync(micros); await w.WriteNullAsync(); await w.WriteAsync(0L);
                await w.WriteAsync(part ? "Part payment: FBS pays a fee whole or not at all." : "paymentRegistered"); await w.WriteAsync(micros); await w.WriteAsync(micros + 500_000);
            }
            await w.CompleteAsync();
        }
    }

    /// <summary>Reports the receiver refused (unknown claims), waiting in the queue: written first, so their ids are 1…2,000.</summary>
    private static async Task RefusedAsync(NpgsqlConnection c, DateTimeOffset start)
    {
        await using var cmd = new NpgsqlCommand($"""
            INSERT INTO inbox (haendelse_id, municipality, fagsystem_fordring_id, type, beloeb_ore, value_date, restsaldo_ore, state, reason, received_at, lease_until)
            SELECT gen_random_uuid()::text, '{Municipality}', '{Agency}-UNKNOWN-' || g, 'covered', 10000, '2026-01-01', 0, 'refused',
                   'FagsystemFordringId names no claim of this municipality.', {ClaimCodec.ToMicros(start)} + g * 1000000, 0
            FROM generate_series(1, {RefusedReports}) g
            """, c) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The patron page's reads straight on PostgreSQL: the patron's summaries, the claims with their events, their handlings, reports and notices.</summary>
    private static async Task<double> BaselineAsync(string db, int patrons, int sessions, int seconds)
    {
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(db) { MaxPoolSize = sessions }.ToString());
        var until = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        long reads = 0;
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(s => Task.Run(async () =>
        {
            var random = new Random(1000 + s);
            while (Stopwatch.GetTimestamp() < until)
            {
                await using var cmd = source.CreateCommand("""
                    SELECT * FROM claim_summaries WHERE agency_id = @a AND patron_id = @p;
                    SELECT agency_id, claim_id, header_json, debtor_cpr, guardian_cpr FROM claims WHERE (agency_id, claim_id) IN (SELECT agency_id, claim_id FROM claim_summaries WHERE agency_id = @a AND patron_id = @p);
                    SELECT e.* FROM claim_events e WHERE (e.agency_id, e.claim_id) IN (SELECT agency_id, claim_id FROM claim_summaries WHERE agency_id = @a AND patron_id = @p) ORDER BY e.claim_id, e.seq;
                    SELECT o.* FROM outbox o WHERE (o.agency_id, o.claim_id) IN (SELECT agency_id, claim_id FROM claim_summaries WHERE agency_id = @a AND patron_id = @p);
                    SELECT i.* FROM inbox i WHERE (i.agency_id, i.claim_id) IN (SELECT agency_id, claim_id FROM claim_summaries WHERE agency_id = @a AND patron_id = @p);
                    SELECT n.* FROM notices n WHERE (n.agency_id, n.claim_id) IN (SELECT agency_id, claim_id FROM claim_summaries WHERE agency_id = @a AND patron_id = @p);
                    """);
                cmd.Parameters.AddWithValue("a", Agency);
                cmd.Parameters.AddWithValue("p", $"P{random.Next(patrons)}");
                await using var r = await cmd.ExecuteReaderAsync();
                do { while (await r.ReadAsync()) { } } while (await r.NextResultAsync());
                Interlocked.Increment(ref reads);
            }
        })));
        return reads / (double)seconds;
    }
}

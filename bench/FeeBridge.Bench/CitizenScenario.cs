using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using FeeBridge.Domain;
using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Persistence.Security;
using FeeBridge.Testing;
using Npgsql;

namespace FeeBridge.Bench;

/// <summary>
/// Scenario "citizen": PostgreSQL holding N claims of N/10 people (written in bulk); S sessions, each a different
/// person logged in through the MitID stand-in, load the overview <c>/borger</c> in a loop for a while. Reports p50/p99
/// and pages/s, against a baseline in the same run: the same sessions running the overview's own reads (the person's
/// claims and their events) straight against PostgreSQL. With <c>--think-ms</c>, each session pauses between loads as a
/// person reading the page does: on average that long, drawn at random between half and one and a half times it, and
/// the sessions start spread over one such pause, so they do not load in lockstep (the default, 0, is a closed loop:
/// the hardest case).
/// </summary>
public static class CitizenScenario
{
    private const int ClaimsPerPerson = 10;

    public static async Task RunAsync(BenchOptions o)
    {
        var people = Math.Max(o.Clients, o.Claims / ClaimsPerPerson);
        Console.WriteLine($"# citizen: {o.Claims:N0} claims of {people:N0} people, {o.Clients} sessions for {o.Seconds} s, think time {o.ThinkMs} ms, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var key = RandomNumberGenerator.GetBytes(32);
        var db = IntakeScenario.CreateDatabase(o);
        var seeding = Stopwatch.StartNew();
        await SeedAsync(db, key, o.Claims, people);
        Console.WriteLine($"# seeded in {seeding.Elapsed.TotalSeconds:F0} s");

        var sessionsPeople = Enumerable.Range(0, o.Clients).Select(s => (int)((long)s * people / o.Clients)).ToArray();
        var baseline = await BaselineAsync(db, key, sessionsPeople, o.Seconds);

        var dataDir = Directory.CreateTempSubdirectory("feebridge-citizen-").FullName;
        await using var server = await ServerProcess.StartAsync(dataDir, db, new Dictionary<string, string>
        {
            ["FeeBridge__CprKey"] = Convert.ToBase64String(key),
            ["FeeBridge__Dispatcher__Enabled"] = "false",
        });
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = o.Clients, AllowAutoRedirect = false, UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        var sessions = new BrowserCookies[o.Clients];
        await Clients.ForEach(o.Clients, Math.Min(o.Clients, 16), async s => sessions[s] = await LogInAsync(http, Cpr(sessionsPeople[s])));
        Console.WriteLine($"# {o.Clients} sessions logged in");

        // Warm up, then measure (see Clients.WarmUp: a profile showed the background compiler at 10-15 % of the CPU for
        // the first 25 s).
        await LoadAsync(http, sessions, (int)Clients.WarmUp.TotalSeconds, o.ThinkMs);
        var (count, latencies) = await LoadAsync(http, sessions, o.Seconds, o.ThinkMs);
        var rss = server.PeakRssMiB();
        Console.WriteLine();
        Console.WriteLine("| pages/s | p50 ms | p99 ms | baseline reads/s (the same queries straight on PostgreSQL) | ratio | peak RSS MiB |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {count / (double)o.Seconds:N0} | {latencies[latencies.Count / 2]:F1} | {latencies[(int)(latencies.Count * 0.99)]:F1} | {baseline:N0} | {count / (double)o.Seconds / baseline:P1} | {rss:F0} |"));
        Directory.Delete(dataDir, recursive: true);
    }

    /// <summary>Every session loads its own overview in a loop for <paramref name="seconds"/>; sorted latencies in ms.</summary>
    private static async Task<(long Count, List<double> Latencies)> LoadAsync(HttpClient http, BrowserCookies[] sessions, int seconds, int thinkMs)
    {
        var until = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        var perSession = new List<double>[sessions.Length];
        await Task.WhenAll(sessions.Select((cookies, s) => Task.Run(async () =>
        {
            var mine = perSession[s] = new List<double>(4096);
            if (thinkMs > 0) await Task.Delay(Random.Shared.Next(thinkMs));
            while (Stopwatch.GetTimestamp() < until)
            {
                var t = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Get, "/borger");
                using var r = await SendAsync(http, request, cookies);
                var body = await r.Content.ReadAsByteArrayAsync();
                if (r.StatusCode != HttpStatusCode.OK || body.AsSpan().IndexOf("Til betaling hos kommunen"u8) < 0)
                    throw new InvalidOperationException($"overview: {(int)r.StatusCode}");
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                if (thinkMs > 0) await Task.Delay(thinkMs / 2 + Random.Shared.Next(thinkMs + 1));
            }
        })));
        var all = perSession.SelectMany(l => l).ToList();
        all.Sort();
        return (all.Count, all);
    }

    /// <summary>The OpenID Connect code flow through the MitID stand-in; returns the session's cookies, as a browser keeps them.</summary>
    private static async Task<BrowserCookies> LogInAsync(HttpClient http, string cpr)
    {
        var cookies = new BrowserCookies();
        async Task<HttpResponseMessage> Send(HttpMethod method, string url, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            return await SendAsync(http, request, cookies);
        }
        using var start = await Send(HttpMethod.Get, "/borger/log-ind");
        var authorize = start.Headers.Location!;
        using var page = await Send(HttpMethod.Get, authorize.ToString());
        var fields = MitIdStandInPage.ChooseFields(await page.Content.ReadAsStringAsync(), cpr);
        using var chosen = await Send(HttpMethod.Post, new Uri(authorize, "/sandbox/mitid/authorize").ToString(), new FormUrlEncodedContent(fields));
        using var callback = await Send(HttpMethod.Get, chosen.Headers.Location!.ToString());
        if (!cookies.Has("feebridge-borger")) throw new InvalidOperationException("log-in failed");
        return cookies;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, BrowserCookies cookies)
    {
        cookies.AddTo(request);
        var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set)) cookies.Keep(set);
        return response;
    }

    /// <summary>Person p's CPR: a unique valid date and serial (the numbers are invented).</summary>
    private static string Cpr(int p) => string.Create(CultureInfo.InvariantCulture,
        $"{1 + p % 28:D2}{1 + p / 28 % 12:D2}{p / 336 % 100:D2}{1000 + p / 33_600:D4}");

    /// <summary>N claims, ten per person, queued for the debtor system, written in bulk as FeeBridge writes them.</summary>
    private static async Task SeedAsync(string db, byte[] key, int claims, int people)
    {
        var protector = new CprProtector(key);
        var codec = new ClaimCodec(protector);
        var agency = new AgencySettings(AgencyId.Parse("710100"), "KB", Kommunekode.Parse("101"), new DateOnly(2020, 11, 30), Money.Parse("200.00"));
        var rules = new MunicipalityRules(Kommunekode.Parse("101"), "Københavns Kommune", Money.Parse("100.00"), UnacknowledgedCompensationPolicy.Hold);
        var created = DateTimeOffset.Parse("2026-11-20T10:15:00+01:00", CultureInfo.InvariantCulture);
        var now = DateTimeOffset.UtcNow;
        await using var dialect = new PostgresDialect(db);
        await Migrations.ApplyAsync(dialect, default);
        const int Chunk = 50_000;
        for (var from = 0; from < claims; from += Chunk)
        {
            var rows = Enumerable.Range(from, Math.Min(Chunk, claims - from)).AsParallel().AsOrdered().Select(i =>
            {
                var person = i % people;
                var header = new ClaimHeader(agency.Id, $"C{i}", agency.Municipality, $"P{person}", DebtorId.Person(Domain.Cpr.Parse(Cpr(person))),
                    $"Borger {person}", null, ClaimKind.Fee, false, "Gebyr for for sen aflevering", created, null,
                    [new ClaimLine("1", Money.FromOre((100 + i % 200) * 100L), "For sen aflevering", $"50{i:D8}", null)]);
                var events = new ClaimEvent[]
                {
                    new ClaimReceived(header.Amount) { Seq = 1, At = now },
                    ClaimRouter.QueuedEvent(header, DebtorClaimType.BIBGEBYR, rules) with { Seq = 2, At = now },
                };
                var json = codec.HeaderJson(header);
                return new IntakeScenario.Row(header, json, codec.ContentHash(header, json), protector.Encrypt(header.Debtor.Cpr!.Value), events,
                    ClaimState.Fold(header, events), codec.LiableHash(header.Debtor));
            }).ToList();
            await IntakeScenario.CopyAsync(dialect, codec, rows);
        }
        await using var c = (NpgsqlConnection)await dialect.OpenAsync(default);
        await using var analyze = new NpgsqlCommand("ANALYZE", c);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>The overview's reads (the person's claims by liable hash, with their events), straight on PostgreSQL.</summary>
    private static async Task<double> BaselineAsync(string db, byte[] key, int[] sessionPeople, int seconds)
    {
        var protector = new CprProtector(key);
        var hashes = sessionPeople.Select(p => protector.LookupHash(Domain.Cpr.Parse(Cpr(p)))).ToArray();
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(db) { MaxPoolSize = sessionPeople.Length }.ToString());
        var until = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        long reads = 0;
        await Task.WhenAll(hashes.Select(h => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                await using var cmd = source.CreateCommand("""
                    SELECT agency_id, claim_id, header_json, debtor_cpr, guardian_cpr FROM claims
                    WHERE (agency_id, claim_id) IN (SELECT agency_id, claim_id FROM claim_summaries WHERE liable_hash = @h);
                    SELECT agency_id, claim_id, seq, at, type, amount_ore, data FROM claim_events
                    WHERE (agency_id, claim_id) IN (SELECT agency_id, claim_id FROM claim_summaries WHERE liable_hash = @h) ORDER BY agency_id, claim_id, seq
                    """);
                cmd.Parameters.AddWithValue("h", h);
                await using var r = await cmd.ExecuteReaderAsync();
                do { while (await r.ReadAsync()) { } } while (await r.NextResultAsync());
                Interlocked.Increment(ref reads);
            }
        })));
        return reads / (double)seconds;
    }
}

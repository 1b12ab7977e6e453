using System.Diagnostics;
using System.Globalization;
using System.Text;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Authentication;
using FeeBridge.DebtorSystem.Xml;
using FeeBridge.Domain;
using FeeBridge.Persistence.Schema;
using Npgsql;

namespace FeeBridge.Bench;

/// <summary>
/// Scenario "feedback": N debtor-system reports (Daekning) in SOAP deliveries of 100, sent by C concurrent clients to
/// FeeBridge.Server on PostgreSQL, after a 30 s warm-up on claims of their own. Reports events/s acknowledged (stored in
/// the inbox), events/s applied to the ledger (until the last is applied), the ratio to writing the same rows
/// straight into the inbox table in the same run, and the CPU time the server and PostgreSQL spent per report (steadier
/// between runs than the rates, so it is what tells two builds apart).
/// </summary>
public static class FeedbackScenario
{
    private const int PerDelivery = 100;
    private const int EventsPerClaim = 10;

    public static async Task RunAsync(BenchOptions o)
    {
        var events = o.Events;
        var claims = Math.Max(1, events / EventsPerClaim);
        Console.WriteLine($"# feedback: {events:N0} events on {claims:N0} claims, deliveries of {PerDelivery}, {o.Clients} clients, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var baseline = await BaselineAsync(o, events);

        var dataDir = Directory.CreateTempSubdirectory("feebridge-feedback-").FullName;
        var db = IntakeScenario.CreateDatabase(o);
        await using var server = await ServerProcess.StartAsync(dataDir, db, new Dictionary<string, string>
        {
            ["FeeBridge__Dispatcher__Enabled"] = "false", // the claims stay queued: routed to the debtor system, nothing to send
            ["FeeBridge__Inbox__PollMilliseconds"] = "20",
        });
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = o.Clients };
        using var http = new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "sandbox-library-key");
        await Clients.ForEach(claims, o.Clients, i => IntakeScenario.Put(http, i));
        await WarmUpAsync(http, o, db);
        Console.WriteLine($"# {claims:N0} claims handed over; sending reports");

        var deliveries = Deliveries(events).ToList();
        var latencies = new double[deliveries.Count];
        var cpuAtStart = ProcessCpu.Now();
        var machineAtStart = MachineCpu.Now();
        var clock = Stopwatch.StartNew();
        await Clients.ForEach(deliveries.Count, o.Clients, async d =>
        {
            var t = Stopwatch.GetTimestamp();
            await SendAsync(http, deliveries[d]);
            latencies[d] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        });
        var received = clock.Elapsed;
        await using var pg = new NpgsqlConnection(db);
        await pg.OpenAsync();
        while (await PendingAsync(pg) > 0) await Task.Delay(50);
        var applied = clock.Elapsed;
        var cpu = ProcessCpu.Now();
        var busy = MachineCpu.Now().BusySince(machineAtStart);
        var (serverUs, postgresUs) = (cpu.SecondsSince(cpuAtStart, server.Id) * 1e6 / events, cpu.SecondsSince(cpuAtStart, "postgres") * 1e6 / events);
        await using (var check = new NpgsqlCommand("SELECT COUNT(*) FROM claim_events WHERE type = 'covered' AND claim_id NOT LIKE 'B-%'", pg))
        {
            var n = (long)(await check.ExecuteScalarAsync())!;
            if (n != events) throw new InvalidOperationException($"{n} payments in the ledger, expected {events}.");
        }
        var rss = server.PeakRssMiB();
        Array.Sort(latencies);

        var perSecond = events / received.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine("| events acknowledged/s | events applied/s (to the last) | baseline rows/s (straight into inbox) | ratio acknowledged | delivery p50 ms | p99 ms | peak RSS MiB | CPU µs per report: server / PostgreSQL | machine busy |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {perSecond:N0} | {events / applied.TotalSeconds:N0} | {baseline:N0} | {perSecond / baseline:P1} | {latencies[latencies.Length / 2]:F1} | {latencies[(int)(latencies.Length * 0.99)]:F1} | {rss:F0} | {serverUs:F0} / {postgresUs:F0} | {busy:P0} |"));
        Directory.Delete(dataDir, recursive: true);
    }

    private const int WarmUpClaims = 2_000;

    /// <summary>
    /// Reports on claims of their own for <see cref="Clients.WarmUp"/> before the clock, as intake and transfer warm up:
    /// the run itself lasts about as long as the runtime's background compiler takes to optimise the receiving path,
    /// so without it the figure is a half-compiled server's. Payments of 0.01 on 2,000 claims, so none is paid off
    /// and the applier's memory holds them beside the measured 20,000. Then VACUUM ANALYZE, so the measured window starts
    /// from the tables as autovacuum would leave them, not in the middle of cleaning up after the warm-up.
    /// </summary>
    private static async Task WarmUpAsync(HttpClient http, BenchOptions o, string db)
    {
        await Clients.ForEach(WarmUpClaims, o.Clients, i => IntakeScenario.Put(http, -1 - i));
        var sent = await Clients.ForDuration(Clients.WarmUp, o.Clients, d => SendAsync(http, [.. Enumerable.Range(0, PerDelivery).Select(j =>
        {
            var i = (d * PerDelivery + j) % WarmUpClaims;
            return new Haendelse(Guid.NewGuid(), $"710100-B-{1 + i}", null, HaendelseType.Daekning, Money.Parse("0.01"), new DateOnly(2026, 12, 1), "MobilePay",
                Money.FromOre((100 + (1_000_001 + i) % 200) * 100L - 1));
        })]));
        await using var pg = new NpgsqlConnection(db);
        await pg.OpenAsync();
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", pg) { CommandTimeout = 600 };
        await vacuum.ExecuteNonQueryAsync();
        Console.WriteLine($"# warmed up: {sent * PerDelivery:N0} reports on {WarmUpClaims:N0} claims of their own in {Clients.WarmUp.TotalSeconds:N0} s, then VACUUM ANALYZE");
    }

    /// <summary>Ten payments of 1.00 per claim, each with the principal left after it, shuffled across deliveries.</summary>
    private static IEnumerable<Haendelse[]> Deliveries(int events)
    {
        var all = new Haendelse[events];
        for (var e = 0; e < events; e++)
        {
            var claim = e / EventsPerClaim;
            var nth = e % EventsPerClaim + 1;
            var amount = 100 + claim % 200; // as IntakeScenario's claim bodies
            all[e] = new Haendelse(Guid.NewGuid(), $"710100-B{claim}", null, HaendelseType.Daekning, Money.Parse("1.00"),
                new DateOnly(2026, 12, 1).AddDays(nth), "MobilePay", Money.FromOre((amount - nth) * 100L));
        }
        new Random(7).Shuffle(all);
        return all.Chunk(PerDelivery);
    }

    private static async Task SendAsync(HttpClient http, Haendelse[] delivery)
    {
        var municipality = Kommunekode.Parse("101");
        var xml = Encoding.UTF8.GetBytes(Soap.Envelope(EventXml.Write(new DaekningAfskrivningRegistrering(municipality, delivery))).ToString());
        using var content = new ByteArrayContent(xml);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        // As the debtor sandbox: FeeBridge (sandbox mode) takes reports only with a valid signature (issue 14).
        content.Headers.Add(ReportSignature.Header, ReportSignature.Sign(ReportSignature.DevelopmentSecret(municipality), municipality, DateTimeOffset.UtcNow, xml));
        content.Headers.Add("SOAPAction", $"\"{Sf1590.DaekningAfskrivningRegistreringAfsend}\"");
        using var r = await http.PostAsync("/sf1590/DaekningAfskrivningRegistrering", content);
        var body = await r.Content.ReadAsStringAsync();
        if (!r.IsSuccessStatusCode || body.Contains("Afvist", StringComparison.Ordinal))
            throw new InvalidOperationException($"delivery refused: {(int)r.StatusCode} {body[..Math.Min(400, body.Length)]}");
    }

    private static async Task<long> PendingAsync(NpgsqlConnection pg)
    {
        await using var c = new NpgsqlCommand("SELECT COUNT(*) FROM inbox WHERE state = 'pending'", pg);
        return (long)(await c.ExecuteScalarAsync())!;
    }

    /// <summary>The same rows, 100 to a statement, straight into the inbox table by as many connections as clients.</summary>
    private static async Task<double> BaselineAsync(BenchOptions o, int events)
    {
        await using var dialect = new PostgresDialect(IntakeScenario.CreateDatabase(o));
        await Migrations.ApplyAsync(dialect, CancellationToken.None);
        var rows = Deliveries(events).ToList();
        var clock = Stopwatch.StartNew();
        await Clients.ForEach(rows.Count, o.Clients, async d =>
        {
            await using var c = await dialect.OpenAsync(CancellationToken.None);
            await using var cmd = c.CreateCommand();
            var sql = new StringBuilder("INSERT INTO inbox (haendelse_id, municipality, fagsystem_fordring_id, agency_id, claim_id, type, beloeb_ore, value_date, payment_method, restsaldo_ore, state, received_at, lease_until) VALUES ");
            for (var i = 0; i < rows[d].Length; i++)
            {
                var h = rows[d][i];
                if (i > 0) sql.Append(", ");
                sql.Append(CultureInfo.InvariantCulture, $"(@h{i}, '101', @f{i}, '710100', @c{i}, 'covered', @b{i}, @v{i}, 'MobilePay', @r{i}, 'pending', 0, 0)");
                cmd.With($"@h{i}", h.HaendelseId.ToString("D")).With($"@f{i}", h.FagsystemFordringId).With($"@c{i}", h.FagsystemFordringId[7..])
                   .With($"@b{i}", h.Beloeb.Ore).With($"@v{i}", h.Valoerdato.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).With($"@r{i}", h.Restsaldo.Ore);
            }
            sql.Append(" ON CONFLICT (haendelse_id) DO NOTHING");
            cmd.CommandText = sql.ToString();
            await cmd.ExecuteNonQueryAsync();
        });
        return events / clock.Elapsed.TotalSeconds;
    }
}

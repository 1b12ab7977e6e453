using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
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
/// Scenario "intake": N claims PUT over loopback HTTP by C concurrent clients into FeeBridge.Server (its own process),
/// against the same rows written straight into the same kind of database in bulk (the storage's own limit).
/// </summary>
public static class IntakeScenario
{
    private const string Agency = "710100";
    private const string ApiKey = "sandbox-library-key";

    public static async Task RunAsync(BenchOptions o)
    {
        Console.WriteLine($"# intake: {o.Claims:N0} claims, {o.Clients} clients, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine();
        Console.WriteLine("| store | FeeBridge claims/s | baseline rows/s (bulk) | ratio | p50 ms | p99 ms | peak RSS MiB | machine busy |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var store in o.Stores)
        {
            var baseline = await BaselineAsync(store, o);
            var run = await FeeBridgeAsync(store, o);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {store} | {run.PerSecond:N0} | {baseline:N0} | {run.PerSecond / baseline:P1} | {run.P50:F1} | {run.P99:F1} | {run.PeakRss:F0} | {run.MachineBusy:P0} |"));
        }
    }

    internal sealed record Run(double PerSecond, double P50, double P99, double PeakRss, double MachineBusy);

    internal static async Task<Run> FeeBridgeAsync(string store, BenchOptions o)
    {
        var dataDir = Directory.CreateTempSubdirectory("feebridge-bench-").FullName;
        var connection = store == "postgres" ? CreateDatabase(o) : null;
        // Intake alone: the dispatcher stays off so that sending does not share the two cores (that is "transfer").
        await using var server = await ServerProcess.StartAsync(dataDir, connection, new Dictionary<string, string> { ["FeeBridge__Dispatcher__Enabled"] = "false" });

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = o.Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Authorization = new("Bearer", ApiKey);

        // Warm up (JIT, pools) outside the measurement, as transfer does.
        await Clients.ForDuration(Clients.WarmUp, o.Clients, i => Put(http, -1 - i));

        var latencies = new double[o.Claims];
        var cpuAtStart = MachineCpu.Now();
        var clock = Stopwatch.StartNew();
        await Clients.ForEach(o.Claims, o.Clients, async i =>
        {
            var t = Stopwatch.GetTimestamp();
            await Put(http, i);
            latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        });
        clock.Stop();
        var busy = MachineCpu.Now().BusySince(cpuAtStart);
        var rss = server.PeakRssMiB();
        Array.Sort(latencies);
        Directory.Delete(dataDir, recursive: true);
        return new Run(o.Claims / clock.Elapsed.TotalSeconds, latencies[latencies.Length / 2], latencies[(int)(latencies.Length * 0.99)], rss, busy);
    }

    internal static async Task Put(HttpClient http, int i)
    {
        using var content = new StringContent(Body(i), Encoding.UTF8, "application/json");
        using var r = await http.PutAsync($"/api/v1/agencies/{Agency}/claims/B{i}", content);
        if (r.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"claim {i}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    /// <summary>One claim per call: 20,000 patrons, amounts 100–299 kr, a valid CPR date each.</summary>
    private static string Body(int i)
    {
        var n = i < 0 ? -i + 1_000_000 : i;
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {"patronId":"P{{n % 20_000}}","debtor":{"cpr":"{{Cpr(n)}}"},"debtorName":"Bench Borger {{n}}","kind":"fee","acknowledged":false,
             "reason":"Gebyr (for sent)","createdAt":"2026-11-20T10:15:00+01:00","lines":[{"lineId":"1","amount":"{{100 + n % 200}}.00","text":"Sen aflevering",
             "materialItemNumber":"50{{n:D8}}","recordId":"2901{{n % 10_000:D4}}"}]}
            """);
    }

    // Serial 0001–3999: the sandbox's CPR register lacks serial 0000 (it rejects those on purpose).
    private static string Cpr(int n) => string.Create(CultureInfo.InvariantCulture, $"{1 + n % 28:D2}{1 + n / 28 % 12:D2}{50 + n % 50:D2}{1 + n % 3999:D4}");

    /// <summary>The same rows FeeBridge writes per claim (header, two events, summary), straight into the database in bulk.</summary>
    private static async Task<double> BaselineAsync(string store, BenchOptions o)
    {
        var dataDir = Directory.CreateTempSubdirectory("feebridge-baseline-").FullName;
        var protector = new CprProtector(RandomNumberGenerator.GetBytes(32));
        var codec = new ClaimCodec(protector);
        var now = DateTimeOffset.UtcNow;
        var agency = new AgencySettings(AgencyId.Parse(Agency), "KB", Kommunekode.Parse("101"), new DateOnly(2020, 11, 30), Money.Parse("200.00"));
        var rules = new MunicipalityRules(Kommunekode.Parse("101"), "København", Money.Parse("100.00"), UnacknowledgedCompensationPolicy.Hold);
        var rows = Enumerable.Range(0, o.Claims).Select(i =>
        {
            var header = new ClaimHeader(agency.Id, $"B{i}", agency.Municipality, $"P{i % 20_000}", DebtorId.Person(FeeBridge.Domain.Cpr.Parse(Cpr(i))),
                $"Bench Borger {i}", null, ClaimKind.Fee, false, "Gebyr (for sent)", DateTimeOffset.Parse("2026-11-20T10:15:00+01:00", CultureInfo.InvariantCulture), null,
                [new ClaimLine("1", Money.FromOre((100 + i % 200) * 100L), "Sen aflevering", $"50{i:D8}", $"2901{i % 10_000:D4}")]);
            var events = new ClaimEvent[]
            {
                new ClaimReceived(header.Amount) { Seq = 1, At = now },
                ClaimRouter.QueuedEvent(header, DebtorClaimType.BIBGEBYR, rules) with { Seq = 2, At = now },
            };
            var json = codec.HeaderJson(header);
            return new Row(header, json, codec.ContentHash(header, json), protector.Encrypt(header.Debtor.Cpr!.Value), events,
                ClaimState.Fold(header, events), codec.LiableHash(header.Debtor));
        }).ToList();

        StoreDialect dialect = store == "postgres" ? new PostgresDialect(CreateDatabase(o)) : new SqliteDialect(Path.Combine(dataDir, "baseline.db"));
        await using (dialect)
        {
            await Migrations.ApplyAsync(dialect, default);
            var clock = Stopwatch.StartNew();
            if (dialect is PostgresDialect) await CopyAsync(dialect, codec, rows);
            else await InsertAsync(dialect, codec, rows);
            clock.Stop();
            Directory.Delete(dataDir, recursive: true);
            return o.Claims / clock.Elapsed.TotalSeconds;
        }
    }

    internal sealed record Row(ClaimHeader Header, string Json, byte[] Hash, byte[] Cpr, ClaimEvent[] Events, ClaimState State, byte[] Liable);

    internal static async Task CopyAsync(StoreDialect dialect, ClaimCodec codec, List<Row> rows)
    {
        await using var c = (NpgsqlConnection)await dialect.OpenAsync(default);
        await using (var w = await c.BeginBinaryImportAsync("COPY claims (agency_id, claim_id, municipality, patron_id, content_hash, header_json, debtor_cpr, guardian_cpr, received_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in rows)
            {
                await w.StartRowAsync();
                await w.WriteAsync(Agency); await w.WriteAsync(r.Header.ClaimId); await w.WriteAsync("101"); await w.WriteAsync(r.Header.PatronId);
                await w.WriteAsync(r.Hash, NpgsqlDbType.Bytea); await w.WriteAsync(r.Json); await w.WriteAsync(r.Cpr, NpgsqlDbType.Bytea);
                await w.WriteNullAsync(); await w.WriteAsync(ClaimCodec.ToMicros(r.State.UpdatedAt));
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
                    await w.WriteAsync(codec.EventData(e)); await w.WriteNullAsync();
                }
            }
            await w.CompleteAsync();
        }
        await using (var w = await c.BeginBinaryImportAsync("COPY claim_summaries (agency_id, claim_id, municipality, patron_id, liable_hash, kind, status, route, hold_reason, amount_ore, written_down_ore, paid_ore, written_off_ore, outstanding_ore, debtor_system_claim_id, created_at, updated_at, last_seq) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in rows)
            {
                var s = r.State;
                await w.StartRowAsync();
                await w.WriteAsync(Agency); await w.WriteAsync(r.Header.ClaimId); await w.WriteAsync("101"); await w.WriteAsync(r.Header.PatronId);
                await w.WriteAsync(r.Liable, NpgsqlDbType.Bytea); await w.WriteAsync("fee"); await w.WriteAsync(ClaimNames.Of(s.Status)); await w.WriteAsync(ClaimNames.Of(s.Route));
                await w.WriteNullAsync(); await w.WriteAsync(s.Amount.Ore); await w.WriteAsync(0L); await w.WriteAsync(0L); await w.WriteAsync(0L);
                await w.WriteAsync(s.Outstanding.Ore); await w.WriteNullAsync(); await w.WriteAsync(r.Header.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
                await w.WriteAsync(ClaimCodec.ToMicros(s.UpdatedAt)); await w.WriteAsync(2);
            }
            await w.CompleteAsync();
        }
    }

    private static async Task InsertAsync(StoreDialect dialect, ClaimCodec codec, List<Row> rows)
    {
        await using var scope = await dialect.BeginWriteAsync("baseline", default);
        await using var claim = scope.Command("INSERT INTO claims (agency_id, claim_id, municipality, patron_id, content_hash, header_json, debtor_cpr, guardian_cpr, received_at) VALUES (@a, @c, '101', @p, @h, @j, @d, NULL, @t)");
        await using var evt = scope.Command("INSERT INTO claim_events (agency_id, claim_id, seq, at, type, amount_ore, data, idempotency_key) VALUES (@a, @c, @s, @t, @ty, @am, @da, NULL)");
        await using var sum = scope.Command("INSERT INTO claim_summaries (agency_id, claim_id, municipality, patron_id, liable_hash, kind, status, route, hold_reason, amount_ore, written_down_ore, paid_ore, written_off_ore, outstanding_ore, debtor_system_claim_id, created_at, updated_at, last_seq) VALUES (@a, @c, '101', @p, @l, 'fee', @st, @ro, NULL, @am, 0, 0, 0, @o, NULL, @ca, @t, 2)");
        foreach (var r in rows)
        {
            Bind(claim, ("@a", Agency), ("@c", r.Header.ClaimId), ("@p", r.Header.PatronId), ("@h", r.Hash), ("@j", r.Json), ("@d", r.Cpr), ("@t", ClaimCodec.ToMicros(r.State.UpdatedAt)));
            await claim.ExecuteNonQueryAsync();
            foreach (var e in r.Events)
            {
                Bind(evt, ("@a", Agency), ("@c", r.Header.ClaimId), ("@s", e.Seq), ("@t", ClaimCodec.ToMicros(e.At)), ("@ty", e.Type), ("@am", e.Amount?.Ore), ("@da", codec.EventData(e)));
                await evt.ExecuteNonQueryAsync();
            }
            Bind(sum, ("@a", Agency), ("@c", r.Header.ClaimId), ("@p", r.Header.PatronId), ("@l", r.Liable), ("@st", ClaimNames.Of(r.State.Status)),
                ("@ro", ClaimNames.Of(r.State.Route)), ("@am", r.State.Amount.Ore), ("@o", r.State.Outstanding.Ore),
                ("@ca", r.Header.CreatedAt.ToString("O", CultureInfo.InvariantCulture)), ("@t", ClaimCodec.ToMicros(r.State.UpdatedAt)));
            await sum.ExecuteNonQueryAsync();
        }
        await scope.CommitAsync(default);
    }

    private static void Bind(System.Data.Common.DbCommand cmd, params (string Name, object? Value)[] values)
    {
        cmd.Parameters.Clear();
        foreach (var (name, value) in values) cmd.With(name, value);
    }

    internal static string CreateDatabase(BenchOptions o)
    {
        var admin = o.PostgresAdmin ?? throw new InvalidOperationException("--postgres <admin connection string> is required (bench/run.sh passes it).");
        var name = "bench_" + Guid.NewGuid().ToString("N")[..12];
        using (var c = new NpgsqlConnection(admin))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 50 }.ToString();
    }
}

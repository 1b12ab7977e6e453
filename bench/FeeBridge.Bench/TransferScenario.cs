using System.Globalization;
using FeeBridge.Persistence.Claims;
using Npgsql;

namespace FeeBridge.Bench;

/// <summary>
/// Scenario "transfer": N claims from PUT to registered in the debtor-system sandbox (its own process, loopback) on
/// PostgreSQL. Reports claims/s end to end (first PUT → last registration), p50/p99 of the time from intake to the
/// registered event (both stamped by FeeBridge), FeeBridge's peak RSS when 10,000 and when all claims are registered,
/// and the ratio to the intake scenario measured in the same run; and how busy the machine's cores were in both (near
/// 100 %: bound by the CPU), and the CPU time FeeBridge and PostgreSQL spent per claim. A warm-up of 30 s of claims through the whole path
/// runs first and is not counted.
/// </summary>
public static class TransferScenario
{
    public static async Task RunAsync(BenchOptions o)
    {
        Console.WriteLine($"# transfer: {o.Claims:N0} claims, {o.Clients} clients, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var intake = await IntakeScenario.FeeBridgeAsync("postgres", o);

        var dataDir = Directory.CreateTempSubdirectory("feebridge-transfer-").FullName;
        var db = IntakeScenario.CreateDatabase(o);
        await using var sandbox = await ServerProcess.StartAsync(dataDir, null, null, "FeeBridge.Sandbox");
        await using var server = await ServerProcess.StartAsync(dataDir, db, new Dictionary<string, string>
        {
            ["FeeBridge__DebtorSystems__101__Endpoint"] = new Uri(sandbox.Address, "/sandbox/debtor/sf1590").ToString(),
            ["FeeBridge__Dispatcher__PollMilliseconds"] = "20",
        });

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = o.Clients };
        using var http = new HttpClient(handler) { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "sandbox-library-key");

        await using var pg = new NpgsqlConnection(db);
        await pg.OpenAsync();

        // Warm up outside the measurement: 30 s of claims (ids B-1, B-2, …) through the whole path, so the runtime has
        // compiled the hot code (on two busy cores its background compiler otherwise takes two fifths of FeeBridge's CPU
        // for the first minute) and the pools are full, as in a server that has been running.
        await Clients.ForDuration(Clients.WarmUp, o.Clients, i => IntakeScenario.Put(http, -1 - i));
        while (await Pending(pg) > 0) await Task.Delay(200);

        var started = DateTimeOffset.UtcNow;
        var cpuAtStart = MachineCpu.Now();
        var processesAtStart = ProcessCpu.Now();
        var put = 0;
        var putting = Clients.ForEach(o.Claims, o.Clients, async i =>
        {
            await IntakeScenario.Put(http, i);
            Interlocked.Increment(ref put);
        });

        double? rssAt10k = null;
        while (true)
        {
            // Answered by the debtor system = taken in and no longer waiting in the outbox. Counting the waiting rows
            // reads a small index; counting registered events would scan a table that grows with the run, paid for by
            // the database under test. The end is taken from the registered events' own timestamps below.
            var done = Volatile.Read(ref put);
            var answered = done - await Pending(pg);
            if (rssAt10k is null && answered >= 10_000) rssAt10k = server.PeakRssMiB();
            if (putting.IsFaulted) await putting;
            if (done == o.Claims && answered == o.Claims) break;
            await Task.Delay(200);
        }
        await putting;
        var busy = MachineCpu.Now().BusySince(cpuAtStart);
        var processes = ProcessCpu.Now();
        var (serverUs, postgresUs) = (processes.SecondsSince(processesAtStart, server.Id) * 1e6 / o.Claims, processes.SecondsSince(processesAtStart, "postgres") * 1e6 / o.Claims);
        await using (var rejected = new NpgsqlCommand("SELECT COUNT(*) FROM claim_events WHERE type = 'rejected'", pg))
        {
            if ((long)(await rejected.ExecuteScalarAsync())! is var n and > 0) throw new InvalidOperationException($"{n} claims were rejected by the sandbox.");
        }
        var rssAtEnd = server.PeakRssMiB();

        await using var q = new NpgsqlCommand("""
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY r.at - i.at), percentile_cont(0.99) WITHIN GROUP (ORDER BY r.at - i.at)
            FROM claim_events i JOIN claim_events r ON r.agency_id = i.agency_id AND r.claim_id = i.claim_id AND r.type = 'registered'
            WHERE i.type = 'received' AND i.claim_id NOT LIKE 'B-%'
            """, pg);
        await using var reader = await q.ExecuteReaderAsync();
        await reader.ReadAsync();
        double p50 = reader.GetDouble(0) / 1000, p99 = reader.GetDouble(1) / 1000;
        await reader.DisposeAsync();
        await using var last = new NpgsqlCommand("SELECT MAX(at) FROM claim_events WHERE type = 'registered'", pg);
        var perSecond = o.Claims / (ClaimCodec.FromMicros((long)(await last.ExecuteScalarAsync())!) - started).TotalSeconds;

        Console.WriteLine();
        Console.WriteLine("| FeeBridge claims/s end to end | intake claims/s (same run) | ratio | PUT→registered p50 ms | p99 ms | peak RSS MiB at 10,000 | at all | machine busy | intake's | CPU µs per claim: server / PostgreSQL |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {perSecond:N0} | {intake.PerSecond:N0} | {perSecond / intake.PerSecond:P1} | {p50:F0} | {p99:F0} | {rssAt10k ?? double.NaN:F0} | {rssAtEnd:F0} | {busy:P0} | {intake.MachineBusy:P0} | {serverUs:F0} / {postgresUs:F0} |"));
        Directory.Delete(dataDir, recursive: true);
    }

    /// <summary>Handlings not yet answered by the debtor system (a rejection is reported as an error at the end).</summary>
    private static async Task<long> Pending(NpgsqlConnection pg)
    {
        await using var c = new NpgsqlCommand("SELECT COUNT(*) FROM outbox WHERE state = 'pending'", pg);
        return (long)(await c.ExecuteScalarAsync())!;
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeeBridge.Persistence.Claims;
using Npgsql;

namespace FeeBridge.Bench;

/// <summary>
/// Scenario "loop": N fees created in the FBS sandbox (each blocks its patron), handed to FeeBridge, registered in the
/// debtor-system sandbox; then each is paid there, and the time until the FBS sandbox shows the fee paid and the
/// patron's block lifted is measured (FBS's own payment instant against the moment the payment was made; one
/// machine, one clock). FeeBridge on PostgreSQL, the sandboxes in their own process, all over loopback HTTP.
/// Today's published figure for the same trip: up to 72 hours.
/// </summary>
public static class LoopScenario
{
    public static async Task RunAsync(BenchOptions o)
    {
        var n = o.Payments;
        Console.WriteLine($"# loop: {n:N0} payments, {(o.Rate > 0 ? $"{o.Rate}/s" : "all at once")}, {o.Clients} clients, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var dataDir = Directory.CreateTempSubdirectory("feebridge-loop-").FullName;
        var db = IntakeScenario.CreateDatabase(o);
        var feeBridgePort = ServerProcess.FreePort();
        await using var sandbox = await ServerProcess.StartAsync(dataDir, null, new Dictionary<string, string>
        {
            ["Sandbox__FeeBridgeUrl"] = $"http://127.0.0.1:{feeBridgePort}",
        }, "FeeBridge.Sandbox");
        await using var server = await ServerProcess.StartAsync(dataDir, db, new Dictionary<string, string>
        {
            ["FeeBridge__DebtorSystems__101__Endpoint"] = new Uri(sandbox.Address, "/sandbox/debtor/sf1590").ToString(),
            ["FeeBridge__Fbs__BaseUrl"] = new Uri(sandbox.Address, "/sandbox/fbs/rest/").ToString(),
            ["FeeBridge__Fbs__Username"] = "feebridge",
            ["FeeBridge__Fbs__Password"] = "sandbox",
            ["FeeBridge__Dispatcher__PollMilliseconds"] = "20",
        }, port: feeBridgePort);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = o.Clients };
        using var http = new HttpClient(handler) { BaseAddress = sandbox.Address, Timeout = TimeSpan.FromMinutes(2) };
        var fees = new long[n];
        await Clients.ForEach(n, o.Clients, async i =>
        {
            var r = await http.PostAsJsonAsync($"/sandbox/fbs/710100/patrons/{Patron(i)}/fees",
                new { cpr = Cpr(i), name = $"Loop Borger {i}", type = "fee", amount = "250.00", reasonMessage = "Gebyr (for sent)" });
            if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"fee {i}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            fees[i] = (long)JsonNode.Parse(await r.Content.ReadAsStringAsync())!["feeId"]!;
        });
        await using (var pg = new NpgsqlConnection(db))
        {
            await pg.OpenAsync();
            while (true)
            {
                await using var c = new NpgsqlCommand("SELECT COUNT(*) FROM claim_summaries WHERE status = 'registered'", pg);
                if ((long)(await c.ExecuteScalarAsync())! >= n) break;
                await Task.Delay(200);
            }
        }
        Console.WriteLine($"# {n:N0} fees registered in the debtor system, every patron blocked; paying");

        // Paced (--rate payments/s) like citizens paying through the day, or all at once (--rate 0), the hardest case.
        var paidAt = new DateTimeOffset[n];
        var start = DateTimeOffset.UtcNow;
        await Clients.ForEach(n, o.Clients, async i =>
        {
            if (o.Rate > 0 && start.AddSeconds(i / (double)o.Rate) - DateTimeOffset.UtcNow is { Ticks: > 0 } early) await Task.Delay(early);
            var r = await http.PostAsJsonAsync("/sandbox/debtor/101/payments", new { fagsystemFordringId = $"710100-{fees[i]}", amount = "250.00", method = "MobilePay" });
            paidAt[i] = DateTimeOffset.UtcNow;
            if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"payment {i}: {(int)r.StatusCode}");
        });

        var latencies = new double[n];
        var pending = Enumerable.Range(0, n).ToHashSet();
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (pending.Count > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{pending.Count} fees still not paid in FBS after 10 minutes.");
            await Task.Delay(500);
            foreach (var i in pending.ToList())
            {
                var p = JsonNode.Parse(await http.GetStringAsync($"/sandbox/fbs/710100/patrons/{Patron(i)}"))!;
                var fee = p["fees"]!.AsArray().Single()!;
                if (fee["paidAt"] is null || p["patron"]!["blockStatus"]!.AsArray().Count > 0) continue;
                latencies[i] = (DateTimeOffset.Parse((string)fee["paidAt"]!, CultureInfo.InvariantCulture) - paidAt[i]).TotalMilliseconds;
                pending.Remove(i);
            }
        }
        var legs = await LegsAsync(db, fees, paidAt);
        Array.Sort(latencies);
        Console.WriteLine();
        Console.WriteLine("| payments | rate | paid in debtor system → paid in FBS, block lifted: p50 ms | p99 ms | max ms | today (published) | FeeBridge peak RSS MiB |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {n:N0} | {(o.Rate > 0 ? $"{o.Rate}/s" : "all at once")} | {latencies[n / 2]:F0} | {latencies[(int)(n * 0.99)]:F0} | {latencies[^1]:F0} | up to 72 h | {server.PeakRssMiB():F0} |"));
        Console.WriteLine();
        Console.WriteLine("| leg of the trip | p50 ms | p99 ms | max ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, ms) in legs)
        {
            Array.Sort(ms);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {ms[ms.Length / 2]:F0} | {ms[(int)(ms.Length * 0.99)]:F0} | {ms[^1]:F0} |"));
        }
        Directory.Delete(dataDir, recursive: true);
    }

    /// <summary>
    /// Where each payment's trip spent its time, from FeeBridge's own timestamps: until FeeBridge had the report
    /// (the debtor sandbox's delivery), and from then until the FBS payment call had been answered (applied on
    /// receipt, the notice written in the same transaction, then the deliverer's wait and FBS's call).
    /// </summary>
    private static async Task<(string Name, double[] Milliseconds)[]> LegsAsync(string db, long[] fees, DateTimeOffset[] paidAt)
    {
        var index = fees.Select((fee, i) => (fee, i)).ToDictionary(p => p.fee.ToString(CultureInfo.InvariantCulture), p => p.i);
        var toFeeBridge = new List<double>();
        var toFbs = new List<double>();
        await using var pg = new NpgsqlConnection(db);
        await pg.OpenAsync();
        await using var q = new NpgsqlCommand("""
            SELECT i.claim_id, i.received_at, n.finished_at FROM inbox i
            JOIN notices n ON n.agency_id = i.agency_id AND n.claim_id = i.claim_id AND n.target = 'fbs' AND n.finished_at IS NOT NULL
            WHERE i.type = 'covered' AND i.state = 'applied'
            """, pg);
        await using var r = await q.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            if (!index.TryGetValue(r.GetString(0), out var i)) continue;
            var received = ClaimCodec.FromMicros(r.GetInt64(1));
            toFeeBridge.Add((received - paidAt[i]).TotalMilliseconds);
            toFbs.Add((ClaimCodec.FromMicros(r.GetInt64(2)) - received).TotalMilliseconds);
        }
        return [("payment answered by the debtor sandbox → report received by FeeBridge", [.. toFeeBridge]),
            ("report received → FBS payment call answered", [.. toFbs])];
    }

    /// <summary>FBS patron ids are integers (CONTRACTS.md §2).</summary>
    private static long Patron(int n) => 8_000_000 + n;

    // Serial 0001–3999: the debtor sandbox's CPR register lacks serial 0000.
    private static string Cpr(int n) => string.Create(CultureInfo.InvariantCulture, $"{1 + n % 28:D2}{1 + n / 28 % 12:D2}{50 + n % 50:D2}{1 + n % 3999:D4}");
}

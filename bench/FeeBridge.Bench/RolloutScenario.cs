using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using FeeBridge.Rollout.Klik;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Projects;
using FeeBridge.Testing;
using Npgsql;

namespace FeeBridge.Bench;

/// <summary>
/// Scenario "rollout": FeeBridge on PostgreSQL with 60 master tasks copied to all 98 municipalities (imported through
/// the API as KOMBIT does) and a year of history on every copy (written in bulk); then S staff sessions with bearer
/// tokens — project leaders on their own municipality's task list and one task's history, one in ten KOMBIT on the
/// national progress — in a closed loop. Reports p50/p99 and requests/s against a baseline in the same run: the task
/// list's own read straight against PostgreSQL. Then the import of 200 KLIK documents (PDF text, the tab export, OCR
/// text and PDF files, each a new master task copied to 98 municipalities): documents/s.
/// </summary>
public static class RolloutScenario
{
    private const string Project = "fbs-debitorintegration";
    private const int MasterTasks = 60;
    private const int HistoryPerTask = 24; // two changes a month for a year

    public static async Task RunAsync(BenchOptions o)
    {
        Console.WriteLine($"# rollout: 98 municipalities × {MasterTasks} tasks, {HistoryPerTask} history entries each, {o.Clients} sessions for {o.Seconds} s, think time {o.ThinkMs} ms, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var db = IntakeScenario.CreateDatabase(o);
        var dataDir = Directory.CreateTempSubdirectory("feebridge-rollout-").FullName;
        await using var server = await ServerProcess.StartAsync(dataDir, db, new Dictionary<string, string> { ["FeeBridge__Dispatcher__Enabled"] = "false" });
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(o.Clients, 8) };
        using var http = new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
        var kombit = await TokenAsync(http, "kombit");

        // 57 new master tasks beside the 3 the sandbox imported at start: 60 per municipality.
        var documents = Documents(MasterTasks * 2 + 200).ToList();
        var seeding = Stopwatch.StartNew();
        foreach (var d in documents.Take(MasterTasks - 3)) await ImportAsync(http, kombit, d);
        await HistoryAsync(db);
        Console.WriteLine($"# seeded in {seeding.Elapsed.TotalSeconds:F0} s");

        var municipalities = MunicipalityRegister.Denmark.All.Select(m => m.Code.Value).ToArray();
        var baseline = await BaselineAsync(db, municipalities, o.Clients, o.Seconds);
        var sessions = new (string Token, string? Municipality)[o.Clients];
        for (var s = 0; s < o.Clients; s++)
        {
            var m = s % 10 == 9 ? null : municipalities[s * 7 % municipalities.Length];
            sessions[s] = (m is null ? kombit : await TokenAsync(http, $"projektleder-{m}"), m);
        }
        await LoadAsync(http, sessions, (int)Clients.WarmUp.TotalSeconds, o.ThinkMs);
        var (count, latencies) = await LoadAsync(http, sessions, o.Seconds, o.ThinkMs);
        Console.WriteLine();
        Console.WriteLine("| requests/s | p50 ms | p99 ms | baseline reads/s (the task list's read on PostgreSQL) | ratio | peak RSS MiB |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {count / (double)o.Seconds:N0} | {latencies[latencies.Count / 2]:F1} | {latencies[(int)(latencies.Count * 0.99)]:F1} | {baseline:N0} | {count / (double)o.Seconds / baseline:P1} | {server.PeakRssMiB():F0} |"));

        var imports = documents.Skip(MasterTasks).Take(200).ToList();
        var importing = Stopwatch.StartNew();
        foreach (var d in imports) await ImportAsync(http, kombit, d);
        var kinds = string.Join(", ", imports.GroupBy(d => d.Kind).Select(g => $"{g.Count()} {g.Key}"));
        Console.WriteLine();
        Console.WriteLine("| documents imported | documents/s (each a new master task, 98 copies) | renderings |");
        Console.WriteLine("| ---: | ---: | --- |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {imports.Count} | {imports.Count / importing.Elapsed.TotalSeconds:N1} | {kinds} |"));
        Directory.Delete(dataDir, recursive: true);
    }

    private sealed record Document(string Kind, string MediaType, byte[] Content);

    /// <summary>
    /// New master tasks made from KOMBIT's own documents (new id and title each), rendered in turn as PDF text, the tab
    /// export, OCR text (the source's, retitled: it has no id line) and a real PDF file.
    /// </summary>
    private static IEnumerable<Document> Documents(int n)
    {
        var project = ProjectCatalog.Shipped.Find(Project)!;
        var pdfText = Resource("26-forbered-og-kommuniker-internt.pdf-text.txt");
        var ocr = Resource("forbered-og-kommuniker-eksternt.ocr.txt");
        var draft = ((KlikImportResult.Parsed)KlikImporter.Parse(KlikDocument.FromText(pdfText), project)).Draft;
        var ocrTitle = ((KlikImportResult.Parsed)KlikImporter.Parse(KlikDocument.FromText(ocr), project)).Draft.Title!;
        for (var i = 0; i < n; i++)
        {
            var variant = draft with { MasterTaskId = 1000 + i, Title = $"Opgave {1000 + i}: {draft.Title}", Warnings = [] };
            yield return (i % 4) switch
            {
                0 => new Document("PDF text", "text/plain", Encoding.UTF8.GetBytes(KlikRenderer.ToText(variant, project))),
                1 => new Document("export", "text/plain", Encoding.UTF8.GetBytes(KlikRenderer.ToTabExport(variant, project))),
                2 => new Document("OCR", "text/plain", Encoding.UTF8.GetBytes(ocr.Replace(ocrTitle, $"Opgave {1000 + i} eksternt", StringComparison.Ordinal))),
                _ => new Document("PDF file", "application/pdf", KlikTestPdf.Of(KlikRenderer.ToText(variant, project))),
            };
        }
    }

    private static string Resource(string name)
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("KlikTasks/" + name)!;
        return new StreamReader(s).ReadToEnd();
    }

    private static async Task ImportAsync(HttpClient http, string token, Document d)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/rollout/projects/{Project}/master-tasks/import");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = new ByteArrayContent(d.Content) { Headers = { ContentType = new MediaTypeHeaderValue(d.MediaType) } };
        using var r = await http.SendAsync(request);
        if (r.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"import ({d.Kind}): {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    private static async Task<string> TokenAsync(HttpClient http, string user)
    {
        using var r = await http.PostAsJsonAsync("/sandbox/staff/token", new { user });
        r.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>A year of changes on every copy, in bulk: the history a workspace in use has.</summary>
    private static async Task HistoryAsync(string db)
    {
        await using var c = new NpgsqlConnection(db);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"""
            INSERT INTO rollout_task_history (task_id, at, who, field, before_value, after_value, for_audit)
            SELECT t.task_id, (extract(epoch FROM now()) * 1000000)::bigint - (g * 15 * 86400000000::bigint), 'projektleder-' || t.municipality,
                   CASE g % 3 WHEN 0 THEN 'status' WHEN 1 THEN 'note' ELSE 'deadline' END, 'før ' || g, 'efter ' || g, 0
            FROM rollout_tasks t CROSS JOIN generate_series(1, {HistoryPerTask}) g
            """, c) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE", c);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Each session: its municipality's task list, then one of its tasks' history; KOMBIT: the progress. With
    /// <paramref name="thinkMs"/> each pauses about that long between requests (a person reading), else none (the capacity).
    /// </summary>
    private static async Task<(long Count, List<double> Latencies)> LoadAsync(HttpClient http, (string Token, string? Municipality)[] sessions, int seconds, int thinkMs)
    {
        var until = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        var perSession = new List<double>[sessions.Length];
        await Task.WhenAll(sessions.Select((session, s) => Task.Run(async () =>
        {
            var mine = perSession[s] = new List<double>(4096);
            string? taskId = null;
            var turn = 0;
            var random = new Random(s);
            if (thinkMs > 0) await Task.Delay(random.Next(thinkMs)); // not all at once
            while (Stopwatch.GetTimestamp() < until)
            {
                var path = session.Municipality is not { } m ? $"/api/v1/rollout/projects/{Project}/progress"
                    : turn++ % 2 == 0 || taskId is null ? $"/api/v1/rollout/municipalities/{m}/tasks"
                    : $"/api/v1/rollout/municipalities/{m}/tasks/{taskId}/history";
                var t = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
                using var r = await http.SendAsync(request);
                var body = await r.Content.ReadAsStringAsync();
                if (r.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path}: {(int)r.StatusCode}");
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                if (taskId is null && session.Municipality is not null)
                    taskId = JsonDocument.Parse(body).RootElement[0].GetProperty("taskId").GetString();
                if (thinkMs > 0) await Task.Delay(thinkMs / 2 + random.Next(thinkMs + 1));
            }
        })));
        var all = perSession.SelectMany(l => l).ToList();
        all.Sort();
        return (all.Count, all);
    }

    /// <summary>The task list's read (a municipality's tasks with their JSON) straight on PostgreSQL, as many readers as sessions.</summary>
    private static async Task<double> BaselineAsync(string db, string[] municipalities, int clients, int seconds)
    {
        var until = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        var counts = new long[clients];
        await Task.WhenAll(Enumerable.Range(0, clients).Select(s => Task.Run(async () =>
        {
            await using var c = new NpgsqlConnection(db);
            await c.OpenAsync();
            while (Stopwatch.GetTimestamp() < until)
            {
                await using var cmd = new NpgsqlCommand("SELECT task FROM rollout_tasks WHERE municipality = @m ORDER BY task_id", c);
                cmd.Parameters.AddWithValue("m", municipalities[(s * 7 + (int)counts[s]) % municipalities.Length]);
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync()) _ = r.GetString(0);
                counts[s]++;
            }
        })));
        return counts.Sum() / (double)seconds;
    }
}

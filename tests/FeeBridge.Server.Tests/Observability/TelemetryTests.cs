using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.Server.Tests.Inbox;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Observability;

/// <summary>
/// Metrics (Prometheus at /metrics), traces and logs over the whole loop — registered in the debtor system, paid,
/// the debtor's CPR changed, the balance asked — show what the operator needs (claims by status and municipality,
/// queues, debtor-system call time) and never a CPR number (CONTRACTS.md §0: "Never echo a CPR in … a log line or a metric").
/// </summary>
// Alone: every host in the process makes a meter named FeeBridge, and OpenTelemetry's listener takes instruments by
// name, so a host running beside this one could answer for its gauges (one host per process in production).
public abstract class TelemetryTests : IDisposable
{
    private const string Debtor = "1111851234", Guardian = "2202851234", NewDebtor = "0303851234";
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;
    private readonly SandboxedHost _setup;

    protected TelemetryTests(StoreKind kind)
    {
        // Every span of every source in this process, as an exporter would see it.
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        _setup = new SandboxedHost(kind, ["101"], new()
        {
            ["FeeBridge:Dispatcher:PollMilliseconds"] = "20",
            ["FeeBridge:Inbox:PollMilliseconds"] = "20",
            ["FeeBridge:Telemetry:GaugeSeconds"] = "0",
        });
    }

    public void Dispose()
    {
        _setup.Dispose();
        _listener.Dispose();
    }

    [Fact]
    public async Task TheWholeLoop_ShowsInMetricsAndTraces_AndNoCprNumberAppearsInLogsMetricsOrTraces()
    {
        var library = _setup.Host.Library();
        var body = ClaimBodies.Fee(patronId: "P-otel", cpr: Debtor, amount: "150.00");
        body["guardian"] = new JsonObject { ["cpr"] = Guardian };
        (await library.PutClaim("710100", "otel-1", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await library.PutClaim("710100", "otel-2", ClaimBodies.Fee(patronId: "P-otel", cpr: Debtor, amount: "120.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Eventually.Until(() => library.GetClaim("710100", "otel-2"), c => (string)c["status"]! == "registered");
        await Eventually.Until(() => library.GetClaim("710100", "otel-1"), c => (string)c["status"]! == "registered");

        (await _setup.Host.CreateClient().SendAsync("101", Reports.Of("710100-otel-1", HaendelseType.Daekning, "150.00", "0.00")))
            .Single().Status.ShouldBe(HaendelseStatus.Modtaget);
        await Eventually.Until(() => library.GetClaim("710100", "otel-1"), c => (string)c["status"]! == "paid");
        (await library.PutJson("/api/v1/agencies/710100/patrons/P-otel/debtor", new { cpr = NewDebtor })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await library.GetAsync("/api/v1/agencies/710100/patrons/P-otel/balance")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The gauges are read in the background when scraped; scrape until they show the paid claim.
        var http = _setup.Host.CreateClient();
        var metrics = await Eventually.Until(() => http.GetStringAsync("/metrics"),
            m => m.Contains("feebridge_claims{") && m.Contains("status=\"paid\""), seconds: 120);
        metrics.ShouldContain("municipality=\"101\"");
        metrics.ShouldContain("feebridge_debtor_system_call_duration_seconds_count{");
        metrics.ShouldContain("outcome=\"ok\"");
        metrics.ShouldContain("feebridge_outbox_depth");
        metrics.ShouldContain("http_server_request_duration_seconds");
        // The payment → claim shown paid (and FBS told) time that /borger quotes, from the payment above.
        (await Eventually.Until(() => http.GetStringAsync("/metrics"), m => m.Contains("feebridge_payment_shown_duration_seconds{"), seconds: 60))
            .ShouldMatch("feebridge_payment_shown_duration_seconds\\{[^}]*quantile=\"0.5\"");

        _spans.ShouldContain(s => s.OperationName == "debtor_system.ship");
        _spans.ShouldContain(s => s.Kind == ActivityKind.Client); // the SF1590 calls over HttpClient
        var traces = string.Join("\n", _spans.Select(s => string.Join(" ",
            new[] { s.OperationName, s.DisplayName, s.StatusDescription ?? "" }
                .Concat(s.TagObjects.Select(t => $"{t.Key}={t.Value}"))
                .Concat(s.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")))
                .Concat(s.Baggage.Select(b => $"{b.Key}={b.Value}")))));
        traces.ShouldContain("/api/v1/agencies/710100/claims/otel-1"); // the text is real

        foreach (var (what, text) in new[] { ("metrics", metrics), ("traces", traces), ("logs", string.Join("\n", _setup.Host.Logs.Lines)) })
        {
            foreach (var cpr in new[] { Debtor, Guardian, NewDebtor })
            {
                text.ShouldNotContain(cpr, customMessage: what);
                text.ShouldNotContain(cpr[..6] + "-" + cpr[6..], customMessage: what);
            }
        }
    }
}

/// <summary>
/// What the operator at 3 a.m. looks for when a debtor system stops answering: the handlings waiting and for how long,
/// the failed shipments and the open circuit — each by municipality — and reports received but not yet applied (a
/// receive-only process). The notices' depth and age come from the same gauges as the outbox's and the inbox's.
/// </summary>
public abstract class QueueTelemetryTests(StoreKind kind)
{
    [Fact]
    public async Task ADebtorSystemThatDoesNotAnswer_ShowsAsWaitingHandlings_Errors_AndAnOpenCircuit_ByMunicipality()
    {
        var settings = DeadDebtorSystem.Settings();
        settings["FeeBridge:Inbox:ApplyEnabled"] = "false"; // received and stored, left for an applier elsewhere
        settings["FeeBridge:Telemetry:GaugeSeconds"] = "0";
        using var host = new FeeBridgeHost(kind, settings: settings);
        (await host.Library().PutClaim("710100", "otel-dead", ClaimBodies.Fee(patronId: "P-otel-dead", amount: "150.00"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await host.CreateClient().SendAsync("101", Reports.Of("710100-otel-dead", HaendelseType.Daekning, "10.00", "140.00")))
            .Single().Status.ShouldBe(HaendelseStatus.Modtaget);

        var http = host.CreateClient();
        var metrics = await Eventually.Until(() => http.GetStringAsync("/metrics"), m =>
            Regex.IsMatch(m, "feebridge_debtor_system_circuit_open\\{[^}]*municipality=\"101\"[^}]*\\} 1") &&
            Regex.IsMatch(m, "feebridge_inbox_oldest_age_seconds\\{[^}]*municipality=\"101\""), seconds: 120);
        metrics.ShouldMatch("feebridge_debtor_system_errors_total\\{[^}]*municipality=\"101\"[^}]*\\} [1-9]");
        metrics.ShouldMatch("feebridge_debtor_system_call_duration_seconds_count\\{[^}]*outcome=\"failed\"");
        metrics.ShouldMatch("feebridge_outbox_depth\\{[^}]*municipality=\"101\"[^}]*\\} 1");
        metrics.ShouldMatch("feebridge_outbox_oldest_age_seconds\\{[^}]*municipality=\"101\"");
        metrics.ShouldMatch("feebridge_inbox_depth\\{[^}]*municipality=\"101\"[^}]*\\} 1");
    }
}

[Collection(TelemetryCollection.Name)]
[Trait("store", "sqlite")]
public sealed class QueueTelemetryOnSqlite() : QueueTelemetryTests(StoreKind.Sqlite);

[Collection(TelemetryCollection.Name)]
[Trait("store", "postgresql")]
public sealed class QueueTelemetryOnPostgres() : QueueTelemetryTests(StoreKind.Postgres);

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry (alone)";
}

[Collection(TelemetryCollection.Name)]
[Trait("store", "sqlite")]
public sealed class TelemetryOnSqlite() : TelemetryTests(StoreKind.Sqlite);

[Collection(TelemetryCollection.Name)]
[Trait("store", "postgresql")]
public sealed class TelemetryOnPostgres() : TelemetryTests(StoreKind.Postgres);

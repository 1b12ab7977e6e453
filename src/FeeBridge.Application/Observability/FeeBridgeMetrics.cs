using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FeeBridge.Application.Observability;

/// <summary>
/// FeeBridge's own metrics and traces (OpenTelemetry names, scraped at <c>/metrics</c>). Tags are municipality codes,
/// statuses, outcomes and notice targets — never a claim, a patron or a person, so nothing here can carry a CPR number.
/// </summary>
public sealed class FeeBridgeMetrics
{
    public const string Name = "FeeBridge";

    /// <summary>Spans of FeeBridge's own work (a shipment to a debtor system); requests and HTTP calls come from the instrumentations.</summary>
    public static readonly ActivitySource Traces = new(Name);

    private readonly Histogram<double> _debtorSystemCall;
    private readonly Counter<long> _debtorSystemErrors;
    private readonly ConcurrentDictionary<string, Func<bool>> _circuits = new();

    public FeeBridgeMetrics(IMeterFactory meters, QueueGauges gauges)
    {
        var meter = meters.Create(Name);
        _debtorSystemCall = meter.CreateHistogram<double>("feebridge.debtor_system.call.duration", "s",
            "How long one DebitorRegistreringAfsend shipment took, by municipality and outcome.");
        _debtorSystemErrors = meter.CreateCounter<long>("feebridge.debtor_system.errors", "{shipment}",
            "Shipments that failed (timeout, transport, SOAP fault from the server side), by municipality.");
        meter.CreateObservableGauge("feebridge.debtor_system.circuit.open", () =>
            _circuits.Select(c => new Measurement<int>(c.Value() ? 1 : 0, new KeyValuePair<string, object?>("municipality", c.Key))),
            "{circuit}", "1 while a municipality's debtor system is being left alone after repeated failures.");

        meter.CreateObservableGauge("feebridge.claims", () => gauges.Current().Claims.Select(c =>
            new Measurement<long>(c.Count, new("municipality", c.Municipality), new("status", c.Status))), "{claim}", "Claims by municipality and status.");
        Queue(meter, "feebridge.outbox", "municipality", () => gauges.Current().Outbox, gauges, "Handlings waiting for a debtor system");
        Queue(meter, "feebridge.inbox", "municipality", () => gauges.Current().Inbox, gauges, "Debtor-system reports received and not yet applied");
        Queue(meter, "feebridge.notices", "target", () => gauges.Current().Notices, gauges, "Notices waiting for the library side (FBS, webhooks)");
        meter.CreateObservableGauge("feebridge.payment.shown.duration", () => gauges.Current().PaymentSpeed is { } s
            ? [new Measurement<double>(s.Median, new KeyValuePair<string, object?>("quantile", "0.5")), new Measurement<double>(s.P95, new KeyValuePair<string, object?>("quantile", "0.95"))]
            : Array.Empty<Measurement<double>>(),
            "s", "From the debtor system's payment report to the claim showing it paid (and FBS told), over the last 7 days: what /borger quotes.");
    }

    private static void Queue(Meter meter, string name, string key, Func<IReadOnlyList<Persistence.Monitoring.QueueDepth>> depths, QueueGauges gauges, string what)
    {
        meter.CreateObservableGauge(name + ".depth", () => depths().Select(d =>
            new Measurement<long>(d.Count, new KeyValuePair<string, object?>(key, d.Key))), "{row}", what + ".");
        meter.CreateObservableGauge(name + ".oldest_age", () => depths().Where(d => d.Oldest is not null).Select(d =>
            new Measurement<double>(Math.Max(0, (gauges.Now - d.Oldest!.Value).TotalSeconds), new KeyValuePair<string, object?>(key, d.Key))),
            "s", what + ": age of the oldest.");
    }

    public void DebtorSystemCall(string municipality, TimeSpan took, bool succeeded)
    {
        _debtorSystemCall.Record(took.TotalSeconds, new("municipality", municipality), new("outcome", succeeded ? "ok" : "failed"));
        if (!succeeded) _debtorSystemErrors.Add(1, new KeyValuePair<string, object?>("municipality", municipality));
    }

    /// <summary>The dispatcher names each municipality's circuit once; the gauge asks it when scraped.</summary>
    public void Circuit(string municipality, Func<bool> isOpen) => _circuits[municipality] = isOpen;
}

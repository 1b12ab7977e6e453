using FeeBridge.Application.Observability;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FeeBridge.Server.Observability;

/// <summary>
/// OpenTelemetry for FeeBridge: its own meter and spans, ASP.NET Core's and HttpClient's, a Prometheus scrape
/// endpoint, and OTLP export of traces and metrics when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector.
/// </summary>
public static class TelemetryHosting
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddFeeBridgeTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var exporting = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(FeeBridgeMetrics.Name))
            .WithMetrics(m => m
                .AddMeter(FeeBridgeMetrics.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddPrometheusExporter())
            // Paths carry agency and claim ids, never a CPR number (CONTRACTS.md §0); query strings are left out.
            // Spans are recorded only when a collector takes them: with nobody to send them to, every request and call
            // would pay for spans that are thrown away (another listener, e.g. a test's, still gets them).
            .WithTracing(t => t
                .SetSampler(exporting ? new ParentBasedSampler(new AlwaysOnSampler()) : new AlwaysOffSampler())
                .AddSource(FeeBridgeMetrics.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation());
        if (exporting) telemetry.UseOtlpExporter();
        return services;
    }

    public static void MapFeeBridgeTelemetry(this WebApplication app)
    {
        // Gauges are built lazily: make sure the meter exists before the first scrape asks for it.
        app.Services.GetRequiredService<FeeBridgeMetrics>();
        app.MapPrometheusScrapingEndpoint(MetricsPath);
    }
}

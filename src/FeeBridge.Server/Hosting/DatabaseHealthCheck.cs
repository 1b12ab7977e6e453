using FeeBridge.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FeeBridge.Server.Hosting;

/// <summary>Ready means: migrations ran (the server does not listen before) and the database answers now.</summary>
public sealed class DatabaseHealthCheck(FeeBridgeStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var c = await store.Dialect.OpenAsync(ct);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT 1";
            await cmd.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy(store.Dialect.Name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{store.Dialect.Name} does not answer: {e.GetType().Name}");
        }
    }
}

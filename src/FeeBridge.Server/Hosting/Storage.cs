using FeeBridge.Persistence;
using FeeBridge.Persistence.Security;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FeeBridge.Server.Hosting;

/// <summary>Opens the store the configuration asks for, migrates it and provisions API keys, before the server listens.</summary>
public static class Storage
{
    public static FeeBridgeStore Open(IConfiguration configuration, FeeBridgeOptions options)
    {
        var key = CprProtector.LoadKey(options.CprKey, options.DataDirectory, options.IsSandbox);
        return FeeBridgeStore.Open(configuration.GetConnectionString("FeeBridge"), options.DataDirectory, new CprProtector(key));
    }

    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct)
    {
        var store = services.GetRequiredService<FeeBridgeStore>();
        var options = services.GetRequiredService<FeeBridgeOptions>();
        var tenants = services.GetRequiredService<Tenants>();
        var clock = services.GetRequiredService<TimeProvider>();
        await store.MigrateAsync(ct);
        store.Claims.AgencyUsesFbs = tenants.UsesFbs;
        var now = clock.GetUtcNow();
        if (options.IsSandbox && services.GetService<SandboxMode>() is { } sandbox)
        {
            await store.ApiKeys.SaveAsync(sandbox.LibraryApiKey, "sandbox library system", tenants.Agencies.Select(a => a.Id.Value), now, ct);
        }
        foreach (var k in options.ApiKeys)
        {
            await store.ApiKeys.SaveHashAsync(Convert.FromHexString(k.Sha256), k.Name, k.Agencies, now, ct);
        }
    }
}

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

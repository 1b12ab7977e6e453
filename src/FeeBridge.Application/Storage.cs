using FeeBridge.Persistence;
using FeeBridge.Persistence.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FeeBridge.Application;

/// <summary>Opens the store the configuration asks for, migrates it and provisions API keys, before a host serves.</summary>
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
        store.Ledger.AgencyUsesFbs = tenants.UsesFbs;
        var now = clock.GetUtcNow();
        if (options.IsSandbox && services.GetService<SandboxMode>() is { } sandbox)
        {
            await store.ApiKeys.SaveAsync(sandbox.LibraryApiKey, "sandbox library system", tenants.Agencies.Select(a => a.Id.Value), now, ct);
            // The project's master tasks as KOMBIT publishes them (importing them again on the next start changes nothing).
            if (sandbox.MasterTasks is { Count: > 0 } documents)
                await services.GetRequiredService<Rollout.MasterTaskImports>().SeedAsync(documents, ct);
            // The working groups of the sandbox (CONTRACTS.md §7: fbs2-implementeringsarbejdsgruppe); kept if they exist.
            var deadline = services.GetRequiredService<IConfiguration>()[SandboxMode.WorkingGroupDeadlineSetting];
            foreach (var draft in sandbox.WorkingGroups ?? [])
            {
                var group = FeeBridge.Rollout.WorkingGroups.WorkingGroupValidation.Validate(
                    string.IsNullOrWhiteSpace(deadline) ? draft : draft with { Deadline = deadline }, FeeBridge.Rollout.Municipalities.MunicipalityRegister.Denmark);
                if (!group.IsAccepted) throw new InvalidOperationException($"The sandbox's working group {draft.Id} is not valid: {group}");
                await store.Rollout.WorkingGroups.CreateAsync(group.Value, now, "sandbox", ct);
            }
        }
        foreach (var k in options.ApiKeys)
        {
            await store.ApiKeys.SaveHashAsync(Convert.FromHexString(k.Sha256), k.Name, k.Agencies, now, ct);
        }
    }
}

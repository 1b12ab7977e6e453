using FeeBridge.Application.Claims;
using FeeBridge.Application.DebtorSystem;
using FeeBridge.Application.Inbox;
using FeeBridge.Application.LibrarySystem;
using FeeBridge.Application.Observability;
using FeeBridge.Application.Rollout;
using FeeBridge.Application.Rollout.Sending;
using FeeBridge.Application.Workers;

namespace FeeBridge.Application;

/// <summary>What every host of FeeBridge registers, whatever it serves: options, tenants, the store, the operations on claims and the three workers.</summary>
public static class ApplicationServices
{
    /// <param name="mode">Read once by the host (<see cref="FeeBridgeModes.Read"/>).</param>
    /// <param name="sandbox">The sandbox host's seed and stand-ins' credentials; null in production.</param>
    public static IServiceCollection AddFeeBridgeApplication(this IServiceCollection services, FeeBridgeMode mode, SandboxMode? sandbox)
    {
        if (sandbox is not null) services.AddSingleton(sandbox);
        // Read from the built configuration (not before Build), so every source, test hosts included, has its say.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IConfiguration>().GetSection(FeeBridgeOptions.Section).Get<FeeBridgeOptions>() ?? new FeeBridgeOptions();
            options.Mode = mode;
            return options;
        });
        services.AddSingleton(sp => Tenants.From(sp.GetRequiredService<FeeBridgeOptions>(), sp.GetService<SandboxMode>()));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => Storage.Open(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<FeeBridgeOptions>()));

        services.AddSingleton<ClaimOperations>();
        services.AddSingleton<Rollout.MasterTaskImports>();
        services.AddSingleton<Rollout.EvidenceChecker>();
        services.AddHostedService(sp => sp.GetRequiredService<Rollout.EvidenceChecker>());
        services.AddSingleton<DebtorBalances>();
        services.AddSingleton<PaymentSpeed>();
        services.AddSingleton<Rollout.MunicipalityFactsSource>();
        services.AddSingleton<Rollout.MunicipalityDrafts>();

        services.AddSingleton<IServiceplatformenTokenProvider, NoToken>();
        services.AddSingleton<DebtorSystemConnections>();
        services.AddHostedService<DebtorSystemDispatcher>();
        services.AddSingleton<InboxSignal>();
        services.AddHostedService<DebtorReportApplier>();
        services.AddSingleton<NoticeSignal>();
        services.AddSingleton<LibraryConnections>();
        services.AddHostedService<NoticeDeliverer>();
        services.AddRolloutReminders();
        services.AddCommunicationSending(sandbox is not null);

        services.AddSingleton<QueueGauges>();
        services.AddSingleton<FeeBridgeMetrics>();
        return services;
    }
}

namespace FeeBridge.Application.Rollout.Sending;

/// <summary>Registers sending from the communication plan: its options, the sender and its worker, and — in sandbox mode only — the sandbox SMS gateway.</summary>
public static class CommunicationSendServices
{
    public static IServiceCollection AddCommunicationSending(this IServiceCollection services, bool sandbox)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(CommunicationOptions.Section).Get<CommunicationOptions>() ?? new CommunicationOptions());
        services.AddSingleton<CommunicationSendSignal>();
        // A deployment registers its own gateway (ISmsProvider) before this; the sandbox's is for the sandbox only.
        if (sandbox) services.AddSingleton<ISmsProvider>(sp => new SandboxSmsProvider(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CommunicationSender(sp.GetRequiredService<Persistence.FeeBridgeStore>(), sp.GetRequiredService<MailOptions>(),
            sp.GetRequiredService<CommunicationOptions>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<CommunicationSender>>(),
            sp.GetService<ISmsProvider>()));
        services.AddHostedService<CommunicationSendWorker>();
        return services;
    }
}

namespace FeeBridge.Application.Rollout;

/// <summary>Registers the reminders: the mail settings, the round and its worker.</summary>
public static class ReminderServices
{
    public static IServiceCollection AddRolloutReminders(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions());
        services.AddSingleton(sp => new ReminderRound(sp.GetRequiredService<Persistence.FeeBridgeStore>(), sp.GetRequiredService<MailOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ReminderRound>>(), sp.GetService<IOwnAddress>()));
        services.AddHostedService<ReminderWorker>();
        return services;
    }
}

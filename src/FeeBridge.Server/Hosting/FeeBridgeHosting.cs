using FeeBridge.Application;
using FeeBridge.Persistence;
using FeeBridge.Server.Access;
using FeeBridge.Server.Citizen;
using FeeBridge.Server.Claims;
using FeeBridge.Server.Inbox;
using FeeBridge.Server.LibrarySystem;
using FeeBridge.Server.Observability;
using FeeBridge.Server.Rollout;
using FeeBridge.Server.Staff;
using FeeBridge.Server.Staff.Console;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.FileProviders;

namespace FeeBridge.Server.Hosting;

/// <summary>
/// FeeBridge as a host composes it: the deployable server (src/FeeBridge.Server) calls these alone; the sandbox host
/// (src/FeeBridge.SandboxHost) calls them with a <see cref="SandboxMode"/> and maps its stand-ins beside them. Each
/// feature adds its own services and endpoints; this file only lists them.
/// </summary>
public static class FeeBridgeHosting
{
    /// <param name="sandbox">The sandbox host's seed and stand-ins' credentials; null in the deployable server.</param>
    public static WebApplicationBuilder AddFeeBridge(this WebApplicationBuilder builder, SandboxMode? sandbox = null)
    {
        var mode = FeeBridgeModes.Read(builder.Configuration, hasStandIns: sandbox is not null);
        var services = builder.Services;
        services.AddFeeBridgeApplication(mode, sandbox);
        services.AddSingleton<IOwnAddress, OwnAddress>();
        services.AddSingleton<ApiKeyCache>();
        services.AddReportAuthentication();
        services.AddSingleton<CitizenTexts>();
        services.AddSingleton<CitizenOverviews>();
        // The pages live in this assembly, whichever host is the entry point.
        // Each audience owns its pages as a Razor area (Areas/Citizen, Areas/Staff), each with its own layout.
        services.AddRazorPages().ConfigureApplicationPartManager(parts =>
        {
            var own = typeof(FeeBridgeHosting).Assembly;
            if (!parts.ApplicationParts.Any(p => p.Name == own.GetName().Name))
                foreach (var part in Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPartFactory.GetApplicationPartFactory(own).GetApplicationParts(own))
                    parts.ApplicationParts.Add(part);
        });
        services.AddFeeBridgeTelemetry(builder.Configuration);
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        var authentication = services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        CitizenLogIn.Add(builder, authentication, sandbox);
        StaffLogIn.Add(builder, authentication, sandbox);
        services.AddSingleton<StaffAudit>();
        services.AddSingleton<RolloutJsonCache>();
        services.AddSingleton<Rollout.ReminderChoices.PersonReminderChoices>();
        services.AddSingleton<Rollout.CommunicationPlan.CommunicationPlans>();
        services.AddSingleton<WorkingGroups.WorkingGroupSelections>().AddSingleton<WorkingGroups.WorkingGroupSignUps>();
        services.AddStaffConsole();
        services.AddAuthorization();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = JsonBody.MaxBytes + 1);
        return builder;
    }

    /// <summary>Migrates the store, then the middleware and every endpoint of FeeBridge (none of the stand-ins').</summary>
    public static async Task UseFeeBridgeAsync(this WebApplication app)
    {
        // Migrate before listening: /health/ready cannot answer before the schema is there.
        await FeeBridge.Application.Storage.PrepareAsync(app.Services, app.Lifetime.ApplicationStopping);

        app.UseProxyHeaders();
        app.UseSecurityHeaders(app.Environment.IsDevelopment());
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The design system and the pages' own files, copied next to the binaries by the build.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "assets")),
            RequestPath = "/assets",
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapFeeBridgeTelemetry();
        app.MapOpenApi();
        app.MapHealthChecks("/health/ready");
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).ExcludeFromDescription();
        app.MapClaimsApi();
        app.MapDebtorReportReceiver();
        app.MapLibraryApi();
        app.MapCitizen();
        app.MapStaffApi();
        app.MapStaffConsole();
        app.MapRolloutApi();
    }
}

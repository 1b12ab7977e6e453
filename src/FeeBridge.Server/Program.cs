using FeeBridge.Persistence;
using FeeBridge.Server.Access;
using FeeBridge.Server.Citizen;
using FeeBridge.Server.Claims;
using FeeBridge.Server.DebtorSystem;
using FeeBridge.Sandbox;
using FeeBridge.Sandbox.DebtorSystem;
using FeeBridge.Sandbox.Fbs;
using FeeBridge.Sandbox.MitId;
using Microsoft.AspNetCore.Hosting.Server;
using FeeBridge.Server;
using FeeBridge.Server.Hosting;
using FeeBridge.Server.Inbox;
using FeeBridge.Server.LibrarySystem;
using Microsoft.AspNetCore.Authentication;

var builder = WebApplication.CreateBuilder(args);

// Read from the built configuration (not before Build), so every source, test hosts included, has its say.
builder.Services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(FeeBridgeOptions.Section).Get<FeeBridgeOptions>() ?? new FeeBridgeOptions());
builder.Services.AddSingleton(sp => Tenants.From(sp.GetRequiredService<FeeBridgeOptions>()));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(sp => Storage.Open(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<FeeBridgeOptions>()));
builder.Services.AddSingleton<ApiKeyCache>();
builder.Services.AddSingleton<IServiceplatformenTokenProvider, NoToken>();
builder.Services.AddSingleton<DebtorSystemConnections>();
builder.Services.AddSingleton<DebtorBalances>();
builder.Services.AddHostedService<DebtorSystemDispatcher>();
builder.Services.AddSingleton<InboxSignal>();
builder.Services.AddSingleton<NoticeSignal>();
builder.Services.AddHostedService<InboxApplier>();
builder.Services.AddSingleton<LibraryConnections>();
builder.Services.AddHostedService<NoticeDeliverer>();
// In sandbox mode (the default) the stand-ins run inside the server; FeeBridge still reaches them over HTTP.
var sandbox = !string.Equals(builder.Configuration["FeeBridge:Mode"], "Production", StringComparison.OrdinalIgnoreCase);
if (sandbox)
{
    builder.Services.AddSingleton(sp => new FeeBridgeAddress(() => OwnAddress.Of(sp.GetRequiredService<IServer>())));
    builder.Services.AddDebtorSandbox();
    builder.Services.AddFbsSandbox();
    builder.Services.AddMitIdStandIn();
}
builder.Services.AddSingleton<PaymentSpeed>();
builder.Services.AddSingleton<CitizenTexts>();
builder.Services.AddSingleton<CitizenOverviews>();
builder.Services.AddRazorPages(o => o.RootDirectory = "/Citizen/Pages");
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
var authentication = builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
CitizenLogIn.Add(builder, authentication, sandbox);
builder.Services.AddAuthorization();
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = JsonBody.MaxBytes + 1);

var app = builder.Build();

// Migrate before listening: /health/ready cannot answer before the schema is there.
await Storage.PrepareAsync(app.Services, app.Lifetime.ApplicationStopping);

app.UseProxyHeaders();
app.UseSecurityHeaders(app.Environment.IsDevelopment());
app.UseExceptionHandler();
app.UseStatusCodePages();
// The design system and the pages' own files, copied next to the binaries by the build.
app.UseStaticFiles(new StaticFileOptions
{
    FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "assets")),
    RequestPath = "/assets",
});
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapOpenApi();
app.MapHealthChecks("/health/ready");
app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).ExcludeFromDescription();
app.MapClaimsApi();
app.MapDebtorEventReceiver();
app.MapLibraryApi();
app.MapCitizen();
if (sandbox)
{
    app.MapDebtorSandbox();
    app.MapFbsSandbox();
    app.MapMitIdStandIn();
}

app.Run();

/// <summary>The host; public so tests can start it in-process.</summary>
public partial class Program;

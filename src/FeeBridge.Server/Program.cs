using FeeBridge.Persistence;
using FeeBridge.Server.Access;
using FeeBridge.Server.Claims;
using FeeBridge.Server.DebtorSystem;
using FeeBridge.Sandbox;
using FeeBridge.Sandbox.DebtorSystem;
using FeeBridge.Sandbox.Fbs;
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
}
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
builder.Services.AddAuthorization();
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = JsonBody.MaxBytes + 1);

var app = builder.Build();

// Migrate before listening: /health/ready cannot answer before the schema is there.
await Storage.PrepareAsync(app.Services, app.Lifetime.ApplicationStopping);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapHealthChecks("/health/ready");
app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).ExcludeFromDescription();
app.MapClaimsApi();
app.MapDebtorEventReceiver();
app.MapLibraryApi();
if (sandbox)
{
    app.MapDebtorSandbox();
    app.MapFbsSandbox();
}

app.Run();

/// <summary>The host; public so tests can start it in-process.</summary>
public partial class Program;

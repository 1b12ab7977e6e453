using FeeBridge.Server.Hosting;

// The deployable FeeBridge: production only, none of the stand-ins (the sandbox host, src/FeeBridge.SandboxHost,
// composes the same FeeBridge with them). What each feature adds is listed in Hosting/FeeBridgeHosting.cs.
var builder = WebApplication.CreateBuilder(args);
builder.AddFeeBridge();
var app = builder.Build();
await app.UseFeeBridgeAsync();
app.Run();

/// <summary>The host; public so tests can start it in-process.</summary>
public partial class Program;

using FeeBridge.Sandbox.DebtorSystem;
using FeeBridge.Sandbox.Fbs;
using FeeBridge.Sandbox.MitId;
using FeeBridge.Sandbox.Staff;

namespace FeeBridge.Sandbox;

/// <summary>
/// The sandboxes as their own process (CONTRACTS.md §4), for tests and demonstrations that want FeeBridge to reach
/// them over real HTTP: <c>dotnet run --project src/FeeBridge.Sandbox -- --urls http://127.0.0.1:5090</c>.
/// Not a static class: <c>WebApplicationFactory&lt;SandboxProgram&gt;</c> needs it as a type argument to host the sandbox in tests.
/// </summary>
public sealed class SandboxProgram
{
    private SandboxProgram() { }

    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddDebtorSandbox();
        builder.Services.AddFbsSandbox();
        builder.Services.AddMitIdStandIn();
        builder.Services.AddStaffStandIn();
        var app = builder.Build();
        app.MapGet("/sandbox/health", () => Results.Ok(new { status = "ok" }));
        app.MapDebtorSandbox();
        app.MapFbsSandbox();
        app.MapMitIdStandIn();
        app.MapStaffStandIn();
        app.Run();
    }
}

namespace FeeBridge.Sandbox;

/// <summary>
/// The sandbox as its own process. Today it serves only its health; the debtor-system and FBS stand-ins
/// (CONTRACTS.md §4) are built in issues #3 and #4 and are mapped here and inside the server in sandbox mode.
/// </summary>
public static class SandboxProgram
{
    public static void Main(string[] args)
    {
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapGet("/sandbox/health", () => Results.Ok(new { status = "ok" }));
        app.Run();
    }
}

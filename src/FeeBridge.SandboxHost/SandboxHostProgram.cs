using FeeBridge.Sandbox;
using FeeBridge.Sandbox.DebtorSystem;
using FeeBridge.Sandbox.Fbs;
using FeeBridge.Sandbox.MitId;
using FeeBridge.Sandbox.Staff;
using FeeBridge.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using FeeBridge.Application;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.SandboxHost;

/// <summary>
/// FeeBridge in sandbox mode with the stand-ins for FBS, the debtor system and MitID in the same process
/// (CONTRACTS.md §4): <c>dotnet run --project src/FeeBridge.SandboxHost</c>. FeeBridge still reaches them over HTTP,
/// at its own address, as it would reach the real systems. A class, not top-level statements, so tests can name it in
/// <c>WebApplicationFactory&lt;SandboxHostProgram&gt;</c> beside the server's <c>Program</c>.
/// </summary>
public sealed class SandboxHostProgram
{
    private SandboxHostProgram() { }

    /// <summary>The seed and the stand-ins' client credentials, as the stand-ins know them.</summary>
    public static readonly SandboxMode Mode = new(
        SandboxSeed.Municipalities,
        SandboxSeed.Agencies,
        SandboxSeed.LibraryApiKey,
        new SandboxClient(MitIdStandIn.ClientId, MitIdStandIn.ClientSecret),
        new SandboxClient(FbsClients.FeeBridge, FbsClients.Password),
        new SandboxClient(StaffStandIn.ClientId, StaffStandIn.ClientSecret),
        SeedMasterTasks(),
        [Fbs2WorkingGroup.Draft(NextThirdOfMarch())]);

    /// <summary>
    /// The webinar's deadline was 3 March 2025; the sandbox keeps the day but takes the next one still ahead, so sign-up
    /// is open when the sandbox starts (<see cref="SandboxMode.WorkingGroupDeadlineSetting"/> moves it).
    /// </summary>
    private static string NextThirdOfMarch()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var date = new DateOnly(today.Year, 3, 3);
        return (date < today ? date.AddYears(1) : date).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The KLIK documents embedded under Seed/KlikTasks, all of the ØiR integration project.</summary>
    private static IReadOnlyList<SeedDocument> SeedMasterTasks()
    {
        var assembly = typeof(SandboxHostProgram).Assembly;
        return [.. assembly.GetManifestResourceNames().Where(n => n.StartsWith("KlikTasks/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var s = assembly.GetManifestResourceStream(n)!;
                using var m = new MemoryStream();
                s.CopyTo(m);
                return new SeedDocument("fbs-debitorintegration", n["KlikTasks/".Length..], "text/plain", m.ToArray());
            })];
    }

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddFeeBridge(Mode);
        // The stand-ins reach FeeBridge at this process's own address, known once it listens.
        builder.Services.AddSingleton(sp => new FeeBridgeAddress(() => OwnAddress.Of(sp.GetRequiredService<IServer>())));
        builder.Services.AddDebtorSandbox();
        builder.Services.AddFbsSandbox();
        builder.Services.AddMitIdStandIn();
        builder.Services.AddStaffStandIn();

        var app = builder.Build();
        await app.UseFeeBridgeAsync();
        app.MapDebtorSandbox();
        app.MapFbsSandbox();
        app.MapMitIdStandIn();
        app.MapStaffStandIn();
        await app.RunAsync();
    }
}

using System.Net;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Storage;

/// <summary>
/// The SQLite file holds encrypted CPR numbers, names and every payment: like the key file it is readable by
/// FeeBridge's user only (0600), and so are the -wal and -shm files next to it. SQLite only; PostgreSQL keeps its own files.
/// </summary>
[Trait("store", "sqlite")]
public sealed class SqliteFileModeTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static string[] Files() =>
        ["feebridge.db", "feebridge.db-wal", "feebridge.db-shm", "cpr-dev.key"];

    [Fact]
    public async Task ANewDatabase_AndItsWalAndShm_Are0600()
    {
        if (OperatingSystem.IsWindows()) return;
        using var host = new FeeBridgeHost(StoreKind.Sqlite);
        (await host.Library().PutClaim("710100", "mode-1", ClaimBodies.Fee(patronId: "P-mode-1"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        foreach (var name in Files())
        {
            var path = Path.Combine(host.DataDirectory, name);
            File.Exists(path).ShouldBeTrue(name);
            File.GetUnixFileMode(path).ShouldBe(OwnerOnly, name);
        }
    }

    [Fact]
    public async Task ADatabaseLeftWorldReadable_IsNarrowedTo0600_OnStart()
    {
        if (OperatingSystem.IsWindows()) return;
        using var first = new FeeBridgeHost(StoreKind.Sqlite);
        (await first.Library().PutClaim("710100", "mode-2", ClaimBodies.Fee(patronId: "P-mode-2"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var db = Path.Combine(first.DataDirectory, "feebridge.db");
        var worldReadable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(db, worldReadable);

        using var second = new FeeBridgeHost(StoreKind.Sqlite, dataDirectory: first.DataDirectory);
        (await second.Library().GetClaim("710100", "mode-2"))["claimId"]!.ToString().ShouldBe("mode-2");

        File.GetUnixFileMode(db).ShouldBe(OwnerOnly);
    }
}

using System.Security.Cryptography;
using FeeBridge.Persistence.Security;

namespace FeeBridge.Server.Tests.Storage;

public class CprProtectorTests
{
    private static readonly CprProtector Protector = new(RandomNumberGenerator.GetBytes(32));
    private static readonly Cpr Jens = Cpr.Parse("0101901234");

    [Fact]
    public void Encrypt_ThenDecrypt_GivesTheNumberBack() => Protector.Decrypt(Protector.Encrypt(Jens)).ShouldBe(Jens);

    [Fact]
    public void Encrypt_TheSameNumberTwice_GivesDifferentBytes_AndNeitherHoldsTheDigits()
    {
        var a = Protector.Encrypt(Jens);
        var b = Protector.Encrypt(Jens);
        a.ShouldNotBe(b);
        System.Text.Encoding.Latin1.GetString(a).ShouldNotContain("0101901234");
    }

    [Fact]
    public void Decrypt_TamperedBytes_Fails()
    {
        var blob = Protector.Encrypt(Jens);
        blob[^1] ^= 1;
        Should.Throw<CryptographicException>(() => Protector.Decrypt(blob));
    }

    [Fact]
    public void Decrypt_WithAnotherKey_Fails() =>
        Should.Throw<CryptographicException>(() => new CprProtector(RandomNumberGenerator.GetBytes(32)).Decrypt(Protector.Encrypt(Jens)));

    [Fact]
    public void LookupHash_IsStableForOneKey_AndDiffersBetweenKeys()
    {
        Protector.LookupHash(Jens).ShouldBe(Protector.LookupHash(Cpr.Parse("010190-1234")));
        Protector.LookupHash(Jens).ShouldNotBe(new CprProtector(RandomNumberGenerator.GetBytes(32)).LookupHash(Jens));
        Protector.LookupHash(Jens).ShouldNotBe(SHA256.HashData("0101901234"u8.ToArray()));
    }

    [Fact]
    public void LoadKey_OutsideSandboxWithoutAKey_RefusesToStart()
    {
        var e = Should.Throw<InvalidOperationException>(() => CprProtector.LoadKey(null, Path.GetTempPath(), sandbox: false));
        e.Message.ShouldContain("FeeBridge:CprKey");
    }

    [Fact]
    public void LoadKey_InSandbox_CreatesADevelopmentKeyOnce_AndKeepsIt()
    {
        var dir = Path.Combine(Path.GetTempPath(), "feebridge-key-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = CprProtector.LoadKey(null, dir, sandbox: true);
            first.Length.ShouldBe(32);
            CprProtector.LoadKey(null, dir, sandbox: true).ShouldBe(first);
            if (!OperatingSystem.IsWindows())
                File.GetUnixFileMode(Path.Combine(dir, "cpr-dev.key")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Constructor_RefusesAKeyOfTheWrongSize() =>
        Should.Throw<ArgumentException>(() => new CprProtector(new byte[16]));
}

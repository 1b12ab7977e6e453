using System.Security.Cryptography;
using System.Text;

namespace FeeBridge.Persistence.Security;

/// <summary>
/// Keeps CPR numbers unreadable at rest: AES-GCM encryption for storage, and a keyed hash (HMAC-SHA256) so a
/// person's claims can be found without decrypting every row. A plain hash would not do: the CPR space is small
/// enough to enumerate.
/// </summary>
public sealed class CprProtector
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _encryptionKey;
    private readonly byte[] _lookupKey;

    /// <param name="masterKey">32 random bytes; both working keys are derived from it.</param>
    public CprProtector(byte[] masterKey)
    {
        if (masterKey.Length != 32) throw new ArgumentException("The CPR key must be 32 bytes (base64 of 32 random bytes).", nameof(masterKey));
        _encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "feebridge/cpr/encryption"u8.ToArray());
        _lookupKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "feebridge/cpr/lookup"u8.ToArray());
    }

    /// <summary>version | nonce | ciphertext | tag.</summary>
    public byte[] Encrypt(Cpr cpr)
    {
        Span<byte> plain = stackalloc byte[10];
        Encoding.ASCII.GetBytes(cpr.Digits, plain);
        var blob = new byte[1 + NonceSize + plain.Length + TagSize];
        blob[0] = FormatVersion;
        var nonce = blob.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Encrypt(nonce, plain, blob.AsSpan(1 + NonceSize, plain.Length), blob.AsSpan(1 + NonceSize + plain.Length, TagSize));
        return blob;
    }

    public Cpr Decrypt(byte[] blob)
    {
        if (blob.Length != 1 + NonceSize + 10 + TagSize || blob[0] != FormatVersion)
            throw new CryptographicException("Not an encrypted CPR number of a known format.");
        Span<byte> plain = stackalloc byte[10];
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Decrypt(blob.AsSpan(1, NonceSize), blob.AsSpan(1 + NonceSize, 10), blob.AsSpan(1 + NonceSize + 10, TagSize), plain);
        return Cpr.Parse(Encoding.ASCII.GetString(plain));
    }

    /// <summary>The keyed hash used to look a person up.</summary>
    public byte[] LookupHash(Cpr cpr) => HMACSHA256.HashData(_lookupKey, Encoding.ASCII.GetBytes(cpr.Digits));

    /// <summary>A keyed hash of arbitrary content (e.g. a request containing a CPR), safe to store.</summary>
    public byte[] KeyedHash(ReadOnlySpan<byte> content) => HMACSHA256.HashData(_lookupKey, content);

    /// <summary>
    /// The key from configuration (base64), or in sandbox mode a development key kept in the data directory
    /// (created on first start). Outside sandbox mode a missing key is an error: never invent one silently.
    /// </summary>
    public static byte[] LoadKey(string? configuredBase64, string dataDirectory, bool sandbox)
    {
        if (!string.IsNullOrWhiteSpace(configuredBase64)) return Convert.FromBase64String(configuredBase64);
        if (!sandbox)
            throw new InvalidOperationException("FeeBridge:CprKey is not set. Set it to base64 of 32 random bytes (e.g. `openssl rand -base64 32`).");

        var path = Path.Combine(dataDirectory, "cpr-dev.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            try
            {
                using var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                f.Write(Encoding.ASCII.GetBytes(fresh));
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}

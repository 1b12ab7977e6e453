using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FeeBridge.Domain;

namespace FeeBridge.DebtorSystem.Authentication;

/// <summary>
/// The sandbox's credential for <c>DaekningAfskrivningRegistreringAfsend</c> (docs/architecture.md, "Who may report"):
/// the header <c>X-FeeBridge-Report-Signature: k=101, t=1764619200, v1=&lt;hex&gt;</c>, where v1 is HMAC-SHA256 under the
/// municipality's secret over <c>"v1\n" + k + "\n" + t + "\n"</c> followed by the body's bytes. FeeBridge accepts it
/// only in sandbox mode; in production a debtor system proves itself with its TLS client certificate.
/// </summary>
public static class ReportSignature
{
    public const string Header = "X-FeeBridge-Report-Signature";

    /// <summary>How far the timestamp may be from FeeBridge's clock, either way.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    /// <summary>Secrets shorter than this are refused (HMAC-SHA256 gains nothing beyond 64 bytes either).</summary>
    public const int MinSecretBytes = 32;

    /// <summary>
    /// The sandbox's development secret for a municipality when none is configured: public by construction (derived
    /// from the code), so it proves nothing about who sent a report. It exists so that sandbox mode takes the same
    /// path as production: without a valid credential a report is refused.
    /// </summary>
    public static byte[] DevelopmentSecret(Kommunekode municipality) =>
        SHA256.HashData(Encoding.UTF8.GetBytes("FeeBridge sandbox debtor-system report secret " + municipality.Value));

    /// <summary>Base64 of at least <see cref="MinSecretBytes"/> bytes; throws with a message naming <paramref name="setting"/>.</summary>
    public static byte[] ReadSecret(string base64, string setting)
    {
        byte[] secret;
        try { secret = Convert.FromBase64String(base64.Trim()); }
        catch (FormatException) { throw new InvalidOperationException($"{setting} must be base64."); }
        return secret.Length >= MinSecretBytes ? secret : throw new InvalidOperationException($"{setting} must be at least {MinSecretBytes} bytes (base64 of 32 random bytes).");
    }

    /// <summary>The header value for a body sent now.</summary>
    public static string Sign(byte[] secret, Kommunekode municipality, DateTimeOffset now, ReadOnlySpan<byte> body)
    {
        var t = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"k={municipality.Value}, t={t}, v1={Convert.ToHexStringLower(Mac(secret, municipality.Value, t, body))}";
    }

    /// <summary>The header's parts, or why it cannot be read (a fixed text, never the caller's).</summary>
    public static bool TryRead(string? header, out Kommunekode municipality, out DateTimeOffset timestamp, out byte[] mac, out string? error)
    {
        municipality = default;
        timestamp = default;
        mac = [];
        error = "The signature header is malformed.";
        if (string.IsNullOrEmpty(header) || header.Length > 256) return false;
        string? k = null, t = null, v1 = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) return false;
            var value = part[(eq + 1)..];
            switch (part[..eq])
            {
                case "k" when k is null: k = value; break;
                case "t" when t is null: t = value; break;
                case "v1" when v1 is null: v1 = value; break;
                default: return false;
            }
        }
        if (!Kommunekode.TryParse(k, out municipality, out _)) return false;
        if (t is not { Length: > 0 and <= 12 } || !t.All(char.IsAsciiDigit) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()) return false;
        if (v1 is not { Length: 64 } || !v1.All(char.IsAsciiHexDigit)) return false;
        timestamp = DateTimeOffset.FromUnixTimeSeconds(seconds);
        mac = Convert.FromHexString(v1);
        error = null;
        return true;
    }

    /// <summary>Whether <paramref name="mac"/> is the signature of the body under the secret (compared in constant time).</summary>
    public static bool Verify(byte[] secret, Kommunekode municipality, DateTimeOffset timestamp, byte[] mac, ReadOnlySpan<byte> body) =>
        CryptographicOperations.FixedTimeEquals(Mac(secret, municipality.Value, timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), body), mac);

    private static byte[] Mac(byte[] secret, string k, string t, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(Encoding.ASCII.GetBytes($"v1\n{k}\n{t}\n"));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}

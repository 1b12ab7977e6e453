using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FeeBridge.LibrarySystem.Webhooks;

/// <summary>
/// <c>FeeBridge-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c> (CONTRACTS.md §1). The time is
/// inside the signed text, so a receiver can refuse old replays.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "FeeBridge-Signature";

    public static string Sign(string secret, DateTimeOffset at, string body)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Hex(secret, t, body)}";
    }

    /// <summary>True when the header is well formed and its HMAC matches (compared in constant time).</summary>
    public static bool Verify(string secret, string header, string body, out DateTimeOffset signedAt)
    {
        signedAt = default;
        string? t = null, v1 = null;
        foreach (var part in header.Split(','))
        {
            var kv = part.Split('=', 2);
            if (kv.Length != 2) return false;
            if (kv[0] == "t") t = kv[1];
            else if (kv[0] == "v1") v1 = kv[1];
        }
        if (t is null || v1 is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hex(secret, t, body)), Encoding.ASCII.GetBytes(v1));
    }

    /// <summary>A new random secret for a webhook (32 bytes, hex).</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static string Hex(string secret, string t, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
}

using System.Globalization;
using System.Text;

namespace FeeBridge.Persistence.Claims;

/// <summary>An opaque keyset cursor: the (updated_at, claim_id) of the last item served.</summary>
public static class Cursor
{
    public static string Encode(long updatedAt, string claimId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{updatedAt.ToString(CultureInfo.InvariantCulture)}|{claimId}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position, or null for no cursor. A malformed cursor throws <see cref="FormatException"/>.</summary>
    public static (long UpdatedAt, string ClaimId)? TryDecode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        var b64 = cursor.Replace('-', '+').Replace('_', '/');
        b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
        var bar = text.IndexOf('|');
        if (bar <= 0 || !long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var at))
            throw new FormatException("Malformed cursor.");
        return (at, text[(bar + 1)..]);
    }

    public static bool IsValid(string? cursor)
    {
        try { TryDecode(cursor); return true; }
        catch (FormatException) { return false; }
    }
}

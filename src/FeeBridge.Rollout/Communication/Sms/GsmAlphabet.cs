namespace FeeBridge.Rollout.Communication.Sms;

/// <summary>
/// The GSM 7-bit default alphabet of 3GPP TS 23.038 (GSM 03.38) §6.2.1: the 128 characters of the basic table, one
/// septet each, and the characters of its extension table (§6.2.1.1), each sent as ESC (0x1B) and a second septet, so
/// two. No national language shift tables (§6.2.1.2): Danish needs none, since æøåÆØÅ are in the basic table.
/// </summary>
public static class GsmAlphabet
{
    /// <summary>
    /// The basic table in code order 0x00–0x7F; position 0x1B is the escape to the extension table, not a character
    /// (a placeholder here that no text contains as GSM, since <see cref="SeptetsOf"/> skips it).
    /// </summary>
    internal const string BasicTable =
        "@£$¥èéùìòÇ\nØø\rÅå" +
        "Δ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ" +
        " !\"#¤%&'()*+,-./" +
        "0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNO" +
        "PQRSTUVWXYZÄÖÑÜ§" +
        "¿abcdefghijklmno" +
        "pqrstuvwxyzäöñüà";

    /// <summary>The extension table's characters (§6.2.1.1): form feed, ^ { } \ [ ~ ] | and €.</summary>
    internal const string ExtensionTable = "\f^{}\\[~]|€";

    private static readonly HashSet<char> Basic = [.. BasicTable.Where(c => c != '\u001B')];
    private static readonly HashSet<char> Extension = [.. ExtensionTable];

    /// <summary>Septets <paramref name="c"/> takes in GSM-7: 1 (basic table), 2 (extension table), or 0 when it has none.</summary>
    public static int SeptetsOf(char c) => Basic.Contains(c) ? 1 : Extension.Contains(c) ? 2 : 0;

    /// <summary>Whether every character of <paramref name="text"/> can be sent in GSM-7.</summary>
    public static bool Covers(string text) => text.All(c => SeptetsOf(c) > 0);
}

using System.Globalization;

namespace FeeBridge.Rollout.Communication.Sms;

/// <summary>
/// Counts an SMS as a phone network sends it (3GPP TS 23.038 and TS 23.040): GSM-7 when every character is in the
/// GSM 03.38 alphabet (æøåÆØÅ are; € [ ] { } \ ^ ~ | and form feed take two septets), otherwise UCS-2 for the whole
/// text, whatever the share of the odd characters (DOMAIN.md §8). One message holds 160 septets or 70 code units;
/// longer texts go as parts of 153 or 67.
/// </summary>
/// <remarks>
/// Parts are filled as real encoders fill them (Android's <c>SmsMessage.fragmentText</c>, Kannel): an escape pair
/// (ESC + the extension character) and a surrogate pair (an emoji outside the BMP) are never split across two
/// parts, so a part whose last unit would be the first half of a pair ends one unit early and the pair opens the
/// next. Such a text can need one part more than <c>ceil(characters / 153)</c>; the count says so rather than
/// promise what the network will not deliver. A single message (≤ 160/70) has no parts, so nothing moves there.
/// </remarks>
public static class SmsCounter
{
    public static SmsCount Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var outside = OutsideGsm(text);
        var encoding = outside.Count == 0 ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2;
        var units = Units(text, encoding);
        var characters = units.Sum();
        var segments = characters == 0 ? 0 : characters <= encoding.SingleLimit() ? 1 : Parts(units, encoding.PartLimit());
        return new SmsCount(encoding, characters, segments, segments > 1 ? encoding.PartLimit() : encoding.SingleLimit(), outside,
            [.. outside.Select(PlainReplacements.For).OfType<SmsReplacement>()]);
    }

    /// <summary>The user-perceived characters (text elements) with anything GSM-7 lacks, distinct, first appearance first.</summary>
    private static List<string> OutsideGsm(string text)
    {
        var seen = new List<string>();
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (!GsmAlphabet.Covers(element) && !seen.Contains(element, StringComparer.Ordinal)) seen.Add(element);
        }
        return seen;
    }

    /// <summary>
    /// The indivisible pieces of the text in the encoding's units: in GSM-7 one per character (1 or 2 septets); in
    /// UCS-2 one per code point (1 code unit, or 2 for a surrogate pair; a lone surrogate is sent as the one unit it is).
    /// </summary>
    private static List<int> Units(string text, SmsEncoding encoding)
    {
        var units = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (encoding == SmsEncoding.Gsm7) units.Add(GsmAlphabet.SeptetsOf(text[i]));
            else if (char.IsSurrogatePair(text, i)) { units.Add(2); i++; }
            else units.Add(1);
        }
        return units;
    }

    /// <summary>Parts of at most <paramref name="limit"/> units, filled in order, no piece split.</summary>
    private static int Parts(List<int> units, int limit)
    {
        var (parts, used) = (1, 0);
        foreach (var u in units)
        {
            if (used + u > limit) { parts++; used = 0; }
            used += u;
        }
        return parts;
    }
}

namespace FeeBridge.Rollout.Communication.Sms;

/// <summary>How an SMS is sent (3GPP TS 23.038 §4): the GSM 7-bit default alphabet, or UCS-2 (16 bits per unit).</summary>
public enum SmsEncoding
{
    /// <summary>7 bits per character: 160 in one message, 153 per part of a longer one.</summary>
    Gsm7,

    /// <summary>16 bits per UTF-16 code unit: 70 in one message, 67 per part of a longer one.</summary>
    Ucs2,
}

/// <summary>The encodings' names on the wire (CONTRACTS.md §6 <c>"GSM-7"</c>, <c>"UCS-2"</c>) and their sizes.</summary>
public static class SmsEncodings
{
    public static string WireName(this SmsEncoding e) => e == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2";

    /// <summary>
    /// Units (septets or code units) in a message that fits one SMS: 140 octets of user data carry 160 septets
    /// (140 × 8 / 7) or 70 UCS-2 units (140 / 2).
    /// </summary>
    public static int SingleLimit(this SmsEncoding e) => e == SmsEncoding.Gsm7 ? 160 : 70;

    /// <summary>
    /// Units per part of a concatenated SMS: the 6-octet user data header (3GPP TS 23.040 §9.2.3.24.1) leaves
    /// 134 octets, so 153 septets ((140 × 8 − 6 × 8) / 7, rounded down) or 67 UCS-2 units.
    /// </summary>
    public static int PartLimit(this SmsEncoding e) => e == SmsEncoding.Gsm7 ? 153 : 67;
}

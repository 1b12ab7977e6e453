namespace FeeBridge.Rollout.Communication.Sms;

/// <summary>
/// What an SMS text costs (CONTRACTS.md §6 <c>POST /sms/segments</c>).
/// </summary>
/// <param name="Encoding">GSM-7 when every character is in the GSM 03.38 alphabet, otherwise UCS-2 for all of it.</param>
/// <param name="Characters">As the encoding counts them: septets in GSM-7 (an extension character is two), UTF-16 code units in UCS-2 (an emoji outside the BMP is two).</param>
/// <param name="Segments">Messages the text is sent as; 0 for an empty text.</param>
/// <param name="PerSegment">Units a segment holds at this length: 160/70 for one message, 153/67 per part of a longer one.</param>
/// <param name="OutsideGsm">The characters (user-perceived, distinct, in order of first appearance) that force UCS-2.</param>
/// <param name="Replacements">Plain GSM-7 replacements for those of <paramref name="OutsideGsm"/> that have one.</param>
public sealed record SmsCount(
    SmsEncoding Encoding,
    int Characters,
    int Segments,
    int PerSegment,
    IReadOnlyList<string> OutsideGsm,
    IReadOnlyList<SmsReplacement> Replacements);

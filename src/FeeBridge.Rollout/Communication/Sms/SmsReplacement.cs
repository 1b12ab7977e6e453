namespace FeeBridge.Rollout.Communication.Sms;

/// <summary>
/// A plain GSM-7 stand-in for a character that would make the whole SMS UCS-2.
/// </summary>
/// <param name="Character">The character as it stands in the text.</param>
/// <param name="Replacement">What to write instead (empty: leave it out, e.g. an invisible character).</param>
/// <param name="Description">What the character is, in Danish, for the editor ("krøllet anførselstegn").</param>
public sealed record SmsReplacement(string Character, string Replacement, string Description);

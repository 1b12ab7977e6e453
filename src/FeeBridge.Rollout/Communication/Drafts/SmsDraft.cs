using FeeBridge.Rollout.Communication.Sms;

namespace FeeBridge.Rollout.Communication.Drafts;

/// <summary>One SMS of the SMS draft, with what it costs (GSM 03.38, <see cref="SmsCounter"/>).</summary>
public sealed record SmsMessage(string Text, SmsCount Count);

/// <summary>
/// The SMS draft holds several texts, one for each occasion, separated by a line with only <c>---</c>: an editor
/// writes them in one template, and each is counted on its own, because each is sent on its own.
/// </summary>
public static class SmsDraft
{
    public const string Separator = "---";

    public static IReadOnlyList<SmsMessage> Messages(string text) =>
    [
        .. text.ReplaceLineEndings("\n").Split('\n')
            .Aggregate(new List<List<string>> { new() }, (parts, line) =>
            {
                if (line.Trim() == Separator) parts.Add([]);
                else parts[^1].Add(line);
                return parts;
            })
            .Select(lines => string.Join('\n', lines).Trim())
            .Where(t => t.Length > 0)
            .Select(t => new SmsMessage(t, SmsCounter.Count(t))),
    ];
}

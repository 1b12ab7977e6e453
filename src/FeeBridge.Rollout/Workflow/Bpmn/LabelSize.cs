namespace FeeBridge.Rollout.Workflow.Bpmn;

/// <summary>
/// How much room a label takes as bpmn-js draws it: external labels (events, gateways, flows) wrap at 90 px in 11 px
/// type, a task's name inside its 100 × 80 box (less 5 px padding) in 12 px; about 15 characters a line, 14 px a line.
/// An estimate by word wrap, used to give each row room for its labels; no font is measured.
/// </summary>
public static class LabelSize
{
    public const int ExternalWidth = 90;
    public const int LineHeight = 14;
    public const int CharactersPerLine = 15;

    /// <summary>Lines the text wraps to at <see cref="CharactersPerLine"/> (a longer word takes a line of its own, or more).</summary>
    public static int Lines(string text)
    {
        var (lines, used) = (0, 0);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (used > 0 && used + 1 + word.Length <= CharactersPerLine) { used += 1 + word.Length; continue; }
            lines += used > 0 ? 1 : 0;
            lines += (word.Length - 1) / CharactersPerLine;
            used = (word.Length - 1) % CharactersPerLine + 1;
        }
        return lines + (used > 0 ? 1 : 0);
    }

    public static int ExternalHeight(string text) => Math.Max(1, Lines(text)) * LineHeight;
}

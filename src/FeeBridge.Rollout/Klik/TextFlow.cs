using System.Text;
using System.Text.RegularExpressions;

namespace FeeBridge.Rollout.Klik;

/// <summary>
/// Turns a field's lines into CONTRACTS.md §6 plain text: paragraphs separated by one blank line, list items ("• …",
/// "1. …") one per line, a wrapped line joined to the one before. Lines that are nothing but a web address are the
/// task's links, not text (the PDF prints them after the method, the OCR text somewhere in the description).
/// </summary>
internal static partial class TextFlow
{
    public sealed record Flowed(string? Text, IReadOnlyList<string> Links);

    private sealed class Block(bool isList)
    {
        public bool IsList { get; } = isList;
        public List<StringBuilder> Items { get; } = [];
        public int LastNumber { get; set; }
        public bool Ordered { get; set; }
        public StringBuilder Last => Items[^1];
    }

    public static Flowed Assemble(IEnumerable<FlowLine> lines)
    {
        var blocks = new List<Block>();
        var links = new List<string>();
        var breakPending = false;
        foreach (var line in lines)
        {
            var text = Projects.Wording.Collapse(line.Text);
            breakPending |= line.BreakBefore;
            if (text.Length == 0) continue;
            if (UrlLine().IsMatch(text))
            {
                if (!links.Contains(text, StringComparer.Ordinal)) links.Add(text);
                breakPending = true;
                continue;
            }
            var current = blocks.Count > 0 ? blocks[^1] : null;
            if (ListItem(text, current) is { } item)
            {
                if (current is not { IsList: true } || current.Ordered != item.Ordered)
                    blocks.Add(current = new Block(isList: true) { Ordered = item.Ordered });
                current.Items.Add(new StringBuilder(item.Text));
                if (item.Ordered) current.LastNumber = item.Number;
            }
            else if (current is null || (breakPending && !ContinuesSentence(current.Last, text)))
            {
                var paragraph = new Block(isList: false);
                paragraph.Items.Add(new StringBuilder(text));
                blocks.Add(paragraph);
            }
            else
            {
                Join(current.Last, text);
            }
            breakPending = false;
        }
        var flowed = string.Join("\n\n", blocks.Select(b => string.Join('\n', b.Items.Select(i => i.ToString()))));
        return new Flowed(flowed.Length == 0 ? null : flowed, links);
    }

    /// <summary>
    /// "• text" or "N. text" — numbered only as 1 or the next number of the list it continues, so that "de 3. parts
    /// løsninger" wrapped to the start of a line stays text.
    /// </summary>
    private static (string Text, bool Ordered, int Number)? ListItem(string text, Block? current)
    {
        var bullet = Bullet().Match(text);
        if (bullet.Success) return ($"• {bullet.Groups[1].Value}", false, 0);
        var numbered = Numbered().Match(text);
        if (!numbered.Success) return null;
        var number = int.Parse(numbered.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        var next = current is { IsList: true, Ordered: true } ? current.LastNumber + 1 : 1;
        return number == next ? (text, true, number) : null;
    }

    /// <summary>
    /// A break the rendering shows in mid-sentence is a page or column break, not a paragraph: the text before ends
    /// without a full stop and the text after begins in lower case.
    /// </summary>
    private static bool ContinuesSentence(StringBuilder before, string after) =>
        before.Length > 0 && !".!?:;".Contains(before[^1], StringComparison.Ordinal) && char.IsLower(after[0]);

    /// <summary>Joins a wrapped line: "debitor-" + "/økonomiafdelingen" without a space, everything else with one.</summary>
    private static void Join(StringBuilder before, string after)
    {
        if (before.Length > 0 && !(before[^1] == '-' && after[0] == '/')) before.Append(' ');
        before.Append(after);
    }

    [GeneratedRegex(@"^https?://\S+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlLine();

    [GeneratedRegex(@"^[•▪●◦]\s*(.+)$")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^(\d{1,3})\.\s+\S")]
    private static partial Regex Numbered();
}

using System.Text;
using FeeBridge.Rollout.Projects;

namespace FeeBridge.Rollout.Klik;

/// <summary>
/// Writes a draft back as a KLIK document — as PDF text (<see cref="ToText"/>, the layout of sources/000) or as the
/// tab export (<see cref="ToTabExport"/>, sources/003) — so that reading it again gives the same draft: the
/// importer's round trip, and a readable form of a task for a person or a test.
/// </summary>
public static class KlikRenderer
{
    /// <summary>The width PDF text wraps at; wrapped lines begin in lower case, as a label never does.</summary>
    private const int Width = 90;

    /// <summary>PDF text: "Label value" lines, wrapped, a line of one space between paragraphs and between fields.</summary>
    public static string ToText(MasterTaskDraft draft, RolloutProject? project = null)
    {
        var fields = Fields(draft, project).ToList();
        var text = new StringBuilder();
        if (draft.Title is not null) text.Append(draft.Title).Append("\n \n");
        foreach (var (field, value) in fields)
        {
            var blocks = value.Split("\n\n");
            var first = true;
            foreach (var block in blocks)
            {
                if (!first) text.Append(" \n");
                foreach (var line in block.Split('\n'))
                {
                    var start = first ? $"{KlikLabels.Of(field).Text} " : "";
                    foreach (var wrapped in Wrap(start + line)) text.Append(wrapped).Append('\n');
                    first = false;
                }
            }
            if (field == LinksAfter(draft))
                foreach (var link in draft.Links) text.Append(link).Append('\n');
            text.Append(" \n");
        }
        return text.ToString();
    }

    /// <summary>The tab export: "Label&lt;TAB&gt;value", texts as HTML (<c>&lt;p&gt;</c>, <c>&lt;ul&gt;</c>, <c>&lt;ol&gt;</c>), links as anchors after the method.</summary>
    public static string ToTabExport(MasterTaskDraft draft, RolloutProject? project = null)
    {
        var text = new StringBuilder();
        if (draft.Title is not null) text.Append(Escape(draft.Title)).Append("\n\n");
        var linksAfter = LinksAfter(draft);
        foreach (var (field, value) in Fields(draft, project))
        {
            text.Append(KlikLabels.Of(field).Text).Append('\t').Append(Html(value));
            if (field == linksAfter)
                foreach (var link in draft.Links) text.Append("<p><a href=\"").Append(Escape(link)).Append("\">").Append(Escape(link)).Append("</a></p>");
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The field whose value the links follow: the method, as in sources/000, or the last text before it.</summary>
    private static KlikField? LinksAfter(MasterTaskDraft draft) =>
        draft.Method.Count > 0 ? KlikField.Method
        : draft.Description is not null ? KlikField.Description
        : draft.Goal is not null ? KlikField.Goal
        : null;

    /// <summary>Each present field's value as plain text, in KLIK's order.</summary>
    private static IEnumerable<(KlikField Field, string Value)> Fields(MasterTaskDraft d, RolloutProject? project)
    {
        project ??= ProjectCatalog.Shipped.Find(d.Project);
        if (d.MasterTaskId is { } id) yield return (KlikField.MasterTaskId, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (d.Title is not null) yield return (KlikField.Title, d.Title);
        yield return (KlikField.Project, project?.DocumentNames.FirstOrDefault() ?? project?.Name ?? d.Project);
        if (d.Phase is not null) yield return (KlikField.Phase, $"{d.Phase} ( Fase )");
        if (d.Theme is not null) yield return (KlikField.Theme, $"{d.Theme} ( Tema )");
        if (d.Priority is { } p) yield return (KlikField.Priority, $"Prioritet {p.Level.ToString(System.Globalization.CultureInfo.InvariantCulture)} - {p.Label}");
        if (d.Infrastructure is { } infrastructure) yield return (KlikField.Infrastructure, infrastructure ? "Ja" : "Nej");
        if (d.Waves.Count > 0) yield return (KlikField.Waves, string.Join(", ", d.Waves));
        if (d.Goal is not null) yield return (KlikField.Goal, d.Goal);
        if (d.Description is not null) yield return (KlikField.Description, d.Description);
        if (d.Method.Count > 0) yield return (KlikField.Method, string.Join('\n', d.Method.Select((s, i) => $"{i + 1}. {s}")));
        if (d.Result is not null) yield return (KlikField.Result, d.Result);
        if (d.RecommendedPerformer is not null) yield return (KlikField.RecommendedPerformer, d.RecommendedPerformer);
        if (d.InvolvedParties.Count > 0) yield return (KlikField.InvolvedParties, string.Join(", ", d.InvolvedParties));
    }

    /// <summary>Breaks a long line at spaces, only before a word in lower case (so a wrapped line is never read as a label or list item).</summary>
    private static IEnumerable<string> Wrap(string line)
    {
        var words = line.Split(' ');
        var current = new StringBuilder();
        foreach (var word in words)
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > Width && word.Length > 0 && char.IsLower(word[0]))
            {
                yield return current.ToString();
                current.Clear();
            }
            if (current.Length > 0) current.Append(' ');
            current.Append(word);
        }
        yield return current.ToString();
    }

    /// <summary>Plain text as the export's HTML: a block of "• " lines a <c>&lt;ul&gt;</c>, of "N. " lines an <c>&lt;ol&gt;</c>, else a <c>&lt;p&gt;</c>.</summary>
    private static string Html(string value)
    {
        var blocks = value.Split("\n\n");
        if (blocks.Length == 1 && !value.Contains('\n', StringComparison.Ordinal) && !IsItem(value)) return Escape(value);
        var html = new StringBuilder();
        foreach (var block in blocks)
        {
            var lines = block.Split('\n');
            if (lines.All(l => l.StartsWith("• ", StringComparison.Ordinal)))
                html.Append("<ul>").AppendJoin("", lines.Select(l => $"<li>{Escape(l[2..])}</li>")).Append("</ul>");
            else if (lines.All(IsNumbered))
                html.Append("<ol>").AppendJoin("", lines.Select(l => $"<li>{Escape(l[(l.IndexOf(". ", StringComparison.Ordinal) + 2)..])}</li>")).Append("</ol>");
            else
                html.Append("<p>").Append(Escape(string.Join(' ', lines))).Append("</p>");
        }
        return html.ToString();
    }

    private static bool IsItem(string line) => line.StartsWith("• ", StringComparison.Ordinal) || IsNumbered(line);

    private static bool IsNumbered(string line)
    {
        var dot = line.IndexOf(". ", StringComparison.Ordinal);
        return dot is > 0 and <= 3 && line[..dot].All(char.IsAsciiDigit);
    }

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}

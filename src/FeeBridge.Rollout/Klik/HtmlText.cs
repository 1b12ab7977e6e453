using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace FeeBridge.Rollout.Klik;

/// <summary>
/// Reads the HTML of KLIK's export as text, never as a page: the DOM (AngleSharp, no scripting, nothing loaded) is
/// walked for its text; scripts, styles and embedded objects are dropped with their content, attributes are never
/// read except an anchor's http(s) address. Blocks become lines with a break before; lists become "• item" or
/// "N. item" lines, also the export's lists without <c>&lt;li&gt;</c> ("• …" or "1. … 2. …" inside one cell).
/// The walk keeps its own stack, so no nesting depth can overflow the call stack.
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
        "svg", "math", "head", "canvas", "audio", "video", "select", "textarea",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "blockquote", "section", "article",
        "header", "footer", "pre", "dl", "dt", "dd", "hr", "body", "main", "aside", "nav", "figure", "caption",
    };

    private static HtmlParser Parser() => new(new HtmlParserOptions { IsScripting = false });

    /// <summary>A cell of the tab export (or any HTML fragment) as lines.</summary>
    public static IReadOnlyList<FlowLine> FragmentLines(string html)
    {
        using var document = Parser().ParseDocument(html);
        return document.Body is { } body ? Lines(body) : [];
    }

    /// <summary>
    /// An HTML document: a table of label and value cells (the export as a page), or else its text as lines for
    /// <see cref="LabelledLines"/>.
    /// </summary>
    public static RawTask Document(string html)
    {
        using var document = Parser().ParseDocument(html);
        var fields = new List<RawField>();
        var ocr = false;
        foreach (var row in document.QuerySelectorAll("tr"))
        {
            var cells = row.Children.Where(c => c.LocalName is "td" or "th").ToList();
            if (cells.Count < 2 || KlikLabels.Whole(InlineText(cells[0])) is not { } label) continue;
            if (fields.Any(f => f.Field == label.Label.Field)) continue;
            ocr |= label.Misread;
            fields.Add(new RawField(label.Label.Field, [.. cells.Skip(1).SelectMany(Lines)]));
        }
        if (fields.Count > 0)
        {
            var heading = document.QuerySelector("h1, h2, h3") is { } h ? Projects.Wording.Collapse(InlineText(h)) : null;
            return new RawTask(string.IsNullOrEmpty(heading) ? null : heading, fields, ocr);
        }
        return LabelledLines.Tokenize(document.Body is { } body ? Lines(body) : []);
    }

    private static string InlineText(INode node)
    {
        var text = new StringBuilder();
        Walk(node, onEnter: _ => { }, onText: t => text.Append(t), onExit: _ => { });
        return text.ToString();
    }

    private sealed class ListCapture(bool ordered)
    {
        public bool Ordered { get; } = ordered;
        public List<StringBuilder> Items { get; } = [];
        public StringBuilder Loose { get; } = new();
        public StringBuilder? Item { get; set; }
        public int Depth { get; set; }
    }

    private static IReadOnlyList<FlowLine> Lines(INode root)
    {
        var lines = new List<FlowLine>();
        var line = new StringBuilder();
        var links = new List<string>();
        var breakNext = true;
        ListCapture? list = null;

        // A <br> ends a line but not the paragraph; a block ends both. Nothing written: the stronger break is kept.
        void Flush(bool breakAfter)
        {
            var text = Projects.Wording.Collapse(line.ToString());
            var written = text.Length > 0;
            if (written) lines.Add(new FlowLine(text, breakNext));
            line.Clear();
            foreach (var link in links) lines.Add(new FlowLine(link, true));
            links.Clear();
            breakNext = written ? breakAfter : breakNext || breakAfter;
        }

        Walk(root,
            onEnter: element =>
            {
                var name = element.LocalName;
                if (element is IHtmlAnchorElement anchor && WebAddress(anchor.GetAttribute("href")) is { } href) links.Add(href);
                if (list is not null)
                {
                    if (name is "ul" or "ol") list.Depth++;
                    if (name == "li" && list.Depth == 0) list.Items.Add(list.Item = new StringBuilder());
                    else if (name == "li" || name == "br" || Blocks.Contains(name)) (list.Item ?? list.Loose).Append(' ');
                    return;
                }
                if (name is "ul" or "ol")
                {
                    Flush(breakAfter: true);
                    list = new ListCapture(ordered: name == "ol");
                }
                else if (name == "br") Flush(breakAfter: false);
                else if (Blocks.Contains(name) || name == "li") Flush(breakAfter: true);
            },
            onText: text =>
            {
                if (list is null) line.Append(text);
                else (list.Item ?? list.Loose).Append(text);
            },
            onExit: element =>
            {
                var name = element.LocalName;
                if (list is not null)
                {
                    if (name is "ul" or "ol" && list.Depth-- == 0)
                    {
                        foreach (var item in ListItems(list)) lines.Add(new FlowLine(item, true));
                        foreach (var link in links) lines.Add(new FlowLine(link, true));
                        links.Clear();
                        list = null;
                        breakNext = true;
                    }
                    else if (name == "li" && list.Depth == 0) list.Item = null;
                    return;
                }
                if (Blocks.Contains(name) || name == "li") Flush(breakAfter: true);
            });
        Flush(breakAfter: true);
        return lines;
    }

    /// <summary>A list's items as lines: its <c>&lt;li&gt;</c>s, or else its text cut at "•" or at "1. ", "2. "….</summary>
    private static IEnumerable<string> ListItems(ListCapture list)
    {
        var loose = Projects.Wording.Collapse(list.Loose.ToString());
        if (loose.Length > 0 && list.Items.Count == 0)
        {
            var items = list.Ordered ? SplitNumbered(loose) : SplitBullets(loose);
            if (items.Count == 0) return [loose];
            return list.Ordered ? items.Select((t, i) => $"{i + 1}. {t}") : items.Select(t => $"• {t}");
        }
        var lis = list.Items.Select(i => Projects.Wording.Collapse(i.ToString())).Where(t => t.Length > 0);
        var lines = list.Ordered ? lis.Select((t, i) => $"{i + 1}. {t}") : lis.Select(t => $"• {t}");
        return loose.Length > 0 ? lines.Prepend(loose) : lines;
    }

    private static List<string> SplitBullets(string text) =>
        text.Contains('•', StringComparison.Ordinal)
            ? [.. text.Split('•').Select(p => p.Trim()).Where(p => p.Length > 0)]
            : [text];

    /// <summary>"1. a 2. b 3. c" → a, b, c: cut only at the next number in turn, so "de 3. parts løsninger" stays whole.</summary>
    private static List<string> SplitNumbered(string text)
    {
        if (!text.StartsWith("1. ", StringComparison.Ordinal)) return [];
        var starts = new List<int> { 0 };
        var at = 0;
        for (var k = 2; ; k++)
        {
            var next = text.IndexOf($" {k}. ", at, StringComparison.Ordinal);
            if (next < 0) break;
            starts.Add(next + 1);
            at = next + 1;
        }
        return [.. starts.Select((s, i) =>
        {
            var end = i + 1 < starts.Count ? starts[i + 1] : text.Length;
            var item = text[s..end].Trim();
            return item[(item.IndexOf(". ", StringComparison.Ordinal) + 2)..].Trim();
        })];
    }

    private static string? WebAddress(string? href) =>
        href is not null && Uri.TryCreate(href.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.OriginalString.Trim()
            : null;

    /// <summary>Depth-first over the DOM with an explicit stack; dropped elements are skipped with everything inside.</summary>
    private static void Walk(INode root, Action<IElement> onEnter, Action<string> onText, Action<IElement> onExit)
    {
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is IElement element)
            {
                if (exit) { onExit(element); continue; }
                if (Dropped.Contains(element.LocalName)) continue;
                onEnter(element);
                stack.Push((element, true));
                for (var i = element.ChildNodes.Length - 1; i >= 0; i--) stack.Push((element.ChildNodes[i], false));
            }
            else if (node.NodeType == NodeType.Text) onText(node.TextContent);
            else if (node is IDocument or IDocumentFragment)
                for (var i = node.ChildNodes.Length - 1; i >= 0; i--) stack.Push((node.ChildNodes[i], false));
        }
    }
}

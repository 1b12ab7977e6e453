namespace FeeBridge.Rollout.Klik;

/// <summary>
/// How deep HTML nests, counted in one pass before any parser sees it: an HTML parser's tree construction looks
/// through the stack of open elements for every tag, so a few hundred thousand unclosed <c>&lt;div&gt;</c>s cost it
/// minutes. KLIK's export nests a handful of levels; the importer refuses far deeper.
/// </summary>
internal static class HtmlDepth
{
    public const int Max = 100;

    // Elements that never hold content, or whose end tag HTML lets the parser imply (no deeper when left open).
    private static readonly HashSet<string> Flat = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
        "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup",
        "caption", "rb", "rt", "rp", "html", "head", "body",
    };

    /// <summary>Whether some point of <paramref name="html"/> lies more than <see cref="Max"/> open elements deep.</summary>
    public static bool TooDeep(string html)
    {
        var depth = 0;
        for (var i = 0; i < html.Length; i++)
        {
            if (html[i] != '<' || i + 1 >= html.Length) continue;
            var closing = html[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            var end = start;
            while (end < html.Length && char.IsAsciiLetterOrDigit(html[end])) end++;
            if (end == start || !char.IsAsciiLetter(html[start])) continue;
            var name = html[start..end];
            var close = html.IndexOf('>', end);
            if (close < 0) break;
            if (closing) { depth = Math.Max(0, depth - (Flat.Contains(name) ? 0 : 1)); i = close; continue; }
            if (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase))
            {
                // Their text is not markup: "a<b" in a script opens nothing.
                var after = html.IndexOf("</" + name, close, StringComparison.OrdinalIgnoreCase);
                i = after < 0 ? html.Length : after - 1;
                continue;
            }
            if (html[close - 1] != '/' && !Flat.Contains(name) && ++depth > Max) return true;
            i = close;
        }
        return false;
    }
}

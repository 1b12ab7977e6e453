using Ganss.Xss;

namespace FeeBridge.Rollout.Communication.Drafts;

/// <summary>
/// What HTML a draft may carry once rendered: text structure and links, nothing that runs or loads (HtmlSanitizer):
/// headings, paragraphs, lists, emphasis, line breaks, and links to https or mailto. A script, an event handler,
/// a <c>javascript:</c> link, an iframe, a style or an image is taken out, whoever wrote it.
/// </summary>
public static class DraftSanitizer
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    private static HtmlSanitizer Create()
    {
        var s = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "b", "i", "br", "a"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        return s;
    }

    public static string Clean(string html) => Sanitizer.Sanitize(html);
}

using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace FeeBridge.Rollout.Communication.Drafts;

/// <summary>
/// A draft rendered from the facts: its output (sanitised HTML, or for a text channel such as SMS the plain text,
/// which is never shown as markup), and the names the template used that the model lacks.
/// </summary>
public sealed record RenderedDraft(string Output, IReadOnlyList<string> UnknownNames, DraftFormat Format = DraftFormat.Html)
{
    /// <summary>The sanitised HTML of an HTML channel.</summary>
    public string Html => Output;
}

/// <summary>
/// An editable draft text (issue 16 part 2) as a Liquid template (Fluid): an editor writes text, HTML and
/// <c>{{ skaeringsdato }}</c>-style values, and cannot run code. Safe by construction: the model is plain values
/// (<see cref="DraftModel"/>) and the member access strategy knows no .NET type; values are HTML-encoded as they are
/// written; no file can be included; a template may take at most <see cref="MaxSteps"/> steps; and the HTML that comes
/// out is sanitised (<see cref="DraftSanitizer"/>). A template that does not parse, or fails while rendering, is
/// refused with the reason, never thrown.
/// </summary>
public sealed class DraftTemplate
{
    /// <summary>Statements a rendering may execute: far more than a letter needs, far less than a loop that never ends.</summary>
    public const int MaxSteps = 100_000;

    /// <summary>The longest template accepted (characters).</summary>
    public const int MaxLength = 50_000;

    private static readonly FluidParser Parser = new();
    private readonly IFluidTemplate _template;

    private DraftTemplate(string source, IFluidTemplate template)
    {
        Source = source;
        _template = template;
    }

    public string Source { get; }

    public static Outcome<DraftTemplate> Parse(string? source)
    {
        if (string.IsNullOrWhiteSpace(source)) return Outcome<DraftTemplate>.Refuse("template", "Skabelonen er tom.");
        if (source.Length > MaxLength) return Outcome<DraftTemplate>.Refuse("template", $"Skabelonen er længere end {MaxLength:N0} tegn.");
        return Parser.TryParse(source, out var template, out var error)
            ? Outcome<DraftTemplate>.Accept(new DraftTemplate(source, template))
            : Outcome<DraftTemplate>.Refuse("template", Where(error));
    }

    /// <summary>
    /// Fluid says "Invalid 'if' tag at (1:6)" and repeats the source; an editor needs the place in words and the
    /// reason, not their own text back: "Skabelonen kan ikke læses (linje 1, tegn 6): Invalid 'if' tag".
    /// </summary>
    private static string Where(string error)
    {
        var firstLine = error.ReplaceLineEndings("\n").Split('\n')[0];
        var at = System.Text.RegularExpressions.Regex.Match(firstLine, @"^(.*?)\s*at \((\d+):(\d+)\)\s*$");
        return at.Success
            ? $"Skabelonen kan ikke læses (linje {at.Groups[2].Value}, tegn {at.Groups[3].Value}): {at.Groups[1].Value}"
            : $"Skabelonen kan ikke læses: {firstLine}";
    }

    public Outcome<RenderedDraft> Render(MunicipalityFacts facts, DraftFormat format = DraftFormat.Html)
    {
        var unknown = new List<string>();
        var options = new TemplateOptions
        {
            MemberAccessStrategy = new DefaultMemberAccessStrategy(), // nothing registered: no .NET member is reachable
            FileProvider = new Microsoft.Extensions.FileProviders.NullFileProvider(),
            MaxSteps = MaxSteps,
            MaxRecursion = 20,
            CultureInfo = DanishText.Culture,
            Undefined = name =>
            {
                if (!unknown.Contains(name, StringComparer.Ordinal)) unknown.Add(name);
                return ValueTask.FromResult<FluidValue>(NilValue.Instance);
            },
        };
        var context = new TemplateContext(options);
        foreach (var (name, value) in DraftModel.Of(facts)) context.SetValue(name, value);
        try
        {
            // A text channel is never markup: values go in as written, and the screens encode the whole text.
            if (format == DraftFormat.Text) return Outcome<RenderedDraft>.Accept(new RenderedDraft(_template.Render(context, NullEncoder.Default).Trim(), unknown, format));
            var html = _template.Render(context, HtmlEncoder.Default);
            return Outcome<RenderedDraft>.Accept(new RenderedDraft(DraftSanitizer.Clean(html), unknown, format));
        }
        catch (FileNotFoundException)
        {
            return Outcome<RenderedDraft>.Refuse("template", "En skabelon kan ikke hente andre filer (include og render).");
        }
        catch (Exception e) when (e is InvalidOperationException or ParseException or ArgumentException)
        {
            return Outcome<RenderedDraft>.Refuse("template", $"Skabelonen fejlede: {e.Message}");
        }
    }
}

using System.Globalization;
using FeeBridge.Domain.Routing;
using FeeBridge.Server.Hosting;
using Markdig;
using FeeBridge.Application;

namespace FeeBridge.Server.Citizen;

/// <summary>One question and its answer (HTML rendered from the municipality's Markdown, raw HTML disabled).</summary>
public sealed record FaqEntry(string? Municipality, string Question, string AnswerHtml);

/// <summary>
/// What each municipality and library tells its citizens, from configuration: payment sites, contacts, the library's
/// own payment instructions and the FAQ (per municipality a Markdown file; otherwise the defaults, filled in with the
/// municipality's own dates and rules). Rendered once at start.
/// </summary>
public sealed class CitizenTexts
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().DisableHtml().Build();
    private readonly Tenants _tenants;
    private readonly CitizenOptions _options;
    private readonly Dictionary<string, IReadOnlyList<FaqEntry>> _faq = new();
    private readonly Dictionary<string, string> _faqMarkdown = new();
    private readonly Dictionary<string, string> _names = new();
    private readonly IReadOnlyList<FaqEntry> _generalFaq;

    public CitizenTexts(Tenants tenants, FeeBridgeOptions options)
    {
        _tenants = tenants;
        _options = options.Citizen;
        foreach (var m in tenants.Municipalities)
        {
            var own = _options.Municipalities.GetValueOrDefault(m.Code.Value);
            var markdown = own?.FaqFile is { } file
                ? File.Exists(file) ? File.ReadAllText(file) : throw new InvalidOperationException($"FeeBridge:Citizen:Municipalities:{m.Code}:FaqFile: no file at {file}.")
                : Fill(DefaultFaq, m, tenants.Agencies.Where(a => a.Municipality == m.Code).ToList(), own?.Contact);
            _faq[m.Code.Value] = Parse(markdown, m.Name);
            _faqMarkdown[m.Code.Value] = markdown;
            _names[m.Code.Value] = m.Name;
        }
        _generalFaq = Parse(Fill(DefaultFaq, null, [], null), null);
    }

    /// <summary>The FAQ for the municipalities the citizen has claims in; the general one when there are none.</summary>
    public IReadOnlyList<FaqEntry> Faq(IReadOnlyList<string> municipalities) => Faq(municipalities, new Dictionary<string, string>());

    /// <summary>
    /// As <see cref="Faq(IReadOnlyList{string})"/>, with the version a municipality published in the rollout workspace
    /// (issue 16 part 5) in place of its configured one.
    /// </summary>
    public IReadOnlyList<FaqEntry> Faq(IReadOnlyList<string> municipalities, IReadOnlyDictionary<string, string> published) =>
        municipalities.Count == 0 ? _generalFaq : [.. municipalities.SelectMany(m => published.TryGetValue(m, out var own)
            ? Parse(own, _names.GetValueOrDefault(m) ?? m)
            : _faq.GetValueOrDefault(m) ?? _generalFaq)];

    /// <summary>The Markdown /borger shows the municipality's citizens when it has published none: its file, or the defaults filled in.</summary>
    public string DefaultFaqMarkdown(string municipality) => _faqMarkdown.GetValueOrDefault(municipality) ?? Fill(DefaultFaq, null, [], null);

    /// <summary>The FAQ as HTML to paste into DPL CMS: each question a heading, each answer as /borger shows it.</summary>
    public static string CmsHtml(IReadOnlyList<FaqEntry> entries) =>
        string.Join("\n", entries.Select(e => $"<h3>{System.Net.WebUtility.HtmlEncode(e.Question)}</h3>\n{e.AnswerHtml.Trim()}"));

    public string? PaymentUrl(string municipality) => _options.Municipalities.GetValueOrDefault(municipality)?.PaymentUrl;

    public LibraryInstructions LibraryInstructions(AgencySettings agency)
    {
        var own = _options.Agencies.GetValueOrDefault(agency.Id.Value);
        return new LibraryInstructions(agency.Name,
            own?.Instructions ?? "Betal på bibliotekets hjemmeside under \"Mine gebyrer\", eller spørg personalet på biblioteket.",
            own?.PaymentUrl);
    }

    /// <summary>Splits "## question" sections; each answer is Markdown.</summary>
    public static IReadOnlyList<FaqEntry> Parse(string markdown, string? municipality)
    {
        var entries = new List<FaqEntry>();
        string? question = null;
        var answer = new List<string>();
        void Flush()
        {
            // Raw HTML is off in Markdig; the sanitiser also takes what Markdown itself can carry (a javascript: link).
            if (question is not null) entries.Add(new FaqEntry(municipality, question,
                FeeBridge.Rollout.Communication.Drafts.DraftSanitizer.Clean(Markdig.Markdown.ToHtml(string.Join('\n', answer), Markdown))));
            answer.Clear();
        }
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal)) { Flush(); question = line[3..].Trim(); }
            else answer.Add(line.TrimEnd('\r'));
        }
        Flush();
        return entries;
    }

    private static string DefaultFaq { get; } = ReadDefault();

    private static string ReadDefault()
    {
        using var stream = typeof(CitizenTexts).Assembly.GetManifestResourceStream("FeeBridge.Server.Citizen.DefaultFaq.md")
            ?? throw new InvalidOperationException("The default FAQ is missing from the build.");
        return new StreamReader(stream).ReadToEnd();
    }

    private static string Fill(string template, MunicipalityRules? m, IReadOnlyList<AgencySettings> agencies, string? contact)
    {
        var cutOver = agencies.Count == 1 ? Kroner.Date(agencies[0].CutOverDate) : "bibliotekets skæringsdato";
        return template
            .Replace("{kommune}", m?.Name ?? "kommunen", StringComparison.Ordinal)
            .Replace("{bibliotek}", agencies.Count == 1 ? agencies[0].Name : "biblioteket", StringComparison.Ordinal)
            .Replace("{skaeringsdato}", cutOver, StringComparison.Ordinal)
            .Replace("{betalingsdage}", (m?.PaymentDays ?? 30).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{kontakt}", contact ?? (m is null
                ? "Spørg på dit bibliotek om selve gebyret, og kontakt kommunens opkrævning om betaling, rykkere og afdrag."
                : $"Spørg på biblioteket om selve gebyret. Om betaling, rykkere og afdragsordninger: kontakt opkrævningen i {m.Name}."), StringComparison.Ordinal);
    }
}

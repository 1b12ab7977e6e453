using System.Globalization;
using System.Text.RegularExpressions;
using FeeBridge.Rollout.Projects;

namespace FeeBridge.Rollout.Klik;

/// <summary>
/// The one place a tokenizer's fields become a <see cref="MasterTaskDraft"/>, whatever the rendering: each field
/// read against the project's vocabulary, OCR damage repaired only where the vocabulary makes it certain, and every
/// doubt (a repair, an unknown word, a missing field) named in the warnings. Nothing is invented.
/// </summary>
internal sealed partial class FieldAssembler
{
    /// <summary>Fewer labels than this and the document is not taken for a KLIK task (the webinar of sources/004 has none).</summary>
    public const int MinimumLabels = 4;

    private readonly RolloutProject _project;
    private readonly IReadOnlyCollection<EarlierTask> _earlier;
    private readonly List<string> _warnings = [];
    private readonly List<string> _links = [];
    private Dictionary<KlikField, string?> _text = [];
    private bool _ocr;

    private FieldAssembler(RolloutProject project, IReadOnlyCollection<EarlierTask> earlier) => (_project, _earlier) = (project, earlier);

    public static KlikImportResult Assemble(RawTask raw, RolloutProject project, IReadOnlyCollection<EarlierTask> earlier) =>
        new FieldAssembler(project, earlier).Build(raw);

    private KlikImportResult Build(RawTask raw)
    {
        if (raw.Fields.Count < MinimumLabels)
            return new KlikImportResult.Refused(KlikRefusalReason.NotAKlikTask,
                $"Dokumentet er ikke en KLIK-opgave: {raw.Fields.Count} af en opgaves {KlikLabels.All.Count} felter " +
                "(Master-opgave ID, Opgavetitel, Projekt, Fase, Tema, …) blev fundet.");
        _ocr = raw.ReadByOcr;
        _text = raw.Fields.ToDictionary(f => f.Field, f =>
        {
            var flowed = TextFlow.Assemble(f.Lines);
            foreach (var link in flowed.Links.Where(l => !_links.Contains(l, StringComparer.Ordinal))) _links.Add(link);
            return flowed.Text;
        });

        var projectName = Line(KlikField.Project);
        if (projectName is not null)
        {
            var names = new Vocabulary<string>(_project.DocumentNames.Append(_project.Name).Select(n => (n, n)));
            if (names.Read(projectName).Kind is ReadingKind.Unknown or ReadingKind.Ambiguous)
                return new KlikImportResult.Refused(KlikRefusalReason.OtherProject,
                    $"Opgaven hører til projektet «{projectName}», ikke «{_project.Name}».");
            Word(KlikField.Project, "et kendt projekt", projectName, names);
        }
        else Warn(KlikField.Project, $"mangler i dokumentet; opgaven lægges i {_project.Id}");

        var title = Title(raw.Heading);
        var draft = new MasterTaskDraft(
            Project: _project.Id,
            MasterTaskId: MasterTaskId(title),
            Title: title,
            Phase: Named(KlikField.Phase, "en kendt fase", Suffixless(Line(KlikField.Phase), "Fase"), _project.Phases),
            Theme: Named(KlikField.Theme, "et kendt tema", Suffixless(Line(KlikField.Theme), "Tema"), _project.Themes),
            Priority: Priority(),
            Infrastructure: Infrastructure(),
            Waves: Waves(),
            Goal: FreeText(KlikField.Goal),
            Description: FreeText(KlikField.Description),
            Method: Method(),
            Result: FreeText(KlikField.Result),
            RecommendedPerformer: Role(KlikField.RecommendedPerformer, Line(KlikField.RecommendedPerformer)),
            InvolvedParties: Parties(),
            Links: _links,
            Warnings: _warnings);
        return new KlikImportResult.Parsed(draft);
    }

    private static string Json(KlikField field) => KlikLabels.Of(field).JsonName;

    private void Warn(KlikField field, string message) => _warnings.Add($"{Json(field)}: {message}");

    private void Missing(KlikField field) => Warn(field, "mangler i dokumentet");

    /// <summary>A field's text on one line (a value the PDF wrapped is one phrase), or null when absent or empty.</summary>
    private string? Line(KlikField field) =>
        _text.GetValueOrDefault(field) is { } text && Wording.Collapse(text) is { Length: > 0 } line ? line : null;

    /// <summary>The text as the vocabulary names it, or as read with a warning saying why.</summary>
    private string Word(KlikField field, string kind, string read, Vocabulary<string> vocabulary)
    {
        var reading = vocabulary.Read(read);
        switch (reading.Kind)
        {
            case ReadingKind.Known:
                return reading.Entry!;
            case ReadingKind.Repaired:
                Warn(field, $"OCR-rettet fra «{read}» til «{reading.Entry}»");
                return reading.Entry!;
            case ReadingKind.Ambiguous:
                Warn(field, $"«{read}» kan være {string.Join(" eller ", reading.Candidates.Select(c => $"«{c}»"))}; beholdt som læst");
                return read;
            default:
                Warn(field, $"«{read}» er ikke {kind} i projektet; beholdt som læst");
                return read;
        }
    }

    private string? Named(KlikField field, string kind, string? read, IReadOnlyList<VocabularyEntry> entries)
    {
        if (read is null) { Missing(field); return null; }
        return Word(field, kind, read, new Vocabulary<string>(entries.SelectMany(e => e.Wordings().Select(w => (w, e.Name)))));
    }

    private string? Role(KlikField field, string? read)
    {
        if (read is null) { Missing(field); return null; }
        return Word(field, "en kendt rolle", read, new Vocabulary<string>(_project.Roles.SelectMany(r => r.Wordings().Select(w => (w, r.DisplayName)))));
    }

    /// <summary>"Fase 2: Forberedelse ( Fase )" → "Fase 2: Forberedelse": the PDF prints the field's kind after its value.</summary>
    private static string? Suffixless(string? value, string kind) =>
        value is null ? null : Regex.Replace(value, $@"\s*\(\s*{kind}\s*\)\s*$", "", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant) is { Length: > 0 } v ? v : null;

    private string? Title(string? heading)
    {
        var read = Line(KlikField.Title);
        if (read is null && heading is not null)
        {
            Warn(KlikField.Title, "mangler i dokumentet; taget fra overskriften");
            read = Wording.Collapse(heading);
        }
        if (read is null) { Missing(KlikField.Title); return null; }
        var titles = new Vocabulary<string>(_earlier.Select(t => (t.Title, Wording.Collapse(t.Title))));
        var reading = titles.Read(read);
        if (reading.Kind == ReadingKind.Known) return reading.Entry;
        if (reading.Kind == ReadingKind.Repaired)
        {
            Warn(KlikField.Title, $"OCR-rettet fra «{read}» til «{reading.Entry}» (en tidligere opgaves titel)");
            return reading.Entry;
        }
        if (_ocr) Warn(KlikField.Title, "læst med OCR og ikke rettet; kontrollér teksten");
        return read;
    }

    private int? MasterTaskId(string? title)
    {
        var read = Line(KlikField.MasterTaskId);
        if (read is not null)
        {
            if (int.TryParse(read, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return id;
            Warn(KlikField.MasterTaskId, $"«{read}» er ikke et opgavenummer");
            return null;
        }
        // The OCR text loses the ID line (DOMAIN.md §8); the same title as exactly one earlier task names it.
        var same = title is null ? [] : _earlier.Where(t => Wording.SameText(t.Title, title)).Select(t => t.MasterTaskId).Distinct().ToList();
        if (same.Count == 1)
        {
            Warn(KlikField.MasterTaskId, "mangler i dokumentet; taget fra den tidligere opgave med samme titel");
            return same[0];
        }
        Missing(KlikField.MasterTaskId);
        return null;
    }

    private TaskPriority? Priority()
    {
        var read = Line(KlikField.Priority);
        if (read is null) { Missing(KlikField.Priority); return null; }
        var match = PriorityText().Match(read);
        if (!match.Success)
        {
            Warn(KlikField.Priority, $"«{read}» kan ikke læses som en prioritet");
            return null;
        }
        var level = int.Parse(match.Groups["level"].ValueSpan, CultureInfo.InvariantCulture);
        var label = match.Groups["label"].Value.Trim();
        var scale = _project.Priority(level);
        if (scale is null)
        {
            Warn(KlikField.Priority, $"niveau {level} findes ikke i projektets prioritetsskala; beholdt som læst");
            return label.Length > 0 ? new TaskPriority(level, label) : null;
        }
        if (label.Length == 0)
        {
            Warn(KlikField.Priority, $"betegnelsen mangler; taget fra projektets skala («{scale.Label}»)");
            return new TaskPriority(level, scale.Label);
        }
        var reading = new Vocabulary<string>([(scale.Label, scale.Label)]).Read(label);
        if (reading.Kind == ReadingKind.Known) return new TaskPriority(level, scale.Label);
        if (reading.Kind == ReadingKind.Repaired)
        {
            Warn(KlikField.Priority, $"OCR-rettet fra «{label}» til «{scale.Label}»");
            return new TaskPriority(level, scale.Label);
        }
        Warn(KlikField.Priority, $"niveau {level} hedder «{scale.Label}» i projektets skala{(scale.Assumed ? " (et gæt)" : "")}, dokumentet siger «{label}»; beholdt som læst");
        return new TaskPriority(level, label);
    }

    private bool? Infrastructure()
    {
        var read = Line(KlikField.Infrastructure);
        if (read is null) { Missing(KlikField.Infrastructure); return null; }
        var reading = new Vocabulary<string>([("Ja", "Ja"), ("Nej", "Nej")]).Read(read);
        if (reading.Kind == ReadingKind.Repaired) Warn(KlikField.Infrastructure, $"OCR-rettet fra «{read}» til «{reading.Entry}»");
        if (reading.Kind is ReadingKind.Known or ReadingKind.Repaired) return reading.Entry == "Ja";
        Warn(KlikField.Infrastructure, $"«{read}» er hverken Ja eller Nej");
        return null;
    }

    private List<string> Waves()
    {
        var items = Items(KlikField.Waves);
        if (items.Count == 0) { Missing(KlikField.Waves); return []; }
        var waves = new Vocabulary<string>(_project.Waves.SelectMany(e => e.Wordings().Select(w => (w, e.Name))));
        return [.. items.Select(w => Word(KlikField.Waves, "en kendt bølge", w, waves))];
    }

    private List<string> Parties()
    {
        var items = Items(KlikField.InvolvedParties);
        if (items.Count == 0) { Missing(KlikField.InvolvedParties); return []; }
        return [.. items.Select(p => Role(KlikField.InvolvedParties, p)!)];
    }

    /// <summary>A list written on one line, comma-separated ("Projektejer, ØiR-koordinator, biblioteksfolk").</summary>
    private List<string> Items(KlikField field) =>
        _text.GetValueOrDefault(field) is { } text
            ? [.. text.Split([',', ';', '\n']).Select(Wording.Collapse).Where(i => i.Length > 0)]
            : [];

    private string? FreeText(KlikField field)
    {
        var text = _text.GetValueOrDefault(field);
        if (text is null) { Missing(field); return null; }
        if (_ocr) Warn(field, "læst med OCR og ikke rettet; kontrollér teksten");
        return text;
    }

    private List<string> Method()
    {
        var text = _text.GetValueOrDefault(KlikField.Method);
        if (text is null) { Missing(KlikField.Method); return []; }
        var steps = text.Split('\n').Select(l => StepNumber().Replace(l, "").Trim()).Where(l => l.Length > 0).ToList();
        if (steps.Count == 0) { Missing(KlikField.Method); return []; }
        if (_ocr) Warn(KlikField.Method, "læst med OCR og ikke rettet; kontrollér teksten");
        // Every KLIK task ends "Markér opgaven som fuldført." (DOMAIN.md §8): known words, so a misread last step is certain.
        var last = new Vocabulary<string>([(KlikLabels.LastStep, KlikLabels.LastStep)]).Read(steps[^1]);
        if (last.Kind == ReadingKind.Repaired) Warn(KlikField.Method, $"sidste trin OCR-rettet fra «{steps[^1]}» til «{last.Entry}»");
        if (last.Kind is ReadingKind.Known or ReadingKind.Repaired) steps[^1] = last.Entry!;
        return steps;
    }

    [GeneratedRegex(@"^(?:\S+\s+)?(?<level>\d{1,2})(?:\s*[-–]\s*(?<label>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PriorityText();

    [GeneratedRegex(@"^(?:\d{1,3}\.|•)\s*")]
    private static partial Regex StepNumber();
}

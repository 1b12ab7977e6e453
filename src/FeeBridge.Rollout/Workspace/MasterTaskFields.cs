namespace FeeBridge.Rollout.Workspace;

/// <summary>A KLIK priority: "Prioritet 3 - anbefalet" is level 3, label "anbefalet" (DOMAIN.md §8: no public source gives the scale).</summary>
public sealed record MasterTaskPriority(int? Level, string Label);

/// <summary>
/// The fields of one version of a KOMBIT master task (CONTRACTS.md §6 master task JSON): the shape the workspace
/// copies, with the importer's <see cref="Warnings"/> kept beside the content. Deliberately a plain record, independent of the KLIK importer,
/// so the importer's output maps onto it field by field. Text fields are plain text (paragraphs separated by a blank
/// line); <see cref="MasterTaskId"/> is null when the document does not carry it; <see cref="Infrastructure"/> is null
/// when the document does not say. Lists compare by content (see <see cref="MasterTaskFieldsComparison"/>), not by
/// reference, which a record's own equality would do.
/// </summary>
public sealed record MasterTaskFields(
    string Project,
    string? MasterTaskId,
    int Version,
    string Title,
    string Phase,
    string Theme,
    MasterTaskPriority Priority,
    bool? Infrastructure,
    IReadOnlyList<string> Waves,
    string Goal,
    string Description,
    IReadOnlyList<string> Method,
    string Result,
    string RecommendedPerformer,
    IReadOnlyList<string> InvolvedParties,
    IReadOnlyList<string> Links)
{
    /// <summary>
    /// What the importer was unsure of when it read this version (OCR repairs, a missing field), CONTRACTS.md §6
    /// <c>warnings</c>. Kept with the version and so with every copy of it, but not content: two versions that differ
    /// only in their warnings are the same task (<see cref="MasterTaskFieldsComparison"/> leaves them out), and a
    /// version stored before warnings were kept has none.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>The master task fields by their CONTRACTS.md §6 names, and which of them differ between two versions.</summary>
public static class MasterTaskFieldsComparison
{
    /// <summary>
    /// The names of the content fields (everything but <c>project</c>, <c>masterTaskId</c> and <c>version</c>, which
    /// identify the version rather than describe the task), in the contract's order.
    /// </summary>
    public static IReadOnlyList<string> ContentFields { get; } =
        ["title", "phase", "theme", "priority", "infrastructure", "waves", "goal", "description", "method", "result",
         "recommendedPerformer", "involvedParties", "links"];

    /// <summary>The content fields whose values differ between <paramref name="before"/> and <paramref name="after"/>, in contract order.</summary>
    public static IReadOnlyList<string> ChangedFields(MasterTaskFields before, MasterTaskFields after) =>
        [.. ContentFields.Where(f => !Same(before, after, f))];

    /// <summary>True when the two carry the same content (identity fields aside).</summary>
    public static bool SameContent(MasterTaskFields a, MasterTaskFields b) => ChangedFields(a, b).Count == 0;

    private static bool Same(MasterTaskFields a, MasterTaskFields b, string field) => field switch
    {
        "priority" => a.Priority == b.Priority,
        "infrastructure" => a.Infrastructure == b.Infrastructure,
        "waves" => a.Waves.SequenceEqual(b.Waves, StringComparer.Ordinal),
        "method" => a.Method.SequenceEqual(b.Method, StringComparer.Ordinal),
        "involvedParties" => a.InvolvedParties.SequenceEqual(b.InvolvedParties, StringComparer.Ordinal),
        "links" => a.Links.SequenceEqual(b.Links, StringComparer.Ordinal),
        _ => string.Equals(Text(a, field), Text(b, field), StringComparison.Ordinal),
    };

    /// <summary>
    /// A content field as one text, for comparison and for the history's before/after: lists one item per line,
    /// the priority as "level - label", the infrastructure flag as Ja/Nej, as KLIK shows them.
    /// </summary>
    public static string? Text(MasterTaskFields task, string field) => field switch
    {
        "title" => task.Title,
        "phase" => task.Phase,
        "theme" => task.Theme,
        "priority" => task.Priority.Level is { } level ? $"{level} - {task.Priority.Label}" : task.Priority.Label,
        "infrastructure" => task.Infrastructure switch { true => "Ja", false => "Nej", null => null },
        "waves" => string.Join('\n', task.Waves),
        "goal" => task.Goal,
        "description" => task.Description,
        "method" => string.Join('\n', task.Method),
        "result" => task.Result,
        "recommendedPerformer" => task.RecommendedPerformer,
        "involvedParties" => string.Join('\n', task.InvolvedParties),
        "links" => string.Join('\n', task.Links),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a master task content field."),
    };
}

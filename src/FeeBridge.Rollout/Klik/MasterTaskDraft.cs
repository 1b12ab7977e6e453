namespace FeeBridge.Rollout.Klik;

/// <summary>
/// A master task as read from one KLIK document, with CONTRACTS.md §6's fields (the store adds <c>version</c>).
/// Text fields are plain text: paragraphs separated by a blank line, list items one per line. A field the document
/// does not carry is null (lists: empty) and named in <see cref="Warnings"/>, as is every OCR repair.
/// Two drafts are equal when every field and warning is.
/// </summary>
public sealed record MasterTaskDraft(
    string Project,
    int? MasterTaskId,
    string? Title,
    string? Phase,
    string? Theme,
    TaskPriority? Priority,
    bool? Infrastructure,
    IReadOnlyList<string> Waves,
    string? Goal,
    string? Description,
    IReadOnlyList<string> Method,
    string? Result,
    string? RecommendedPerformer,
    IReadOnlyList<string> InvolvedParties,
    IReadOnlyList<string> Links,
    IReadOnlyList<string> Warnings)
{
    public bool Equals(MasterTaskDraft? other) =>
        other is not null
        && MasterTaskCanonicalForm.Json(this) == MasterTaskCanonicalForm.Json(other)
        && Warnings.SequenceEqual(other.Warnings, StringComparer.Ordinal);

    public override int GetHashCode() => MasterTaskCanonicalForm.Json(this).GetHashCode(StringComparison.Ordinal);

    /// <summary>SHA-256 (hex) over every field but the warnings: the same task read twice has the same fingerprint.</summary>
    public string Fingerprint() => MasterTaskCanonicalForm.Fingerprint(this);

    /// <summary>The CONTRACTS.md §6 names of the fields (warnings aside) in which <paramref name="other"/> differs.</summary>
    public IReadOnlyList<string> ChangedFields(MasterTaskDraft other) => MasterTaskCanonicalForm.ChangedFields(this, other);
}

/// <summary>"Prioritet 3 - anbefalet": <see cref="Level"/> 3, <see cref="Label"/> "anbefalet".</summary>
public sealed record TaskPriority(int Level, string Label);

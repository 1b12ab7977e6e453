namespace FeeBridge.Rollout.Projects;

/// <summary>
/// A KOMBIT project that municipalities implement through KLIK, with the vocabulary its master tasks use
/// (DOMAIN.md §8: phases, themes, waves, priorities and roles are data, not enums). <see cref="Id"/> is the
/// <c>{project}</c> of CONTRACTS.md §6; <see cref="DocumentNames"/> are the ways a task document names the project.
/// </summary>
public sealed record RolloutProject(
    string Id,
    string Name,
    IReadOnlyList<string> DocumentNames,
    IReadOnlyList<VocabularyEntry> Phases,
    IReadOnlyList<VocabularyEntry> Themes,
    IReadOnlyList<VocabularyEntry> Waves,
    IReadOnlyList<PriorityLevel> Priorities,
    IReadOnlyList<ProjectRole> Roles)
{
    /// <summary>The label of a priority level, or null when the project's scale does not have that level.</summary>
    public PriorityLevel? Priority(int level) => Priorities.FirstOrDefault(p => p.Level == level);

    /// <summary>The role a document's wording names (display name or alias, case and spacing ignored), or null.</summary>
    public ProjectRole? FindRole(string wording) =>
        Roles.FirstOrDefault(r => r.Wordings().Any(w => Wording.SameText(w, wording)));
}

/// <summary>One phase, theme or wave: its <see cref="Name"/> as written, other spellings seen, and whether it is a guess.</summary>
public sealed record VocabularyEntry(string Name, IReadOnlyList<string>? Aliases = null, bool Assumed = false)
{
    /// <summary>The name and every alias.</summary>
    public IEnumerable<string> Wordings() => [Name, .. Aliases ?? []];
}

/// <summary>A step of the project's priority scale ("Prioritet 3 - anbefalet": level 3, label "anbefalet").</summary>
public sealed record PriorityLevel(int Level, string Label, bool Assumed = false);

/// <summary>A role of CONTRACTS.md §6 (<see cref="Id"/>) with its Danish name as the task documents write it.</summary>
public sealed record ProjectRole(string Id, string DisplayName, IReadOnlyList<string>? Aliases = null, bool Assumed = false)
{
    /// <summary>The display name and every alias.</summary>
    public IEnumerable<string> Wordings() => [DisplayName, .. Aliases ?? []];
}

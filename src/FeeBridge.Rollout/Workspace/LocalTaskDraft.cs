namespace FeeBridge.Rollout.Workspace;

/// <summary>What a municipality gives for a local task: a title, and what else it wants to sort and describe it by.</summary>
public sealed record LocalTaskDraft(
    string Project,
    string? Title,
    string Phase = "",
    string Theme = "",
    IReadOnlyList<string>? Waves = null,
    string Goal = "",
    string Description = "");

using FeeBridge.Rollout.Klik;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Server.Rollout;

/// <summary>A master task as CONTRACTS.md §6 writes it; text fields plain text.</summary>
public sealed record MasterTaskJson(
    string Project, int? MasterTaskId, int? Version, string? Title, string? Phase, string? Theme, PriorityJson? Priority,
    bool? Infrastructure, IReadOnlyList<string> Waves, string? Goal, string? Description, IReadOnlyList<string> Method,
    string? Result, string? RecommendedPerformer, IReadOnlyList<string> InvolvedParties, IReadOnlyList<string> Links,
    IReadOnlyList<string> Warnings)
{
    public static MasterTaskJson From(MasterTaskDraft d, int? version) => new(d.Project, d.MasterTaskId, version, d.Title, d.Phase, d.Theme,
        d.Priority is { } p ? new PriorityJson(p.Level, p.Label) : null, d.Infrastructure, d.Waves, d.Goal, d.Description, d.Method,
        d.Result, d.RecommendedPerformer, d.InvolvedParties, d.Links, d.Warnings);

    /// <summary>A stored version, with the warnings the importer had when it read it.</summary>
    public static MasterTaskJson From(MasterTaskFields f) => new(f.Project, IdOf(f.MasterTaskId), f.Version, f.Title, f.Phase, f.Theme, new PriorityJson(f.Priority.Level, f.Priority.Label), f.Infrastructure, f.Waves, f.Goal,
        f.Description, f.Method, f.Result, f.RecommendedPerformer, f.InvolvedParties, f.Links, f.Warnings);

    /// <summary>KLIK's <c>Master-opgave ID</c> as CONTRACTS.md §6 writes it: a number, or null when the document lost it.</summary>
    public static int? IdOf(string? stored) =>
        int.TryParse(stored, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
}

public sealed record PriorityJson(int? Level, string? Label);

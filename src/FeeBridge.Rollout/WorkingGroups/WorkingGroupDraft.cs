namespace FeeBridge.Rollout.WorkingGroups;

/// <summary>A working group as KOMBIT sends it (CONTRACTS.md §7 <c>POST /</c>), unchecked; <see cref="WorkingGroupValidation"/> turns it into a <see cref="WorkingGroup"/>.</summary>
public sealed record WorkingGroupDraft(
    string? Id,
    string? Title,
    string? Deadline,
    IReadOnlyList<TrackDraft>? Tracks,
    IReadOnlyList<QuotaDraft>? Quotas,
    bool? OnePersonOneTrack);

/// <summary>A track as sent: <c>{"id","title","seatsMin","seatsMax","roles":[]}</c>.</summary>
public sealed record TrackDraft(string? Id, string? Title, int? SeatsMin, int? SeatsMax, IReadOnlyList<string>? Roles);

/// <summary>A quota as sent: <c>{"track","feature","value","min","max"}</c>.</summary>
public sealed record QuotaDraft(string? Track, string? Feature, string? Value, int? Min, int? Max);

using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Rollout.WorkingGroups;

/// <summary>
/// A working group KOMBIT invites municipalities into (DOMAIN.md §8, CONTRACTS.md §7): its tracks, the quotas that
/// keep each track representative, the sign-up deadline (an instant; shown in Europe/Copenhagen) and whether one
/// person may hold seats in two tracks. Built only by <see cref="WorkingGroupValidation.Validate"/>.
/// </summary>
public sealed record WorkingGroup(
    string Id,
    string Title,
    DateTimeOffset Deadline,
    IReadOnlyList<WorkingGroupTrack> Tracks,
    IReadOnlyList<TrackQuota> Quotas,
    bool OnePersonOneTrack)
{
    /// <summary>The track with this id, or null.</summary>
    public WorkingGroupTrack? Track(string id) => Tracks.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));

    /// <summary>The quotas of one track, in the order given.</summary>
    public IReadOnlyList<TrackQuota> QuotasOf(string track) => [.. Quotas.Where(q => string.Equals(q.Track, track, StringComparison.Ordinal))];

    /// <summary>True once sign-up is closed: at or after <see cref="Deadline"/>.</summary>
    public bool IsClosedAt(DateTimeOffset now) => now >= Deadline;
}

/// <summary>A track: how many seats (at least <see cref="SeatsMin"/>, at most <see cref="SeatsMax"/>) and the roles that qualify.</summary>
public sealed record WorkingGroupTrack(string Id, string Title, int SeatsMin, int SeatsMax, IReadOnlyList<RoleId> Roles);

/// <summary>At least <see cref="Min"/> and at most <see cref="Max"/> seats of <see cref="Track"/> go to applicants whose <see cref="Feature"/> is <see cref="Value"/>.</summary>
public sealed record TrackQuota(string Track, SelectionFeature Feature, string Value, int Min, int Max);

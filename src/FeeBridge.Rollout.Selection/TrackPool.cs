using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.Rollout.Selection;

/// <summary>An applicant as the selection sees it: the opaque application id, the municipality and the three feature values.</summary>
public sealed record PoolMember(string ApplicationId, Kommunekode Municipality, IReadOnlyDictionary<SelectionFeature, string> Features);

/// <summary>
/// What one track's selection works on: its applicants in a fixed order (by application id, ordinal, so the same
/// applications always give the same model), its quotas and the panel size — the most seats the track has when more
/// applied, everyone when not (DOMAIN.md §8 via issue #17).
/// </summary>
public sealed class TrackPool
{
    /// <summary>A pool of <paramref name="members"/> (any order; kept sorted by id) for a panel of <paramref name="panelSize"/>.</summary>
    public TrackPool(string track, IEnumerable<PoolMember> members, IReadOnlyList<TrackQuota> quotas, int panelSize)
    {
        Track = track;
        Members = [.. members.OrderBy(m => m.ApplicationId, StringComparer.Ordinal)];
        Quotas = quotas;
        // One seat per municipality: a pool from fewer municipalities than seats fills only as many seats as it has municipalities.
        PanelSize = Math.Min(panelSize, Members.Select(m => m.Municipality).Distinct().Count());
    }

    /// <summary>The track's id.</summary>
    public string Track { get; }
    /// <summary>The applicants, sorted by application id; an applicant is known by its index here.</summary>
    public IReadOnlyList<PoolMember> Members { get; }
    /// <summary>The track's quotas.</summary>
    public IReadOnlyList<TrackQuota> Quotas { get; }
    /// <summary>How many every panel has.</summary>
    public int PanelSize { get; }

    /// <summary>True when <paramref name="member"/> counts towards <paramref name="quota"/>.</summary>
    public bool Counts(int member, TrackQuota quota) =>
        string.Equals(Members[member].Features.GetValueOrDefault(quota.Feature), quota.Value, StringComparison.Ordinal);

    /// <summary>True when everyone gets a seat (no more applicants than the panel holds, each from their own municipality).</summary>
    public bool EveryoneFits => PanelSize == Members.Count;

    /// <summary>True when <paramref name="panel"/> has the panel size, one member per municipality and meets every quota.</summary>
    public bool Admits(Panel panel) =>
        panel.Members.Count == PanelSize
        && panel.Members.Select(i => Members[i].Municipality).Distinct().Count() == panel.Members.Count
        && Quotas.All(q => panel.Members.Count(i => Counts(i, q)) is var c && c >= q.Min && c <= q.Max);

    /// <summary>The pool of one track of <paramref name="group"/>: its applications with their features from the register.</summary>
    public static TrackPool For(WorkingGroup group, WorkingGroupTrack track, IEnumerable<GroupApplication> applications, MunicipalityRegister register) =>
        new(track.Id,
            applications.Where(a => a.Track == track.Id).Select(a => new PoolMember(a.Id, a.Municipality, ApplicantFeatures.Of(a, register))),
            group.QuotasOf(track.Id),
            track.SeatsMax);
}

using FeeBridge.Rollout.Municipalities;

namespace FeeBridge.Rollout.WorkingGroups;

/// <summary>How many applied for a track, in total and per feature value: what KOMBIT sees before the selection (never names).</summary>
public sealed record TrackApplicationCounts(string Track, int Applications, IReadOnlyList<FeatureValueCount> ByFeature);

/// <summary>The number of a track's applicants with <see cref="Feature"/> = <see cref="Value"/> (every possible value listed, zeros too).</summary>
public sealed record FeatureValueCount(SelectionFeature Feature, string Value, int Count);

/// <summary>Counts applications per track and feature value.</summary>
public static class ApplicationCounts
{
    /// <summary>One entry per track of <paramref name="group"/>, in track order.</summary>
    public static IReadOnlyList<TrackApplicationCounts> Of(WorkingGroup group, IReadOnlyList<GroupApplication> applications, MunicipalityRegister register) =>
    [
        .. group.Tracks.Select(t =>
        {
            var mine = applications.Where(a => a.Track == t.Id).ToList();
            return new TrackApplicationCounts(t.Id, mine.Count,
            [
                .. SelectionFeatures.All.SelectMany(f => SelectionFeatures.Values(f, register).Select(v =>
                    new FeatureValueCount(f, v, mine.Count(a => ApplicantFeatures.ValueOf(a, f, register) == v)))),
            ]);
        }),
    ];
}

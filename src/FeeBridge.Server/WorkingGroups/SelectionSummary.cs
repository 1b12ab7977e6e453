using FeeBridge.Rollout.Selection;

namespace FeeBridge.Server.WorkingGroups;

/// <summary>
/// The figures of a prepared selection that the published list does not hold, kept beside it (JSON): per track the
/// method, the column generation's counts, LEXIMIN's own chances before rounding, LEGACY on the same pool and the
/// quota changes the applicants forced, in Danish.
/// </summary>
public sealed record SelectionSummary(IReadOnlyList<TrackSummary> Tracks)
{
    public static SelectionSummary Of(SelectionPlan plan) => new(
    [
        .. plan.Tracks.Select(t =>
        {
            var lottery = plan.Lottery.Track(t.Track.Id)!;
            return new TrackSummary(
                t.Track.Id, t.Applicants, t.Seats, t.Distribution.Method.ToString().ToLowerInvariant(), t.Distribution.PanelsGenerated,
                t.Distribution.OracleCalls, t.Distribution.Stages,
                lottery.Members.Select((m, i) => (m.ApplicationId, i)).ToDictionary(x => x.ApplicationId, x => Math.Round(t.Distribution.Marginals[x.i], 6), StringComparer.Ordinal),
                new LegacySummary(t.Legacy.Draws, t.Legacy.Failures, Math.Round(t.Legacy.MinFrequency, 6), Math.Round(t.Legacy.Frequencies.DefaultIfEmpty(0).Max(), 6)),
                [.. t.QuotaChanges.Select(c => c.Danish)],
                Math.Round(t.LargestRoundingShift, 6));
        }),
    ]);

    public TrackSummary? Track(string id) => Tracks.FirstOrDefault(t => t.Track == id);
}

/// <summary>One track's figures.</summary>
public sealed record TrackSummary(
    string Track,
    int Applicants,
    int Seats,
    string Method,
    int PanelsGenerated,
    int OracleCalls,
    int Stages,
    IReadOnlyDictionary<string, double> LeximinProbabilities,
    LegacySummary Legacy,
    IReadOnlyList<string> QuotaChanges,
    double LargestRoundingShift);

/// <summary>LEGACY's greedy draws on the same pool: how many, how many failed the quotas, the smallest and largest share.</summary>
public sealed record LegacySummary(int Draws, int Failures, double MinProbability, double MaxProbability);

/// <summary>The draw as kept: per track the index and the selected application ids.</summary>
public sealed record StoredDraw(IReadOnlyList<TrackDraw> Tracks);

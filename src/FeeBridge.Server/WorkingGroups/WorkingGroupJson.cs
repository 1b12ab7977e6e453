using System.Globalization;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Selection;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.Server.WorkingGroups;

/// <summary>CONTRACTS.md §7's shapes, field names exactly; what is added is marked in the docs of each.</summary>
public static class WorkingGroupJson
{
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    public sealed record TrackJson(string Id, string Title, int SeatsMin, int SeatsMax, IReadOnlyList<string> Roles);
    public sealed record QuotaJson(string Track, string Feature, string Value, int Min, int Max);

    /// <summary>Counts of one track's applications, in total and per feature value (never names).</summary>
    public sealed record CountsJson(string Track, int Total, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByFeature);

    /// <summary>
    /// <c>GET /{id}</c>: the group as created, plus <c>deadlineText</c> (Danish), <c>open</c>, the counts per track and
    /// feature (<c>applications</c>), and once prepared the <c>lotteryHash</c> and whether it was drawn.
    /// </summary>
    public sealed record GroupJson(string Id, string Title, string Deadline, string DeadlineText, bool Open, IReadOnlyList<TrackJson> Tracks,
        IReadOnlyList<QuotaJson> Quotas, bool OnePersonOneTrack, IReadOnlyList<CountsJson> Applications, string? LotteryHash, bool Drawn);

    public static string Instant(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Copenhagen).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static GroupJson Group(WorkingGroup g, IReadOnlyList<GroupApplication> applications, GroupSelection? selection, DateTimeOffset now) => new(
        g.Id, g.Title, Instant(g.Deadline), DanishDeadline.Text(g.Deadline), !g.IsClosedAt(now),
        [.. g.Tracks.Select(t => new TrackJson(t.Id, t.Title, t.SeatsMin, t.SeatsMax, [.. t.Roles.Select(r => Roles.Of(r).Id)]))],
        [.. g.Quotas.Select(q => new QuotaJson(q.Track, SelectionFeatures.WireName(q.Feature), q.Value, q.Min, q.Max))],
        g.OnePersonOneTrack,
        [.. ApplicationCounts.Of(g, applications, MunicipalityRegister.Denmark).Select(c => new CountsJson(c.Track, c.Applications,
            c.ByFeature.GroupBy(f => SelectionFeatures.WireName(f.Feature)).ToDictionary(x => x.Key,
                x => (IReadOnlyDictionary<string, int>)x.ToDictionary(v => v.Value, v => v.Count, StringComparer.Ordinal), StringComparer.Ordinal)))],
        selection?.Lottery.Hash, selection?.Draw is not null);

    /// <summary>
    /// One track of <c>POST /{id}/selection</c>: the contract's fields, plus the drawn panel's index, how the chances
    /// were found, LEGACY on the same pool and any quota change the applicants forced.
    /// </summary>
    public sealed record TrackResultJson(string Track, int Seats, IReadOnlyList<string> Selected, IReadOnlyDictionary<string, double> Probabilities,
        double MinProbability, double MaxProbability, int? DrawnPanel, int Applicants, string Method, int PanelsGenerated,
        LegacySummary Legacy, IReadOnlyList<string> QuotaChanges, double LargestRoundingShift);

    /// <summary>
    /// <c>POST /{id}/selection</c>: <c>{"tracks","panels":1000,"lotteryHash","drawnPanel"}</c>. The draw is per track
    /// (SHA-256(randomValue ‖ track) mod 1000), so <c>drawnPanel</c> maps track to index; <c>randomValue</c> is added.
    /// Before the draw <c>selected</c> is empty and <c>drawnPanel</c> null.
    /// </summary>
    public sealed record SelectionJson(IReadOnlyList<TrackResultJson> Tracks, int Panels, string LotteryHash, IReadOnlyDictionary<string, int>? DrawnPanel, string? RandomValue);

    public static SelectionJson Selection(GroupSelection s) => new(
        [.. s.Lottery.Tracks.Select(t =>
        {
            var summary = s.Summary.Track(t.Track)!;
            var draw = s.DrawOf(t.Track);
            var chances = t.Chances;
            return new TrackResultJson(t.Track, t.Seats, draw?.Selected ?? [], chances,
                chances.Count == 0 ? 0 : chances.Values.Min(), chances.Count == 0 ? 0 : chances.Values.Max(), draw?.Index,
                summary.Applicants, summary.Method, summary.PanelsGenerated, summary.Legacy, summary.QuotaChanges, summary.LargestRoundingShift);
        })],
        Lottery.Size, s.Lottery.Hash,
        s.Draw?.Tracks.ToDictionary(d => d.Track, d => d.Index, StringComparer.Ordinal), s.Stored.RandomValue);

    /// <summary><c>GET /{id}/applications/{applicationId}</c>: the applicant's own chance and outcome, with the reason in Danish.</summary>
    public sealed record ApplicantJson(string ApplicationId, string Group, string Track, string Municipality, string MunicipalityName, string Name,
        string Email, string Role, string LibraryType, string SubmittedAt, string Outcome, double? Probability, string Reason);

    public static ApplicantJson Applicant(WorkingGroup g, GroupApplication a, GroupSelection? s)
    {
        var lottery = s?.Lottery.Track(a.Track);
        var draw = s?.DrawOf(a.Track);
        var outcome = SelectionReasons.OutcomeOf(a.Id, lottery, draw);
        return new ApplicantJson(a.Id, g.Id, a.Track, a.Municipality.Value, MunicipalityRegister.Denmark.Find(a.Municipality)?.Name ?? a.Municipality.Value,
            a.Name, a.Email.Value, Roles.Of(a.Role).Id, SelectionFeatures.WireName(a.LibraryType), Instant(a.SubmittedAt),
            outcome switch
            {
                ApplicantOutcome.Pending => "pending",
                ApplicantOutcome.ChanceKnown => "chance-known",
                ApplicantOutcome.Selected => "selected",
                _ => "not-selected",
            },
            lottery?.Chances.GetValueOrDefault(a.Id), SelectionReasons.For(g, a, lottery, draw));
    }
}

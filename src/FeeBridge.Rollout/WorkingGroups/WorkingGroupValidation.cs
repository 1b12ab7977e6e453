using System.Globalization;
using System.Text.RegularExpressions;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Reminders;

namespace FeeBridge.Rollout.WorkingGroups;

/// <summary>
/// Checks a <see cref="WorkingGroupDraft"/> field by field and refuses with every reason found (Danish, one per
/// field). Whether the quotas can be met at all is a question for the selection's solver
/// (<c>FeeBridge.Rollout.Selection.QuotaFeasibility</c>), asked after this.
/// </summary>
public static partial class WorkingGroupValidation
{
    /// <summary>The most seats a track can have: one municipality per seat.</summary>
    public const int MaxSeats = 98;

    // A time without an offset would be read in the server's zone; only explicit offsets (or Z) are taken.
    private static readonly string[] OffsetFormats = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"];
    private static readonly string[] UtcFormats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex Slug();

    /// <summary>The group, or why not.</summary>
    public static Outcome<WorkingGroup> Validate(WorkingGroupDraft draft, MunicipalityRegister register)
    {
        var refusals = new List<Refusal>();
        var id = draft.Id?.Trim() ?? "";
        if (!Slug().IsMatch(id)) refusals.Add(new("id", "Id skal være små bogstaver, tal og bindestreger (højst 64 tegn), fx fbs2-implementeringsarbejdsgruppe."));
        var title = draft.Title?.Trim() ?? "";
        if (title.Length is 0 or > 200) refusals.Add(new("title", "Titlen mangler (højst 200 tegn)."));
        var deadline = ParseDeadline(draft.Deadline);
        if (deadline is null) refusals.Add(new("deadline", "Fristen skal være en dato (ÅÅÅÅ-MM-DD, til og med den dag i dansk tid) eller et tidspunkt med tidszone."));

        var tracks = new List<WorkingGroupTrack>();
        var draftTracks = draft.Tracks ?? [];
        if (draftTracks.Count == 0) refusals.Add(new("tracks", "Gruppen skal have mindst ét spor."));
        for (var i = 0; i < draftTracks.Count; i++)
        {
            var t = draftTracks[i];
            var at = $"tracks[{i}]";
            var before = refusals.Count;
            var trackId = t.Id?.Trim() ?? "";
            if (!Slug().IsMatch(trackId)) refusals.Add(new($"{at}.id", "Sporets id skal være små bogstaver, tal og bindestreger, fx implementering."));
            else if (tracks.Any(x => x.Id == trackId) || draftTracks.Take(i).Any(x => string.Equals(x.Id?.Trim(), trackId, StringComparison.Ordinal)))
                refusals.Add(new($"{at}.id", $"Sporet '{trackId}' findes to gange."));
            var trackTitle = t.Title?.Trim() ?? "";
            if (trackTitle.Length is 0 or > 200) refusals.Add(new($"{at}.title", "Sporets titel mangler (højst 200 tegn)."));
            if (t.SeatsMin is not (>= 1 and <= MaxSeats)) refusals.Add(new($"{at}.seatsMin", $"Mindst antal pladser skal være mellem 1 og {MaxSeats}."));
            if (t.SeatsMax is not (>= 1 and <= MaxSeats)) refusals.Add(new($"{at}.seatsMax", $"Højeste antal pladser skal være mellem 1 og {MaxSeats}."));
            else if (t.SeatsMin is { } min && t.SeatsMax < min) refusals.Add(new($"{at}.seatsMax", "Højeste antal pladser kan ikke være under mindste antal."));
            var roles = new List<RoleId>();
            var draftRoles = t.Roles ?? [];
            if (draftRoles.Count == 0) refusals.Add(new($"{at}.roles", "Sporet skal nævne mindst én rolle, der giver adgang."));
            foreach (var r in draftRoles)
            {
                if (Roles.Find(r) is { } role) { if (!roles.Contains(role.Role)) roles.Add(role.Role); }
                else refusals.Add(new($"{at}.roles", $"'{r}' er ikke en rolle i rollegalleriet (fx projektleder, superbruger, systemadministrator)."));
            }
            if (refusals.Count == before) tracks.Add(new WorkingGroupTrack(trackId, trackTitle, t.SeatsMin!.Value, t.SeatsMax!.Value, roles));
        }

        var quotas = new List<TrackQuota>();
        var draftQuotas = draft.Quotas ?? [];
        for (var i = 0; i < draftQuotas.Count; i++)
        {
            var q = draftQuotas[i];
            var at = $"quotas[{i}]";
            var before = refusals.Count;
            var track = draftTracks.FirstOrDefault(t => string.Equals(t.Id?.Trim(), q.Track, StringComparison.Ordinal));
            if (track is null) refusals.Add(new($"{at}.track", $"Kvoten nævner sporet '{q.Track}', som gruppen ikke har."));
            var feature = SelectionFeatures.Find(q.Feature);
            if (feature is null) refusals.Add(new($"{at}.feature", "Kvoten skal gælde region, size eller libraryType."));
            else if (!SelectionFeatures.Values(feature.Value, register).Contains(q.Value ?? "", StringComparer.Ordinal))
                refusals.Add(new($"{at}.value", $"'{q.Value}' er ikke en værdi af {q.Feature}; mulige: {string.Join(", ", SelectionFeatures.Values(feature.Value, register))}."));
            if (q.Min is not >= 0) refusals.Add(new($"{at}.min", "Mindstetallet skal være 0 eller mere."));
            if (q.Max is not >= 0) refusals.Add(new($"{at}.max", "Højeste tal skal være 0 eller mere."));
            else if (q.Min is { } qmin && q.Max < qmin) refusals.Add(new($"{at}.max", "Højeste tal kan ikke være under mindstetallet."));
            if (refusals.Count != before) continue;
            if (quotas.Any(x => x.Track == q.Track && x.Feature == feature && x.Value == q.Value))
            {
                refusals.Add(new(at, $"Sporet '{q.Track}' har allerede en kvote for {q.Feature} = {q.Value}."));
                continue;
            }
            quotas.Add(new TrackQuota(q.Track!, feature!.Value, q.Value!, q.Min!.Value, q.Max!.Value));
        }

        return refusals.Count > 0
            ? Outcome<WorkingGroup>.Refuse(refusals)
            : Outcome<WorkingGroup>.Accept(new WorkingGroup(id, title, deadline!.Value, tracks, quotas, draft.OnePersonOneTrack ?? true));
    }

    /// <summary>
    /// A date (<c>2025-03-03</c>) means sign-up is open through that day in Europe/Copenhagen, so it closes at the next
    /// midnight there; a date and time must carry its offset (<c>2025-03-03T12:00:00+01:00</c>).
    /// </summary>
    public static DateTimeOffset? ParseDeadline(string? text)
    {
        var t = text?.Trim() ?? "";
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return CopenhagenTime.At(date.AddDays(1), TimeOnly.MinValue);
        if (DateTimeOffset.TryParseExact(t, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)) return instant;
        return DateTimeOffset.TryParseExact(t, UtcFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant) ? instant : null;
    }
}

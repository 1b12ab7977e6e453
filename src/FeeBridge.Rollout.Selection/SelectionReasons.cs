using System.Globalization;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.Rollout.Selection;

/// <summary>Where an applicant stands: not yet computed, chance known, or drawn (in or out).</summary>
public enum ApplicantOutcome
{
    /// <summary>Sign-up still open, or the lottery not prepared yet.</summary>
    Pending,
    /// <summary>The lottery is published; the draw has not been made.</summary>
    ChanceKnown,
    /// <summary>Drawn: has a seat.</summary>
    Selected,
    /// <summary>Drawn: no seat this time.</summary>
    NotSelected,
}

/// <summary>
/// The applicant's chance and outcome in plain Danish (issue #17: "each applicant sees their probability, the outcome
/// and the reason"). Everything it says can be read off the published list: the chance is the share of the 1,000
/// panels that hold the applicant; the reason names the quota that weighed most on them.
/// </summary>
public static class SelectionReasons
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>A chance as Danish percent: "43,2 %".</summary>
    public static string Percent(double p) => (p * 100).ToString("0.#", Danish) + " %";

    /// <summary>The outcome for <paramref name="applicationId"/> given the track's lottery and, after the draw, the drawn panel.</summary>
    public static ApplicantOutcome OutcomeOf(string applicationId, TrackLottery? lottery, TrackDraw? draw) =>
        lottery is null ? ApplicantOutcome.Pending
        : draw is null ? ApplicantOutcome.ChanceKnown
        : draw.Selected.Contains(applicationId, StringComparer.Ordinal) ? ApplicantOutcome.Selected : ApplicantOutcome.NotSelected;

    /// <summary>The reason, in Danish.</summary>
    public static string For(WorkingGroup group, GroupApplication application, TrackLottery? lottery, TrackDraw? draw)
    {
        var track = group.Track(application.Track);
        var title = track?.Title ?? application.Track;
        if (lottery is null)
            return $"Udvælgelsen til sporet {title} er ikke foretaget endnu. Tilmeldingen er åben {DanishDeadline.Text(group.Deadline)}; derefter udregnes alle ansøgeres chance, og listen over lodtrækningens 1.000 mulige sammensætninger offentliggøres, før der trækkes lod.";
        var chance = lottery.Chances.GetValueOrDefault(application.Id);
        var n = lottery.Members.Count;
        var outcome = OutcomeOf(application.Id, lottery, draw);
        var drawn = draw is null ? "" : $" Lodtrækningen valgte sammensætning nr. {draw.Index} af 1.000 (SHA-256 af det offentlige tilfældige tal og sporets navn, modulo 1.000).";
        if (n <= lottery.Seats)
            return $"Der var {n} ansøgere til {lottery.Seats} pladser i sporet {title}, så alle får plads.";
        var lead = outcome switch
        {
            ApplicantOutcome.Selected => $"Du er udtrukket til sporet {title}. Din chance var {Percent(chance)}.",
            ApplicantOutcome.NotSelected => $"Du blev ikke udtrukket til sporet {title} denne gang. Din chance var {Percent(chance)}.",
            _ => $"Din chance for en plads i sporet {title} er {Percent(chance)}.",
        };
        var average = lottery.Seats / (double)n;
        var why = chance <= 0
            ? " Ingen sammensætning, der overholder kvoterne og reglen om én deltager pr. kommune, kan give dig plads."
            : Explanation(lottery, application.Id, chance, average);
        return $"{lead} Der var {n} ansøgere til {lottery.Seats} pladser, i gennemsnit en chance på {Percent(average)}.{why} Chancerne er fordelt efter LEXIMIN-metoden: den laveste chance er gjort så høj som muligt, derefter den næstlaveste, og så videre.{drawn}";
    }

    // The quota on the applicant's own features that is scarcest (fewest seats per applicant) or, when their chance is
    // above average, the minimum that protects a small group.
    private static string Explanation(TrackLottery lottery, string applicationId, double chance, double average)
    {
        var member = lottery.Members.First(m => m.ApplicationId == applicationId);
        var mine = lottery.Quotas.Where(q => ValueOf(member, q.Feature) == q.Value)
            .Select(q => (Quota: q, Applicants: lottery.Members.Count(m => ValueOf(m, q.Feature) == q.Value)))
            .Where(x => x.Applicants > 0).ToList();
        if (mine.Count == 0) return "";
        if (chance < average - 0.005)
        {
            var (q, count) = mine.MinBy(x => x.Quota.Max / (double)x.Applicants);
            return $" Din chance er under gennemsnittet, fordi {count} ansøgere deler din {SelectionFeatures.Danish(q.Feature)} ({SelectionFeatures.DanishValue(q.Feature, q.Value)}), og kvoten giver dem højst {q.Max} pladser.";
        }
        if (chance > average + 0.005)
        {
            var (q, count) = mine.MaxBy(x => x.Quota.Min / (double)x.Applicants);
            if (q.Min > 0)
                return $" Din chance er over gennemsnittet, fordi kvoten sikrer {SelectionFeatures.DanishValue(q.Feature, q.Value)} mindst {q.Min} pladser, og kun {count} søgte.";
        }
        return "";
    }

    private static string ValueOf(LotteryMember m, SelectionFeature f) => f switch
    {
        SelectionFeature.Region => m.Region,
        SelectionFeature.Size => m.Size,
        _ => m.LibraryType,
    };
}

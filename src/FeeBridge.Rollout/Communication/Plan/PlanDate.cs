namespace FeeBridge.Rollout.Communication.Plan;

/// <summary>
/// When a plan row happens: a fixed day, or a number of days before (negative) or after a milestone of the
/// municipality's configuration — "14 dage før første biblioteks overgangsdato" — resolved each time the plan is
/// read, so a moved cut-over date moves the row with it. Exactly one of <see cref="Fixed"/> and <see cref="Milestone"/>.
/// </summary>
public sealed record PlanDate
{
    private PlanDate(DateOnly? @fixed, PlanMilestone? milestone, int offsetDays)
    {
        Fixed = @fixed;
        Milestone = milestone;
        OffsetDays = offsetDays;
    }

    public DateOnly? Fixed { get; }
    public PlanMilestone? Milestone { get; }
    /// <summary>Days after the milestone; negative for before it.</summary>
    public int OffsetDays { get; }

    public static PlanDate On(DateOnly day) => new(day, null, 0);
    public static PlanDate Relative(PlanMilestone milestone, int offsetDays) => new(null, milestone, offsetDays);

    /// <summary>The day in Europe/Copenhagen terms, or null when the milestone is not known yet (no library configured).</summary>
    public DateOnly? Resolve(MunicipalityFacts facts)
    {
        if (Fixed is { } day) return day;
        if (facts.Libraries.Count == 0) return null;
        var milestone = Milestone == PlanMilestone.FirstCutOver
            ? facts.Libraries.Min(l => l.CutOverDate)
            : facts.Libraries.Max(l => l.CutOverDate);
        return milestone.AddDays(OffsetDays);
    }

    public static string DanishDate(DateOnly d) => DanishText.Date(d);

    /// <summary>The rule in words, e.g. "14 dage før første biblioteks overgangsdato"; a fixed day as the day.</summary>
    public string Rule()
    {
        if (Fixed is { } day) return DanishDate(day);
        var name = PlanTerms.Of(PlanTerms.Milestones, Milestone!.Value).Title;
        var days = Math.Abs(OffsetDays);
        var unit = days == 1 ? "dag" : "dage";
        return OffsetDays switch
        {
            0 => $"på {name}",
            < 0 => $"{days} {unit} før {name}",
            _ => $"{days} {unit} efter {name}",
        };
    }

    /// <summary>The rule and the day it falls on, e.g. "14 dage før … (15. februar 2027)".</summary>
    public string Text(MunicipalityFacts facts) => Fixed is not null
        ? Rule()
        : Resolve(facts) is { } d ? $"{Rule()} ({DanishDate(d)})" : $"{Rule()} (ingen overgangsdato endnu)";
}

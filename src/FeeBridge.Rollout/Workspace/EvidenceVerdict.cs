namespace FeeBridge.Rollout.Workspace;

/// <summary>
/// What the checks say about one task: its required checks, the latest result of each that has run, and which are
/// not confirmed — failing, or not run yet. A task is <see cref="Confirmed"/> when every required check's latest
/// result passed; with no required checks it is confirmed trivially.
/// </summary>
public sealed record EvidenceVerdict(IReadOnlyList<EvidenceCheckId> Required, IReadOnlyList<EvidenceCheckResult> Latest)
{
    /// <summary>No checks apply.</summary>
    public static EvidenceVerdict NoChecks { get; } = new([], []);

    /// <summary>Required checks whose latest result failed.</summary>
    public IReadOnlyList<EvidenceCheckId> Failing => [.. Latest.Where(r => !r.Passed).Select(r => r.CheckId)];

    /// <summary>Required checks that have not run.</summary>
    public IReadOnlyList<EvidenceCheckId> NotRun => [.. Required.Where(c => Latest.All(r => r.CheckId != c))];

    /// <summary>
    /// Failing or not run. A check that has not run counts as unconfirmed too: "done" is meant to be something
    /// FeeBridge could see, and a task whose checks never ran has shown nothing yet.
    /// </summary>
    public IReadOnlyList<EvidenceCheckId> Unconfirmed => [.. Required.Where(c => Latest.All(r => r.CheckId != c || !r.Passed))];

    /// <summary>True when every required check's latest result passed.</summary>
    public bool Confirmed => Unconfirmed.Count == 0;

    /// <summary>The verdict for <paramref name="task"/> from the municipality's check results (any order, any checks).</summary>
    public static EvidenceVerdict For(MunicipalTask task, EvidenceRules rules, IEnumerable<EvidenceCheckResult> results) =>
        Of(rules.ChecksFor(task), results);

    /// <summary>The verdict on <paramref name="required"/> checks: the latest result of each by <c>checkedAt</c>.</summary>
    public static EvidenceVerdict Of(IReadOnlyList<EvidenceCheckId> required, IEnumerable<EvidenceCheckResult> results)
    {
        var latest = results.Where(r => required.Contains(r.CheckId))
            .GroupBy(r => r.CheckId)
            .Select(g => g.MaxBy(r => r.CheckedAt)!)
            .OrderBy(r => r.CheckId)
            .ToList();
        return new EvidenceVerdict(required, latest);
    }
}

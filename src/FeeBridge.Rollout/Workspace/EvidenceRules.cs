namespace FeeBridge.Rollout.Workspace;

/// <summary>
/// Which checks confirm a master task: the task with <see cref="MasterTaskId"/>, or whose title contains
/// <see cref="TitleKeyword"/> (ignoring case), optionally only in <see cref="Project"/>. At least one of id and
/// keyword is set (see <see cref="ById"/>, <see cref="ByTitle"/>).
/// </summary>
public sealed record EvidenceRule
{
    private EvidenceRule(IReadOnlyList<EvidenceCheckId> checks, string? masterTaskId, string? titleKeyword, string? project)
    {
        Checks = checks;
        MasterTaskId = masterTaskId;
        TitleKeyword = titleKeyword;
        Project = project;
    }

    /// <summary>The checks that must pass.</summary>
    public IReadOnlyList<EvidenceCheckId> Checks { get; }
    /// <summary>The master task id the rule is for, or null.</summary>
    public string? MasterTaskId { get; }
    /// <summary>A word of the title the rule is for, or null.</summary>
    public string? TitleKeyword { get; }
    /// <summary>The project the rule is limited to, or null for any.</summary>
    public string? Project { get; }

    /// <summary>A rule for the master task with this id.</summary>
    public static EvidenceRule ById(string masterTaskId, IReadOnlyList<EvidenceCheckId> checks, string? project = null) =>
        new(checks, string.IsNullOrWhiteSpace(masterTaskId) ? throw new ArgumentException("An id is required.", nameof(masterTaskId)) : masterTaskId, null, project);

    /// <summary>A rule for master tasks whose title contains <paramref name="keyword"/>.</summary>
    public static EvidenceRule ByTitle(string keyword, IReadOnlyList<EvidenceCheckId> checks, string? project = null) =>
        new(checks, null, string.IsNullOrWhiteSpace(keyword) ? throw new ArgumentException("A keyword is required.", nameof(keyword)) : keyword, project);

    /// <summary>True when the rule is for this task. Local tasks have no checks: they are the municipality's own wording.</summary>
    public bool AppliesTo(MunicipalTask task) =>
        task.Origin == TaskOrigin.MasterCopy
        && (Project is null || string.Equals(Project, task.Fields.Project, StringComparison.Ordinal))
        && (MasterTaskId is null || string.Equals(MasterTaskId, task.Fields.MasterTaskId, StringComparison.Ordinal))
        && (TitleKeyword is null || task.Fields.Title.Contains(TitleKeyword, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The mapping from master tasks to the checks that confirm them. It is data: KOMBIT's real task list for the
/// integration's set-up is not in the public sources (only tasks 23, 26 and the external-communication task are), so
/// <see cref="Default"/> keys on title words a set-up task would carry; a deployment passes its own rules once the
/// tasks are imported, by id.
/// </summary>
public sealed class EvidenceRules(IReadOnlyList<EvidenceRule> rules)
{
    /// <summary>The rules.</summary>
    public IReadOnlyList<EvidenceRule> Rules { get; } = rules;

    /// <summary>No task has checks.</summary>
    public static EvidenceRules None { get; } = new([]);

    /// <summary>Title-word rules for the set-up, cut-over and test tasks a rollout of the integration has.</summary>
    public static EvidenceRules Default { get; } = new(
    [
        EvidenceRule.ByTitle("debitorsystem", [EvidenceCheckId.DebtorEndpoint]),
        EvidenceRule.ByTitle("Serviceplatformen", [EvidenceCheckId.DebtorEndpoint]),
        EvidenceRule.ByTitle("overgangsdato", [EvidenceCheckId.CutOverDates]),
        EvidenceRule.ByTitle("API-nøgle", [EvidenceCheckId.LibraryApiKeyUsed]),
        EvidenceRule.ByTitle("test", [EvidenceCheckId.FirstClaimRegistered, EvidenceCheckId.FirstPaymentConfirmed]),
        EvidenceRule.ByTitle("idriftsæt",
            [EvidenceCheckId.DebtorEndpoint, EvidenceCheckId.CutOverDates, EvidenceCheckId.LibraryApiKeyUsed,
             EvidenceCheckId.FirstClaimRegistered, EvidenceCheckId.FirstPaymentConfirmed, EvidenceCheckId.LoopTimeMeasured]),
        // Tasks 26 and its external twin (sources/000, 001): confirmed by what the communication plan sent. The
        // external one's document lost its id to OCR, and OCR spells "kommunikér" two ways, so by its last word.
        EvidenceRule.ById("26", [EvidenceCheckId.InternalCommunicationSent]),
        EvidenceRule.ByTitle("kommunikér internt", [EvidenceCheckId.InternalCommunicationSent]),
        EvidenceRule.ByTitle("eksternt", [EvidenceCheckId.ExternalCommunicationSent]),
    ]);

    /// <summary>The checks that confirm <paramref name="task"/>: those of every rule that applies, once each, in registry order.</summary>
    public IReadOnlyList<EvidenceCheckId> ChecksFor(MunicipalTask task) =>
        [.. Rules.Where(r => r.AppliesTo(task)).SelectMany(r => r.Checks).Distinct().Order()];
}

using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Rollout.Workspace;

/// <summary>
/// One task in a municipality's workspace (DOMAIN.md §8, CONTRACTS.md §6 <c>GET …/tasks</c>): its own copy of a
/// version of a KOMBIT master task, or a local task, with what the municipality adds — status, the accountable and
/// the performer (people of its role gallery), a deadline (a date in Europe/Copenhagen), notes and attachments.
/// Immutable: the commands of <see cref="TaskCommands"/> return a new task and the history entries of the change.
/// <see cref="Revision"/> rises by one with every accepted change (the calendar's SEQUENCE).
/// </summary>
public sealed record MunicipalTask
{
    /// <summary>The workspace's id of this task (the caller makes it).</summary>
    public required string TaskId { get; init; }

    /// <summary>The municipality whose task this is.</summary>
    public required Kommunekode Municipality { get; init; }

    /// <summary>A copy of a master task, or local.</summary>
    public required TaskOrigin Origin { get; init; }

    /// <summary>The master task fields (a local task fills what it has; its <c>masterTaskId</c> is null).</summary>
    public required MasterTaskFields Fields { get; init; }

    /// <summary>Where the work stands.</summary>
    public MunicipalTaskStatus Status { get; init; } = MunicipalTaskStatus.NotStarted;

    /// <summary>Why the task is not relevant; set exactly when <see cref="Status"/> is <c>not-relevant</c>.</summary>
    public string? NotRelevantReason { get; init; }

    /// <summary>Set when the task was marked done although its checks did not confirm it; only while done.</summary>
    public EvidenceOverride? EvidenceOverride { get; init; }

    /// <summary>The person accountable (<i>ansvarlig</i>), from the role gallery.</summary>
    public EmailAddress? Accountable { get; init; }

    /// <summary>The person doing the work (<i>udfører</i>), from the role gallery.</summary>
    public EmailAddress? Performer { get; init; }

    /// <summary>The last day (Europe/Copenhagen) the task should be done on; overdue from the day after.</summary>
    public DateOnly? Deadline { get; init; }

    /// <summary>Notes, oldest first.</summary>
    public IReadOnlyList<TaskNote> Notes { get; init; } = [];

    /// <summary>Attached files, in the order attached.</summary>
    public IReadOnlyList<AttachmentMetadata> Attachments { get; init; } = [];

    /// <summary>The last master version this copy followed, and what changed in it; null before any.</summary>
    public VersionChange? LastVersionChange { get; init; }

    /// <summary>1 when created, one more for every accepted change.</summary>
    public int Revision { get; init; } = 1;

    /// <summary>When the task was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>True when the deadline has passed (it is before <paramref name="today"/>) and the task is neither done nor not relevant.</summary>
    public bool IsOverdue(DateOnly today) => Deadline is { } deadline && deadline < today && !MunicipalTaskStatuses.IsClosed(Status);

    /// <summary>True when <paramref name="person"/> is the accountable or the performer.</summary>
    public bool Involves(EmailAddress person) => Accountable == person || Performer == person;
}

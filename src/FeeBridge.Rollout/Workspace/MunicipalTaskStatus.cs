namespace FeeBridge.Rollout.Workspace;

/// <summary>A municipal task's status (CONTRACTS.md §6: <c>not-started</c>, <c>in-progress</c>, <c>done</c>, <c>not-relevant</c>).</summary>
public enum MunicipalTaskStatus
{
    /// <summary><c>not-started</c>: every copy starts here.</summary>
    NotStarted,
    /// <summary><c>in-progress</c>.</summary>
    InProgress,
    /// <summary><c>done</c> (KLIK's "fuldført").</summary>
    Done,
    /// <summary><c>not-relevant</c>: set aside by the municipality, always with a reason.</summary>
    NotRelevant,
}

/// <summary>The statuses' wire ids and Danish names.</summary>
public static class MunicipalTaskStatuses
{
    /// <summary>The wire id, e.g. <c>not-started</c>.</summary>
    public static string Id(MunicipalTaskStatus status) => status switch
    {
        MunicipalTaskStatus.NotStarted => "not-started",
        MunicipalTaskStatus.InProgress => "in-progress",
        MunicipalTaskStatus.Done => "done",
        _ => "not-relevant",
    };

    /// <summary>The Danish name staff read.</summary>
    public static string Title(MunicipalTaskStatus status) => status switch
    {
        MunicipalTaskStatus.NotStarted => "Ikke startet",
        MunicipalTaskStatus.InProgress => "I gang",
        MunicipalTaskStatus.Done => "Fuldført",
        _ => "Ikke relevant",
    };

    /// <summary>Reads a wire id (exact); false for anything else.</summary>
    public static bool TryParse(string? id, out MunicipalTaskStatus status)
    {
        foreach (var candidate in Enum.GetValues<MunicipalTaskStatus>())
        {
            if (string.Equals(Id(candidate), id, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }

    /// <summary>Done or not relevant: nothing is left to do, so the task is neither overdue nor reminded of.</summary>
    public static bool IsClosed(MunicipalTaskStatus status) => status is MunicipalTaskStatus.Done or MunicipalTaskStatus.NotRelevant;
}

namespace FeeBridge.Rollout.Workflow;

/// <summary>
/// Who does a step: the lanes of the pool (issue 16 part 6), top to bottom, the people first, then the systems in the
/// order a claim passes them, the state's collector last.
/// </summary>
public enum WorkflowLane
{
    Citizen,
    LibraryDesk,
    Finance,
    Fbs,
    FeeBridge,
    DebtorSystem,
    Collector,
}

public static class WorkflowLanes
{
    public static IReadOnlyList<WorkflowLane> All { get; } = Enum.GetValues<WorkflowLane>();

    /// <summary>The lane's name in the diagram (Danish).</summary>
    public static string Title(this WorkflowLane lane) => lane switch
    {
        WorkflowLane.Citizen => "Borger",
        WorkflowLane.LibraryDesk => "Bibliotekets skranke",
        WorkflowLane.Finance => "Økonomi- og debitorafdeling",
        WorkflowLane.Fbs => "FBS (bibliotekssystemet)",
        WorkflowLane.FeeBridge => "FeeBridge",
        WorkflowLane.DebtorSystem => "Debitorsystemet",
        WorkflowLane.Collector => "Gældsstyrelsen (PSRM)",
        _ => throw new ArgumentOutOfRangeException(nameof(lane)),
    };

    /// <summary>A stable id part: <c>Citizen</c> → <c>citizen</c>.</summary>
    public static string Key(this WorkflowLane lane) => lane switch
    {
        WorkflowLane.LibraryDesk => "library-desk",
        WorkflowLane.DebtorSystem => "debtor-system",
        _ => lane.ToString().ToLowerInvariant(),
    };
}

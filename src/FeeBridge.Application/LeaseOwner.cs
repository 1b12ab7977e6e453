namespace FeeBridge.Application;

/// <summary>A name for one worker of one process, written into the rows it leases (outbox, inbox, notices).</summary>
public static class LeaseOwner
{
    public static string New() => $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
}

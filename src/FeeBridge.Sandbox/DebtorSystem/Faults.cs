namespace FeeBridge.Sandbox.DebtorSystem;

/// <summary>
/// Trouble the debtor-system sandbox can be told to make (<c>PUT /sandbox/debtor/faults</c>), the kind a real one
/// makes on a bad day. <see cref="ErrorRate"/>: HTTP 503 before anything is done. <see cref="TimeoutRate"/>: the
/// shipment IS carried out, but the answer comes too late — the nasty case that idempotency must survive.
/// <see cref="DuplicateRate"/> and <see cref="Reorder"/> concern the events it pushes back (issue #4).
/// </summary>
public sealed record Faults(int LatencyMs = 0, double ErrorRate = 0, double TimeoutRate = 0, double DuplicateRate = 0, bool Reorder = false, int TimeoutMs = 30_000)
{
    public static readonly Faults None = new();
}

/// <summary>The faults in force now; swapped whole, read without locks.</summary>
public sealed class FaultSwitch
{
    private volatile Faults _current = Faults.None;

    public Faults Current => _current;

    public void Set(Faults faults) => _current = faults;
}

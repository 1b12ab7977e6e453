using FeeBridge.Persistence;

namespace FeeBridge.Server.Staff;

/// <summary>
/// Writes what a member of staff did to the append-only audit log (CONTRACTS.md §5): who (their user name), when (the
/// clock), what (an action name such as <c>rollout.task.changed</c>), which record (<c>rollout/101/task-26</c>,
/// <c>claim/710100/B1</c>) and why, when they gave a reason.
/// </summary>
public sealed class StaffAudit(FeeBridgeStore store, TimeProvider clock)
{
    public Task<long> RecordAsync(StaffUser who, string action, string record, string? reason, string? detail, CancellationToken ct) =>
        store.Audit.AppendAsync(clock.GetUtcNow(), who.UserName, action, record, reason, detail, ct);
}

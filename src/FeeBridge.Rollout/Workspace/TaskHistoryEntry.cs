namespace FeeBridge.Rollout.Workspace;

/// <summary>
/// One change of one field of a municipal task: who, when, which field, the value before and after as text (wire
/// form: status ids, e-mails, <c>YYYY-MM-DD</c>; null for "none"). The store appends these and never rewrites them,
/// as the ledger keeps claim events. <see cref="ForAudit"/> marks a change an auditor must see: a task marked done
/// while one of its automatic checks fails.
/// </summary>
public sealed record TaskHistoryEntry(string TaskId, string Who, DateTimeOffset At, string Field, string? Before, string? After, bool ForAudit = false);

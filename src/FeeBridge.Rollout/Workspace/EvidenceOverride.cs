namespace FeeBridge.Rollout.Workspace;

/// <summary>
/// A task marked done although FeeBridge's own checks did not confirm it: who, when, why, and which checks were
/// failing or had not run. The task keeps it while it stays done, so an auditor can find every such task.
/// </summary>
public sealed record EvidenceOverride(string Who, DateTimeOffset At, string Reason, IReadOnlyList<EvidenceCheckId> UnconfirmedChecks);

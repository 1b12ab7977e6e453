namespace FeeBridge.Rollout.Workspace;

/// <summary>
/// One run of one check for one municipality (CONTRACTS.md §6 task <c>evidence</c>: what FeeBridge itself checked,
/// with when): <c>{checkId, passed, detail, checkedAt}</c>; <see cref="Detail"/> is Danish, e.g. "Svarede på 212 ms".
/// </summary>
public sealed record EvidenceCheckResult(EvidenceCheckId CheckId, bool Passed, string Detail, DateTimeOffset CheckedAt);

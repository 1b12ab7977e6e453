namespace FeeBridge.Rollout.Workspace;

/// <summary>
/// The last time a copy followed a new master version: from which version to which, and the master fields that
/// changed (CONTRACTS.md §6 names), so the screen can say "ændret i version 3: mål, metode".
/// </summary>
public sealed record VersionChange(int FromVersion, int ToVersion, IReadOnlyList<string> ChangedFields, DateTimeOffset At);

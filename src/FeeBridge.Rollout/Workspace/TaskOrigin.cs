namespace FeeBridge.Rollout.Workspace;

/// <summary>Where a municipal task comes from.</summary>
public enum TaskOrigin
{
    /// <summary>The municipality's copy of a KOMBIT master task; it follows new versions of the master.</summary>
    MasterCopy,
    /// <summary>A task the municipality added itself (DOMAIN.md §8 "adds local tasks"); it has no master to follow.</summary>
    Local,
}

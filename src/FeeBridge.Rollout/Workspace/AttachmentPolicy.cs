namespace FeeBridge.Rollout.Workspace;

/// <summary>How large an attachment may be. <see cref="Default"/> allows 20 MiB: a scanned signed PDF fits, a video does not.</summary>
public sealed record AttachmentPolicy(long MaxBytes)
{
    /// <summary>20 MiB.</summary>
    public static AttachmentPolicy Default { get; } = new(20 * 1024 * 1024);
}

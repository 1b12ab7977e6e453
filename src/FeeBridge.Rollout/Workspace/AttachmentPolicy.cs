namespace FeeBridge.Rollout.Workspace;

/// <summary>How large an attachment may be. <see cref="Default"/> allows 20 MiB: a scanned signed PDF fits, a video does not.</summary>
public sealed record AttachmentPolicy(long MaxBytes)
{
    /// <summary>The default limit, 20 MiB, as a constant (a request size limit attribute needs one).</summary>
    public const long DefaultMaxBytes = 20 * 1024 * 1024;

    /// <summary>20 MiB.</summary>
    public static AttachmentPolicy Default { get; } = new(DefaultMaxBytes);
}

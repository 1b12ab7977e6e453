namespace FeeBridge.Rollout.Workspace;

/// <summary>
/// What the workspace keeps about an attached file; the bytes themselves live in the store. <see cref="ContentType"/>
/// is the type FeeBridge recognised from the file's first bytes, never the one the browser claimed;
/// <see cref="Sha256"/> is lower-case hex.
/// </summary>
public sealed record AttachmentMetadata(string Name, string ContentType, long Size, string Sha256);

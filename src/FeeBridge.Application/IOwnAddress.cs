namespace FeeBridge.Application;

/// <summary>
/// Where this process answers, once it listens. In sandbox mode FeeBridge reaches the stand-ins that run beside it
/// there, over HTTP as it would reach the real systems; the host that listens provides it.
/// </summary>
public interface IOwnAddress
{
    /// <summary>The loopback address of the first listener, or null before the host listens (or when it never does).</summary>
    Uri? Current { get; }
}

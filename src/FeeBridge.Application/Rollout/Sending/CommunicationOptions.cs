namespace FeeBridge.Application.Rollout.Sending;

/// <summary>The <c>FeeBridge:Communication</c> section: how the communication plan's sends are worked off.</summary>
public sealed class CommunicationOptions
{
    public const string Section = "FeeBridge:Communication";

    /// <summary>How often unsent recipients and unanswered SMS are looked at (a send also wakes the sender at once).</summary>
    public int IntervalSeconds { get; set; } = 5;

    /// <summary>How long a sender holds a recipient before another process may send to it; longer than one send can take.</summary>
    public int LeaseSeconds { get; set; } = 300;
}

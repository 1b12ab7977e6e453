namespace FeeBridge.Rollout.Klik;

/// <summary>A master task the store already holds: its title is vocabulary for repairing OCR text of the same task.</summary>
public sealed record EarlierTask(int MasterTaskId, string Title);

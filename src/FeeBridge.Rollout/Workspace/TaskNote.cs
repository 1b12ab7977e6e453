namespace FeeBridge.Rollout.Workspace;

/// <summary>A note on a task: who wrote it, when, and the text. Notes are added, never edited, so the history stays true.</summary>
public sealed record TaskNote(string Who, DateTimeOffset At, string Text);

namespace FeeBridge.Rollout.Workspace;

/// <summary>
/// Who makes a change and when: the staff user (their e-mail or user id, as the staff identity names them) and the
/// instant, passed in by the caller (the rollout reads no clock).
/// </summary>
public sealed record TaskActor(string Who, DateTimeOffset At);

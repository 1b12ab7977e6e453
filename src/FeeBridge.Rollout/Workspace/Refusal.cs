namespace FeeBridge.Rollout;

/// <summary>
/// Why the rollout refused something: the field (as the API names it, e.g. <c>accountable</c> or
/// <c>roles[0].people[1].email</c>) and a short Danish reason for the person who asked. The server turns a list of
/// these into the 422 problem's <c>errors</c> map. Lives in the root namespace because every rollout part refuses.
/// </summary>
public sealed record Refusal(string Field, string Reason);

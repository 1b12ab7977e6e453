namespace FeeBridge.Sandbox.OpenIdConnect;

/// <summary>
/// What a stand-in's log-in page needs to post a choice back: where to (<see cref="Action"/>) and the request's own
/// fields (<see cref="HiddenFields"/>, HTML-encoded hidden inputs) to repeat in every form on the page.
/// </summary>
public sealed record LogInForm(string Action, string HiddenFields);

namespace FeeBridge.Sandbox.OpenIdConnect;

/// <summary>A code redeemed: who was chosen for it, and the client's nonce to put in the ID token (if it sent one).</summary>
public sealed record RedeemedCode<TUser>(TUser User, string? Nonce) where TUser : class;

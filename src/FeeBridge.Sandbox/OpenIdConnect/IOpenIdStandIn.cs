namespace FeeBridge.Sandbox.OpenIdConnect;

/// <summary>
/// A stand-in as <see cref="OpenIdStandInEndpoints"/> serves it: its provider (key, codes) and what its token endpoint
/// answers once a code is redeemed. Registered as a singleton.
/// </summary>
public interface IOpenIdStandIn<TUser> where TUser : class
{
    OpenIdProvider<TUser> Provider { get; }

    /// <summary>The token endpoint's JSON answer (<c>access_token</c>, <c>id_token</c>, …) for a redeemed code.</summary>
    IReadOnlyDictionary<string, object> TokenResponse(string issuer, RedeemedCode<TUser> redeemed);
}

using System.Security.Cryptography;
using FeeBridge.Sandbox.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace FeeBridge.Sandbox.Staff;

/// <summary>
/// The sandbox's stand-in for the staff identity provider (CONTRACTS.md §5; in production a broker in front of KOMBIT's
/// FK Adgangsstyring): an OpenID Connect provider whose log-in page lists <see cref="StaffTestUsers"/>. Its ID token
/// and access token carry the user's FeeBridge roles (<see cref="StaffTokens"/>).
/// </summary>
public sealed class StaffStandIn(TimeProvider clock) : IOpenIdStandIn<StaffUser>
{
    /// <summary>Where it lives; its issuer is the host's own address plus this.</summary>
    public const string BasePath = "/sandbox/staff";

    /// <summary>The one client the stand-in knows: FeeBridge's staff pages.</summary>
    public const string ClientId = "feebridge-staff";
    public const string ClientSecret = "sandbox-staff-secret";

    public OpenIdProvider<StaffUser> Provider { get; } = new(clock);

    public IReadOnlyDictionary<string, object> TokenResponse(string issuer, RedeemedCode<StaffUser> redeemed) => new Dictionary<string, object>
    {
        ["access_token"] = AccessToken(issuer, redeemed.User),
        ["token_type"] = "Bearer",
        ["expires_in"] = StaffTokens.LifetimeSeconds,
        ["id_token"] = IdToken(issuer, redeemed.User, redeemed.Nonce),
    };

    /// <summary>An access token for FeeBridge's staff API (<see cref="StaffTokens.Audience"/>), as RFC 9068 shapes one.</summary>
    public string AccessToken(string issuer, StaffUser user)
    {
        var claims = UserClaims(user);
        claims["client_id"] = ClientId;
        claims["jti"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        return Provider.Sign(issuer, StaffTokens.Audience, claims, StaffTokens.Lifetime, StaffTokens.AccessTokenType);
    }

    /// <summary>The ID token for the client, with its nonce.</summary>
    public string IdToken(string issuer, StaffUser user, string? nonce)
    {
        var claims = UserClaims(user);
        if (nonce is not null) claims["nonce"] = nonce;
        return Provider.Sign(issuer, ClientId, claims, StaffTokens.Lifetime);
    }

    private static Dictionary<string, object> UserClaims(StaffUser user) => new()
    {
        [StaffTokens.SubjectClaim] = user.UserName,
        [StaffTokens.NameClaim] = user.Name,
        [StaffTokens.EmailClaim] = user.Email,
        // An array even for one role, so a reader never has to guess between a string and a list.
        [StaffTokens.RolesClaim] = user.Roles.ToArray(),
    };
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FeeBridge.Sandbox.OpenIdConnect;

/// <summary>
/// What the sandbox's OpenID Connect stand-ins (MitID, staff) share under their HTTP face: an RS256 signing key made at
/// start and published as a JSON Web Key, one-time authorization codes that live in memory for a minute, PKCE S256,
/// and signing a token. <typeparamref name="TUser"/> is whoever a stand-in lets you log in as.
/// </summary>
public sealed class OpenIdProvider<TUser>(TimeProvider clock) where TUser : class
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(1);
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "sandbox-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant() };
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);

    /// <summary>What a code was issued for.</summary>
    private sealed record Grant(string RedirectUri, string? Nonce, string? CodeChallenge, TUser Who, DateTimeOffset Expires);

    /// <summary>The public half of the signing key, as a JSON Web Key.</summary>
    public JsonWebKey PublicKey
    {
        get
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
            jwk.Use = "sig";
            jwk.Alg = SecurityAlgorithms.RsaSha256;
            return jwk;
        }
    }

    /// <summary>The user chosen on the log-in page; a code for the client to redeem.</summary>
    public string Issue(string redirectUri, string? nonce, string? codeChallenge, TUser who)
    {
        var now = clock.GetUtcNow();
        // Log-ins abandoned half-way leave codes nobody redeems; they go when the next one is issued.
        foreach (var old in _codes.Where(c => c.Value.Expires < now)) _codes.TryRemove(old);
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new Grant(redirectUri, nonce, codeChallenge, who, now + CodeLifetime);
        return code;
    }

    /// <summary>
    /// Redeems a code, once (a failed attempt uses it up too): who it was issued for, or null — OAuth's
    /// <c>invalid_grant</c> — when it is unknown, used, expired, for another redirect URI, or the PKCE verifier is wrong.
    /// </summary>
    public RedeemedCode<TUser>? Redeem(string? code, string? redirectUri, string? codeVerifier)
    {
        if (code is null || !_codes.TryRemove(code, out var grant) || grant.Expires < clock.GetUtcNow()) return null;
        if (!string.Equals(grant.RedirectUri, redirectUri, StringComparison.Ordinal)) return null;
        if (grant.CodeChallenge is not null && (codeVerifier is null || Challenge(codeVerifier) != grant.CodeChallenge)) return null;
        return new RedeemedCode<TUser>(grant.Who, grant.Nonce);
    }

    /// <summary>A JWT signed RS256 with this provider's key, issued now and good for <paramref name="lifetime"/>.</summary>
    /// <param name="tokenType">The <c>typ</c> header; null for the default <c>JWT</c>.</param>
    public string Sign(string issuer, string audience, IDictionary<string, object> claims, TimeSpan lifetime, string? tokenType = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            TokenType = tokenType,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>PKCE S256: base64url(SHA-256(verifier)).</summary>
    public static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FeeBridge.Sandbox.MitId;

/// <summary>
/// The sandbox's stand-in for MitID through NemLog-in: an OpenID Connect provider (authorization code flow with
/// PKCE) whose log-in page lists the sandbox's test people. FeeBridge talks to it exactly as to NemLog-in, so the
/// code flow it uses outside sandbox mode is the one the tests drive. Codes live in memory for a minute and are
/// good once; the signing key is made at start.
/// </summary>
public sealed class MitIdStandIn(TimeProvider clock)
{
    /// <summary>The one client the stand-in knows.</summary>
    public const string ClientId = "feebridge";
    public const string ClientSecret = "sandbox-mitid-secret";

    /// <summary>The claim types NemLog-in's OpenID Connect broker uses (OIO attribute profile).</summary>
    public const string CprClaim = "https://data.gov.dk/model/core/eid/cprNumber";
    public const string NameClaim = "https://data.gov.dk/model/core/eid/fullName";
    public const string CvrClaim = "https://data.gov.dk/model/core/eid/professional/cvr";
    public const string OrganisationClaim = "https://data.gov.dk/model/core/eid/professional/orgName";

    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(1);
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "sandbox-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant() };
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);

    /// <summary>What a code was issued for.</summary>
    private sealed record Grant(string RedirectUri, string? Nonce, string? CodeChallenge, TestPerson Who, DateTimeOffset Expires);

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

    /// <summary>The person chosen on the log-in page; a code for the client to redeem.</summary>
    public string Issue(string redirectUri, string? nonce, string? codeChallenge, TestPerson who)
    {
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new Grant(redirectUri, nonce, codeChallenge, who, clock.GetUtcNow() + CodeLifetime);
        return code;
    }

    /// <summary>Redeems a code (once): the signed ID token, or why not, in OAuth's words.</summary>
    public (string? IdToken, string? Error) Redeem(string issuer, string? code, string? redirectUri, string? codeVerifier)
    {
        if (code is null || !_codes.TryRemove(code, out var grant) || grant.Expires < clock.GetUtcNow()) return (null, "invalid_grant");
        if (!string.Equals(grant.RedirectUri, redirectUri, StringComparison.Ordinal)) return (null, "invalid_grant");
        if (grant.CodeChallenge is not null && (codeVerifier is null || Challenge(codeVerifier) != grant.CodeChallenge)) return (null, "invalid_grant");

        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = Subject(grant.Who),
            ["loa"] = "https://data.gov.dk/concept/core/nsis/loa/Substantial",
        };
        if (grant.Nonce is not null) claims["nonce"] = grant.Nonce;
        if (grant.Who.Cpr is { } cpr) { claims[CprClaim] = cpr; claims[NameClaim] = grant.Who.Name; }
        else { claims[CvrClaim] = grant.Who.Cvr!; claims[OrganisationClaim] = grant.Who.Name; }
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
        return (token, null);
    }

    /// <summary>PKCE S256: base64url(SHA-256(verifier)).</summary>
    public static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    // A stable pseudonym, as NemLog-in gives: never the CPR number itself.
    private static string Subject(TestPerson who) =>
        "sandbox:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("mitid-sandbox:" + (who.Cpr ?? who.Cvr)))).ToLowerInvariant()[..32];
}

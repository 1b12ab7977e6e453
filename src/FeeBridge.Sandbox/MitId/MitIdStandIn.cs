using System.Security.Cryptography;
using System.Text;
using FeeBridge.Sandbox.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace FeeBridge.Sandbox.MitId;

/// <summary>
/// The sandbox's stand-in for MitID through NemLog-in: an OpenID Connect provider (authorization code flow with
/// PKCE) whose log-in page lists the sandbox's test people. FeeBridge talks to it exactly as to NemLog-in, so the
/// code flow it uses outside sandbox mode is the one the tests drive. Codes live in memory for a minute and are
/// good once; the signing key is made at start (<see cref="OpenIdProvider{TUser}"/>).
/// </summary>
public sealed class MitIdStandIn(TimeProvider clock) : IOpenIdStandIn<TestPerson>
{
    /// <summary>The one client the stand-in knows.</summary>
    public const string ClientId = "feebridge";
    public const string ClientSecret = "sandbox-mitid-secret";

    /// <summary>The claim types NemLog-in's OpenID Connect broker uses (OIO attribute profile).</summary>
    public const string CprClaim = "https://data.gov.dk/model/core/eid/cprNumber";
    public const string NameClaim = "https://data.gov.dk/model/core/eid/fullName";
    public const string CvrClaim = "https://data.gov.dk/model/core/eid/professional/cvr";
    public const string OrganisationClaim = "https://data.gov.dk/model/core/eid/professional/orgName";

    private static readonly TimeSpan IdTokenLifetime = TimeSpan.FromMinutes(5);

    public OpenIdProvider<TestPerson> Provider { get; } = new(clock);

    /// <summary>
    /// The ID token (signed, five minutes) and an opaque access token: FeeBridge reads only the ID token, as from NemLog-in.
    /// </summary>
    public IReadOnlyDictionary<string, object> TokenResponse(string issuer, RedeemedCode<TestPerson> redeemed) => new Dictionary<string, object>
    {
        ["access_token"] = Base64UrlEncoder.Encode(Guid.NewGuid().ToByteArray()),
        ["token_type"] = "Bearer",
        ["expires_in"] = (int)IdTokenLifetime.TotalSeconds,
        ["id_token"] = IdToken(issuer, redeemed),
    };

    private string IdToken(string issuer, RedeemedCode<TestPerson> redeemed)
    {
        var who = redeemed.User;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = Subject(who),
            ["loa"] = "https://data.gov.dk/concept/core/nsis/loa/Substantial",
        };
        if (redeemed.Nonce is not null) claims["nonce"] = redeemed.Nonce;
        if (who.Cpr is { } cpr) { claims[CprClaim] = cpr; claims[NameClaim] = who.Name; }
        else { claims[CvrClaim] = who.Cvr!; claims[OrganisationClaim] = who.Name; }
        return Provider.Sign(issuer, ClientId, claims, IdTokenLifetime);
    }

    // A stable pseudonym, as NemLog-in gives: never the CPR number itself.
    private static string Subject(TestPerson who) =>
        "sandbox:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("mitid-sandbox:" + (who.Cpr ?? who.Cvr)))).ToLowerInvariant()[..32];
}

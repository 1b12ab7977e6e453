namespace FeeBridge.Sandbox.Staff;

/// <summary>
/// What the staff stand-in's tokens hold (CONTRACTS.md §5), for FeeBridge to validate and read them: the ID token and
/// the access token are both JWTs signed RS256 with the key at the stand-in's <c>jwks_uri</c>, good for an hour.
/// </summary>
public static class StaffTokens
{
    /// <summary>The user name, e.g. <c>projektleder-101</c>.</summary>
    public const string SubjectClaim = "sub";

    /// <summary>The display name, in Danish.</summary>
    public const string NameClaim = "name";

    public const string EmailClaim = "email";

    /// <summary>A JSON array of FeeBridge role strings, always an array (<see cref="StaffRoles"/>).</summary>
    public const string RolesClaim = "roles";

    /// <summary>The access token's <c>aud</c>: FeeBridge's staff API. (The ID token's is the client id.)</summary>
    public const string Audience = "feebridge-staff";

    /// <summary>
    /// The access token's <c>typ</c> header (RFC 9068). The ID token's is <c>JWT</c>, so a validator that asks for this
    /// type cannot be handed an ID token as a bearer token, though both name the same audience.
    /// </summary>
    public const string AccessTokenType = "at+jwt";

    public const int LifetimeSeconds = 3600;

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(LifetimeSeconds);
}

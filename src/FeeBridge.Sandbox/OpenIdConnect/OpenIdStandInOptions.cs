namespace FeeBridge.Sandbox.OpenIdConnect;

/// <summary>How one stand-in fills in the shared OpenID Connect provider's HTTP face (<see cref="OpenIdStandInEndpoints"/>).</summary>
public sealed record OpenIdStandInOptions<TUser> where TUser : class
{
    /// <summary>Where the stand-in lives, e.g. <c>/sandbox/mitid</c>; its issuer is the host's own address plus this.</summary>
    public required string BasePath { get; init; }

    /// <summary>The authorize endpoint, under <see cref="BasePath"/>.</summary>
    public string AuthorizePath { get; init; } = "/authorize";

    /// <summary>The token endpoint, under <see cref="BasePath"/>.</summary>
    public string TokenPath { get; init; } = "/token";

    /// <summary>The one client the stand-in knows.</summary>
    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    /// <summary>Discovery's <c>scopes_supported</c>.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>Discovery's <c>claims_supported</c>; null leaves it out.</summary>
    public IReadOnlyList<string>? Claims { get; init; }

    /// <summary>Whether the log-in page's choice must carry an antiforgery token (the host then needs <c>AddAntiforgery</c>).</summary>
    public bool RequireAntiforgery { get; init; }

    /// <summary>Whether authorize refuses a request without a PKCE challenge by S256.</summary>
    public bool RequirePkce { get; init; }

    /// <summary>The log-in page: who can be chosen, in forms that post back to <see cref="LogInForm.Action"/>.</summary>
    public required Func<LogInForm, StandInPage> LogInPage { get; init; }

    /// <summary>Who the posted form chose; null when nobody the stand-in knows.</summary>
    public required Func<IFormCollection, TUser?> Chosen { get; init; }

    /// <summary>The page shown (400) when <see cref="Chosen"/> finds nobody.</summary>
    public required StandInPage UnknownUser { get; init; }
}

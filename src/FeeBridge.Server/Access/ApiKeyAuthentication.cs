using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FeeBridge.Server.Access;

/// <summary>
/// Authenticates a library system by its API key (<c>Authorization: Bearer &lt;key&gt;</c>). The principal carries one
/// <c>agency</c> claim per agency the key is bound to. A refused request logs one line, with the reason and never the
/// key: the base handler's own lines (two per refused request, at Information) are left out, since key guessing
/// would otherwise flood the log.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    FeeBridgeStore store,
    ApiKeyCache cache,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string AgencyClaim = "agency";

    private readonly ILogger _log = logger.CreateLogger<ApiKeyAuthentication>();
    private string? _refusal;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Refuse("not a bearer token");
        var key = header["Bearer ".Length..].Trim();

        var record = await cache.GetAsync(key, clock, k => store.ApiKeys.FindAsync(k, CancellationToken.None), Context.RequestAborted);
        if (record is null) return Refuse("unknown API key");

        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, record.Name));
        foreach (var agency in record.Agencies) identity.AddClaim(new Claim(AgencyClaim, agency));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Refuse(string reason)
    {
        _refusal = reason;
        return AuthenticateResult.Fail(reason);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        _log.LogInformation("Refused {Method} {Path}: {Reason}.", Request.Method, LogText.Bound(Request.Path.Value), _refusal ?? "no API key");
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.Write(Context, StatusCodes.Status401Unauthorized, "Authentication required",
            "Send the library system's API key as 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, "Forbidden", "This key may not do that.");
}

/// <summary>
/// Remembers key look-ups for a minute, so a busy library system does not cost a database read per request;
/// a revoked key stops working within that minute. Unknown keys are remembered too, against key guessing load.
/// Requests that miss together share one look-up: when an entry runs out under load, every waiting request used to
/// read the key at once, each on its own connection, and the connection pool stayed that large afterwards.
/// </summary>
public sealed class ApiKeyCache
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    // Lazy: of two entries made for the same miss, only the one stored ever reads the key.
    private sealed record Entry(Lazy<Task<ApiKeyRecord?>> Lookup, DateTimeOffset Expires);

    /// <summary>
    /// The key's record, read with <paramref name="load"/> when not remembered. The read is shared, so it must not
    /// depend on one request: give it no request's cancellation (<paramref name="ct"/> only stops this caller's wait).
    /// </summary>
    public async Task<ApiKeyRecord?> GetAsync(string key, TimeProvider clock, Func<string, Task<ApiKeyRecord?>> load, CancellationToken ct)
    {
        var hash = Convert.ToHexString(ApiKeyStore.Hash(key));
        var now = clock.GetUtcNow();
        if (!_entries.TryGetValue(hash, out var entry) || entry.Expires <= now)
        {
            // Only on a miss: counting a concurrent dictionary takes all its locks.
            if (_entries.Count > 10_000) _entries.Clear();
            Entry Fresh() => new(new Lazy<Task<ApiKeyRecord?>>(() => load(key)), now + Lifetime);
            entry = _entries.AddOrUpdate(hash, _ => Fresh(), (_, old) => old.Expires > now ? old : Fresh());
        }
        try
        {
            return await entry.Lookup.Value.WaitAsync(ct);
        }
        catch when (entry.Lookup.Value.IsFaulted || entry.Lookup.Value.IsCanceled)
        {
            // A failed read is not remembered: the next request reads again.
            _entries.TryRemove(KeyValuePair.Create(hash, entry));
            throw;
        }
    }
}

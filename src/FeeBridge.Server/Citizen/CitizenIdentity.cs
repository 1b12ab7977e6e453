using System.Security.Claims;
using FeeBridge.Domain.Claims;
using FeeBridge.Application;

namespace FeeBridge.Server.Citizen;

/// <summary>
/// Who is logged in, as the session cookie carries it (encrypted by ASP.NET Core data protection). The overview reads
/// only this: no CPR number or claim id ever comes from the URL or the query.
/// </summary>
public sealed record CitizenIdentity(DebtorId Party, string Name)
{
    public const string CprClaim = "feebridge:cpr";
    public const string CvrClaim = "feebridge:cvr";
    public const string NameClaim = "feebridge:name";

    /// <summary>Shown on the page: <c>010190-****</c>, or the CVR number of a company.</summary>
    public string MaskedId => Party.Cpr is { } c ? c.Masked : $"CVR {Party.Cvr!.Value.Value}";

    public static CitizenIdentity? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var name = user.FindFirstValue(NameClaim) ?? "";
        if (user.FindFirstValue(CprClaim) is { } cpr && Cpr.TryParse(cpr, out var c, out _)) return new CitizenIdentity(DebtorId.Person(c), name);
        if (user.FindFirstValue(CvrClaim) is { } cvr && Cvr.TryParse(cvr, out var v, out _)) return new CitizenIdentity(DebtorId.Organisation(v), name);
        return null;
    }

    /// <summary>The session's claims, from an identity provider's ID token claims (null: it named neither CPR nor CVR).</summary>
    public static ClaimsIdentity? FromProvider(ClaimsPrincipal provider, CitizenOptions o, string scheme)
    {
        var cpr = provider.FindFirstValue(o.CprClaim);
        var cvr = provider.FindFirstValue(o.CvrClaim);
        var claims = new List<Claim>();
        if (cpr is not null && Cpr.TryParse(cpr, out var c, out _))
        {
            claims.Add(new Claim(CprClaim, c.Digits));
            claims.Add(new Claim(NameClaim, provider.FindFirstValue(o.NameClaim) ?? ""));
        }
        else if (cvr is not null && Cvr.TryParse(cvr, out var v, out _))
        {
            claims.Add(new Claim(CvrClaim, v.Value));
            claims.Add(new Claim(NameClaim, provider.FindFirstValue(o.OrganisationClaim) ?? ""));
        }
        else return null;
        return new ClaimsIdentity(claims, scheme, NameClaim, null);
    }
}

using System.Security.Claims;
using System.Text.RegularExpressions;

namespace FeeBridge.Server.Staff;

/// <summary>
/// One of FeeBridge's staff roles (CONTRACTS.md §5), with its scope where it has one: <c>library-staff:710100</c> (an
/// agency), <c>finance-staff:101</c> and <c>project-leader:101</c> (a municipality), <c>kombit</c>, <c>admin</c>,
/// <c>auditor</c>.
/// </summary>
public sealed partial record StaffRole(string Role, string? Scope)
{
    public const string LibraryStaff = "library-staff";
    public const string FinanceStaff = "finance-staff";
    public const string ProjectLeader = "project-leader";
    public const string Kombit = "kombit";
    public const string Admin = "admin";
    public const string Auditor = "auditor";

    /// <summary>A role as written (<c>role</c> or <c>role:scope</c>), or null when it is none of FeeBridge's.</summary>
    public static StaffRole? Parse(string? text)
    {
        if (text is null) return null;
        var m = Shape().Match(text.Trim());
        if (!m.Success) return null;
        var (role, scope) = (m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : null);
        return (role, scope) switch
        {
            (LibraryStaff, { Length: 6 }) => new(role, scope),
            (FinanceStaff or ProjectLeader, { Length: 3 }) => new(role, scope),
            (Kombit or Admin or Auditor, null) => new(role, null),
            _ => null,
        };
    }

    public override string ToString() => Scope is null ? Role : $"{Role}:{Scope}";

    [GeneratedRegex("^([a-z-]+)(?::([0-9]+))?$")]
    private static partial Regex Shape();
}

/// <summary>
/// The signed-in member of staff, as FeeBridge sees them after mapping the provider's claims (<see cref="StaffRoles"/>):
/// a user name, a display name, an e-mail and scoped roles. What they may see follows from the roles alone.
/// </summary>
public sealed record StaffUser(string UserName, string DisplayName, string? Email, IReadOnlyList<StaffRole> Roles)
{
    /// <summary>The claim that carries one mapped role on FeeBridge's own principal.</summary>
    public const string RoleClaim = "feebridge:staff-role";
    public const string UserNameClaim = "feebridge:staff-user";
    public const string DisplayNameClaim = "feebridge:staff-name";
    public const string EmailClaim = "feebridge:staff-email";

    public static StaffUser? From(ClaimsPrincipal principal)
    {
        var user = principal.FindFirstValue(UserNameClaim);
        if (user is null) return null;
        var roles = principal.FindAll(RoleClaim).Select(c => StaffRole.Parse(c.Value)).OfType<StaffRole>().Distinct().ToList();
        return new StaffUser(user, principal.FindFirstValue(DisplayNameClaim) ?? user, principal.FindFirstValue(EmailClaim), roles);
    }

    public bool Has(string role) => Roles.Any(r => r.Role == role);

    public bool Has(string role, string scope) => Roles.Any(r => r.Role == role && r.Scope == scope);

    /// <summary>KOMBIT and administrators follow every municipality's rollout.</summary>
    public bool SeesEveryMunicipality => Has(StaffRole.Kombit) || Has(StaffRole.Admin);

    /// <summary>A municipality's rollout workspace: its project leader, KOMBIT and administrators may read it.</summary>
    public bool MayReadRollout(string kommunekode) => Has(StaffRole.ProjectLeader, kommunekode) || SeesEveryMunicipality;

    /// <summary>Only the municipality's own project leader (and an administrator) changes its workspace; KOMBIT reads.</summary>
    public bool MayChangeRollout(string kommunekode) => Has(StaffRole.ProjectLeader, kommunekode) || Has(StaffRole.Admin);

    /// <summary>Importing master tasks: KOMBIT and administrators.</summary>
    public bool MayImportMasterTasks => SeesEveryMunicipality;

    public bool MayReadAudit => Has(StaffRole.Auditor);

    public ClaimsIdentity ToIdentity(string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, UserNameClaim, RoleClaim);
        identity.AddClaim(new Claim(UserNameClaim, UserName));
        identity.AddClaim(new Claim(DisplayNameClaim, DisplayName));
        if (Email is not null) identity.AddClaim(new Claim(EmailClaim, Email));
        foreach (var r in Roles) identity.AddClaim(new Claim(RoleClaim, r.ToString()));
        return identity;
    }
}

/// <summary>
/// The provider's claims onto a <see cref="StaffUser"/>: <c>sub</c> (or <c>preferred_username</c>), <c>name</c>,
/// <c>email</c>, and the configured role claim, each value mapped through <c>FeeBridge:Staff:RoleMap</c> (or taken as
/// FeeBridge's own role name when no map is configured). Values that map to nothing give no role, never a guess.
/// </summary>
public static class StaffRoles
{
    public static StaffUser? FromProvider(ClaimsPrincipal provider, FeeBridge.Application.StaffOptions options)
    {
        var user = provider.FindFirstValue("sub") ?? provider.FindFirstValue("preferred_username");
        if (string.IsNullOrWhiteSpace(user)) return null;
        var roles = new List<StaffRole>();
        foreach (var value in provider.FindAll(options.RoleClaim).Select(c => c.Value))
        {
            var mapped = options.RoleMap.Count == 0 ? [value]
                : options.RoleMap.TryGetValue(value, out var to) ? to.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            roles.AddRange(mapped.Select(StaffRole.Parse).OfType<StaffRole>());
        }
        return new StaffUser(user, provider.FindFirstValue("name") ?? user, provider.FindFirstValue("email"), roles.Distinct().ToList());
    }
}

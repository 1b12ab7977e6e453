using System.Security.Claims;
using FeeBridge.Application;
using FeeBridge.Server.Staff;

namespace FeeBridge.Server.Tests.Staff;

/// <summary>
/// CONTRACTS.md §5: FeeBridge maps the provider's role claims onto its own roles, each scoped — library-staff (agencies),
/// finance-staff and project-leader (one municipality), kombit, admin, auditor — through a mapping the operator configures.
/// </summary>
public sealed class StaffRolesTests
{
    private static ClaimsPrincipal Provider(string sub, params string[] roles) =>
        new(new ClaimsIdentity([new Claim("sub", sub), new Claim("name", "Test Person"), new Claim("email", "t@example.dk"),
            .. roles.Select(r => new Claim("roles", r))], "test"));

    [Theory]
    [InlineData("library-staff:710100", "library-staff", "710100")]
    [InlineData("finance-staff:101", "finance-staff", "101")]
    [InlineData("project-leader:751", "project-leader", "751")]
    [InlineData("kombit", "kombit", null)]
    [InlineData("admin", "admin", null)]
    [InlineData("auditor", "auditor", null)]
    public void FeeBridgesOwnRoleNames_Parse(string text, string role, string? scope) =>
        StaffRole.Parse(text).ShouldBe(new StaffRole(role, scope));

    [Theory]
    [InlineData("library-staff")]          // a scoped role without its scope
    [InlineData("library-staff:101")]      // an agency id has 6 digits
    [InlineData("project-leader:710100")]  // a municipality has 3
    [InlineData("kombit:101")]             // kombit is not scoped
    [InlineData("superuser")]
    [InlineData("")]
    public void AnythingElse_IsNoRole(string text) => StaffRole.Parse(text).ShouldBeNull();

    [Fact]
    public void WithoutAMap_TheProvidersValuesAreFeeBridgesRoles_AndUnknownOnesAreDropped()
    {
        var user = StaffRoles.FromProvider(Provider("projektleder", "project-leader:101", "something-else"), new StaffOptions())!;
        user.UserName.ShouldBe("projektleder");
        user.Roles.ShouldBe([new StaffRole("project-leader", "101")]);
        user.MayChangeRollout("101").ShouldBeTrue();
        user.MayReadRollout("751").ShouldBeFalse();
    }

    [Fact]
    public void WithAMap_ABrokersValuesBecomeFeeBridgesRoles_AndUnmappedValuesGiveNone()
    {
        var options = new StaffOptions
        {
            RoleMap = new()
            {
                ["http://kombit.dk/roles/usersystemrole/fbs-projektleder/1_0?kommune=0101"] = "project-leader:101",
                ["http://kombit.dk/roles/usersystemrole/fbs-opkraevning/1_0"] = "finance-staff:101, auditor",
            },
        };
        var user = StaffRoles.FromProvider(Provider("u1", "http://kombit.dk/roles/usersystemrole/fbs-opkraevning/1_0", "project-leader:101"), options)!;
        // The map is the only way in: a value that looks like FeeBridge's own is not taken unmapped.
        user.Roles.ShouldBe([new StaffRole("finance-staff", "101"), new StaffRole("auditor", null)]);
    }

    [Fact]
    public void KombitReadsEveryMunicipality_ButChangesNone_AndOnlyAuditorsReadTheLog()
    {
        var kombit = StaffRoles.FromProvider(Provider("kombit", "kombit"), new StaffOptions())!;
        kombit.MayReadRollout("101").ShouldBeTrue();
        kombit.MayChangeRollout("101").ShouldBeFalse();
        kombit.MayImportMasterTasks.ShouldBeTrue();
        kombit.MayReadAudit.ShouldBeFalse();
        StaffRoles.FromProvider(Provider("revisor", "auditor"), new StaffOptions())!.MayReadAudit.ShouldBeTrue();
    }

    [Fact]
    public void AProviderThatNamesNoUser_GivesNoStaffUser() =>
        StaffRoles.FromProvider(new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", "admin")], "test")), new StaffOptions()).ShouldBeNull();

    [Fact]
    public void TheMappedUser_SurvivesTheRoundTripThroughFeeBridgesOwnClaims()
    {
        var user = StaffRoles.FromProvider(Provider("bibliotekar", "library-staff:710100", "library-staff:715100"), new StaffOptions())!;
        StaffUser.From(new ClaimsPrincipal(user.ToIdentity("test"))).ShouldBe(user with { }, new StaffUserComparer());
    }

    private sealed class StaffUserComparer : IEqualityComparer<StaffUser>
    {
        public bool Equals(StaffUser? a, StaffUser? b) => a is not null && b is not null && a.UserName == b.UserName && a.DisplayName == b.DisplayName
            && a.Email == b.Email && a.Roles.SequenceEqual(b.Roles);
        public int GetHashCode(StaffUser u) => u.UserName.GetHashCode(StringComparison.Ordinal);
    }
}

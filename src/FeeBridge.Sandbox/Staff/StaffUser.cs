namespace FeeBridge.Sandbox.Staff;

/// <summary>
/// One test user of the staff stand-in: <see cref="UserName"/> is the <c>sub</c>, <see cref="Roles"/> the role strings
/// of <see cref="StaffRoles"/>; <see cref="Description"/> says on the log-in page what the user may do.
/// </summary>
public sealed record StaffUser(string UserName, string Name, string Email, StaffGroup Group, string Description, IReadOnlyList<string> Roles);

/// <summary>Where the log-in page lists a user.</summary>
public enum StaffGroup
{
    Library,
    Finance,
    ProjectLeader,
    Oversight,
}

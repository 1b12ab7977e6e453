namespace FeeBridge.Sandbox.Staff;

/// <summary>
/// FeeBridge's staff roles as the stand-in writes them in <see cref="StaffTokens.RolesClaim"/> (CONTRACTS.md §5): the
/// role, then <c>:</c> and the scope where the role has one — <c>library-staff:710100</c> (an agency),
/// <c>finance-staff:101</c> and <c>project-leader:101</c> (a municipality); <c>kombit</c>, <c>admin</c> and
/// <c>auditor</c> stand alone.
/// </summary>
public static class StaffRoles
{
    public const string LibraryStaff = "library-staff";
    public const string FinanceStaff = "finance-staff";
    public const string ProjectLeader = "project-leader";
    public const string Kombit = "kombit";
    public const string Admin = "admin";
    public const string Auditor = "auditor";

    public const char ScopeSeparator = ':';

    /// <summary>A scoped role, e.g. <c>Scoped(LibraryStaff, "710100")</c> is <c>library-staff:710100</c>.</summary>
    public static string Scoped(string role, string scope) => role + ScopeSeparator + scope;
}

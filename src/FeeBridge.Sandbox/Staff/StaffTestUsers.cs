using FeeBridge.Rollout.Municipalities;

namespace FeeBridge.Sandbox.Staff;

/// <summary>
/// The staff stand-in's test users (CONTRACTS.md §5): a librarian at each seeded agency, a finance officer in
/// København, a project leader for each of the 98 municipalities, and KOMBIT, an administrator and an auditor.
/// </summary>
public static class StaffTestUsers
{
    public const string ProjectLeaderPrefix = "projektleder-";

    /// <summary><c>projektleder</c> alone is København's project leader, <c>projektleder-101</c>.</summary>
    public const string ProjectLeaderAlias = "projektleder";

    private const string MailDomain = "sandbox.feebridge.dk";

    public static IReadOnlyList<StaffUser> All { get; } = Build(MunicipalityRegister.Denmark);

    private static readonly Dictionary<string, StaffUser> ByUserName = All.ToDictionary(u => u.UserName, StringComparer.Ordinal);

    /// <summary>The user with that user name (or the alias <see cref="ProjectLeaderAlias"/>); null if there is none.</summary>
    public static StaffUser? Find(string? userName) =>
        userName == ProjectLeaderAlias ? ByUserName[ProjectLeaderOf(Kommunekode.Parse("101"))]
        : userName is null ? null
        : ByUserName.GetValueOrDefault(userName);

    /// <summary>The user name of a municipality's project leader: <c>projektleder-</c> and its code.</summary>
    public static string ProjectLeaderOf(Kommunekode municipality) => ProjectLeaderPrefix + municipality.Value;

    private static List<StaffUser> Build(MunicipalityRegister register)
    {
        // The librarians and the finance officer work where the sandbox seed has its agencies and municipalities.
        var copenhagenLibrary = SandboxSeed.Agencies[0];
        var aarhusLibrary = SandboxSeed.Agencies[1];
        var copenhagen = SandboxSeed.Municipalities[0];
        List<StaffUser> users =
        [
            User("bibliotekar", "Lise Bach", StaffGroup.Library, $"Bibliotekar, {copenhagenLibrary.Name} ({copenhagenLibrary.Id})",
                StaffRoles.Scoped(StaffRoles.LibraryStaff, copenhagenLibrary.Id.Value)),
            User("bibliotekar-aarhus", "Søren Kragh", StaffGroup.Library, $"Bibliotekar, {aarhusLibrary.Name} ({aarhusLibrary.Id})",
                StaffRoles.Scoped(StaffRoles.LibraryStaff, aarhusLibrary.Id.Value)),
            User("debitor", "Hanne Østergaard", StaffGroup.Finance, $"Debitorsagsbehandler, {copenhagen.Name} ({copenhagen.Code})",
                StaffRoles.Scoped(StaffRoles.FinanceStaff, copenhagen.Code.Value)),
        ];
        users.AddRange(register.All.Select(m => User(ProjectLeaderOf(m.Code), $"Projektleder, {m.Name}", StaffGroup.ProjectLeader,
            $"Projektleder for udrulningen i {m.Name} ({m.Code})", StaffRoles.Scoped(StaffRoles.ProjectLeader, m.Code.Value))));
        users.Add(User("kombit", "Karin Holm", StaffGroup.Oversight, "KOMBIT: alle kommuners udrulning og masteropgaverne", StaffRoles.Kombit));
        users.Add(User("admin", "Anders Vestergaard", StaffGroup.Oversight, "Administrator: FeeBridges opsætning", StaffRoles.Admin));
        users.Add(User("revisor", "Rikke Dahl", StaffGroup.Oversight, "Revisor: læseadgang til alle revisionslogge", StaffRoles.Auditor));
        return users;
    }

    private static StaffUser User(string userName, string name, StaffGroup group, string description, string role) =>
        new(userName, name, $"{userName}@{MailDomain}", group, description, [role]);
}

namespace FeeBridge.Rollout.Organisation;

/// <summary>
/// The roles of a municipality's role gallery (DOMAIN.md §8, task 23 "Etabler organisering"; CONTRACTS.md §6 names
/// the first six). KOMBIT mails only people registered here.
/// </summary>
public enum RoleId
{
    /// <summary><c>projektejer</c>.</summary>
    Projektejer,
    /// <summary><c>projektleder</c>: one per municipality, KOMBIT's primary contact, covers public and school libraries.</summary>
    Projektleder,
    /// <summary><c>oeir-koordinator</c> (ØiR-koordinator).</summary>
    OeirKoordinator,
    /// <summary><c>klik-administrator</c>.</summary>
    KlikAdministrator,
    /// <summary><c>superbruger</c>.</summary>
    Superbruger,
    /// <summary><c>systemadministrator</c>: set-up in FBS, the debtor system and Serviceplatformen.</summary>
    Systemadministrator,
    /// <summary><c>bibliotekspersonale</c>: library staff.</summary>
    Bibliotekspersonale,
    /// <summary><c>debitorpersonale</c>: debtor/finance staff.</summary>
    Debitorpersonale,
}

/// <summary>A role's id on the wire and its Danish title on screen.</summary>
public sealed record RoleDefinition(RoleId Role, string Id, string Title);

/// <summary>The eight roles in the order the gallery shows them.</summary>
public static class Roles
{
    /// <summary>All roles, in gallery order.</summary>
    public static IReadOnlyList<RoleDefinition> All { get; } =
    [
        new(RoleId.Projektejer, "projektejer", "Projektejer"),
        new(RoleId.Projektleder, "projektleder", "Projektleder"),
        new(RoleId.OeirKoordinator, "oeir-koordinator", "ØiR-koordinator"),
        new(RoleId.KlikAdministrator, "klik-administrator", "KLIK-administrator"),
        new(RoleId.Superbruger, "superbruger", "Superbruger"),
        new(RoleId.Systemadministrator, "systemadministrator", "Systemadministrator"),
        new(RoleId.Bibliotekspersonale, "bibliotekspersonale", "Bibliotekspersonale"),
        new(RoleId.Debitorpersonale, "debitorpersonale", "Debitor- og økonomimedarbejdere"),
    ];

    /// <summary>The definition of <paramref name="role"/>.</summary>
    public static RoleDefinition Of(RoleId role) => All[(int)role];

    /// <summary>The role with this wire id (exact, lower case), or null.</summary>
    public static RoleDefinition? Find(string? id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal));
}

namespace FeeBridge.Rollout.Organisation;

/// <summary>A person registered in a role; <see cref="Primary"/> is the one KOMBIT sends some mails to.</summary>
public sealed record RolePerson(string Name, EmailAddress Email, bool Primary);

/// <summary>A role and its people (possibly none).</summary>
public sealed record RoleMembers(RoleId Role, IReadOnlyList<RolePerson> People)
{
    /// <summary>The role's wire id.</summary>
    public string Id => Roles.Of(Role).Id;
}

/// <summary>A competence and the people of the gallery who cover it, from <see cref="From"/> if set.</summary>
public sealed record CompetenceCover(CompetenceId Competence, IReadOnlyList<EmailAddress> CoveredBy, DateOnly? From)
{
    /// <summary>The competence's wire id.</summary>
    public string Id => Competences.Of(Competence).Id;
}

/// <summary>
/// A municipality's checked role gallery (task 23): every role of <see cref="Roles"/> in gallery order, empty ones
/// included, and every competence of <see cref="Competences"/> in task order. Built only by
/// <see cref="OrganisationValidation.Validate"/> (or <see cref="Empty"/>), so what it holds obeys the rules: valid
/// addresses, names present, at most one primary per role, coverers are people of the gallery.
/// </summary>
public sealed class MunicipalOrganisation
{
    private readonly Dictionary<EmailAddress, RolePerson> _people;

    internal MunicipalOrganisation(IReadOnlyList<RoleMembers> roles, IReadOnlyList<CompetenceCover> competences)
    {
        RoleMembers = roles;
        CompetenceCovers = competences;
        _people = [];
        foreach (var person in roles.SelectMany(r => r.People)) _people.TryAdd(person.Email, person);
    }

    /// <summary>A gallery nobody has filled in yet: all roles empty, no competence covered.</summary>
    public static MunicipalOrganisation Empty { get; } = new(
        [.. Roles.All.Select(r => new RoleMembers(r.Role, []))],
        [.. Competences.All.Select(c => new CompetenceCover(c.Competence, [], null))]);

    /// <summary>All eight roles, in gallery order.</summary>
    public IReadOnlyList<RoleMembers> RoleMembers { get; }

    /// <summary>All seven competences, in task 23's order.</summary>
    public IReadOnlyList<CompetenceCover> CompetenceCovers { get; }

    /// <summary>Everyone in the gallery once, whatever the number of roles they hold.</summary>
    public IReadOnlyCollection<RolePerson> People => _people.Values;

    /// <summary>True when <paramref name="email"/> is a person of the gallery (any role).</summary>
    public bool Contains(EmailAddress email) => _people.ContainsKey(email);

    /// <summary>The person with this address, or null.</summary>
    public RolePerson? Find(EmailAddress email) => _people.GetValueOrDefault(email);

    /// <summary>True when <paramref name="email"/> is registered in <paramref name="role"/> (CONTRACTS.md §7: an applicant must hold the role).</summary>
    public bool Holds(EmailAddress email, RoleId role) => Members(role).People.Any(p => p.Email == email);

    /// <summary>The members of one role.</summary>
    public RoleMembers Members(RoleId role) => RoleMembers[(int)role];

    /// <summary>The roles nobody is registered in (KOMBIT's overview counts them).</summary>
    public int EmptyRoleCount => RoleMembers.Count(r => r.People.Count == 0);
}

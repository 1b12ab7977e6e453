namespace FeeBridge.Rollout.Organisation;

/// <summary>What an organisation warning is about (the wire's <c>kind</c>).</summary>
public enum OrganisationWarningKind
{
    /// <summary><c>empty-role</c>: nobody in the role, so KOMBIT's mails for it reach nobody.</summary>
    EmptyRole,
    /// <summary><c>no-primary</c>: the role has people but not exactly one primary.</summary>
    NoPrimary,
    /// <summary><c>several-project-leaders</c>: DOMAIN.md §8 — one projektleder per municipality.</summary>
    SeveralProjectLeaders,
    /// <summary><c>uncovered-competence</c>: nobody covers one of task 23's competences.</summary>
    UncoveredCompetence,
    /// <summary><c>bounced-address</c>: mail to this address came back.</summary>
    BouncedAddress,
}

/// <summary>
/// One warning about a gallery, naming its role, competence or address; <see cref="Message"/> is the Danish text
/// staff read. <see cref="Role"/>/<see cref="Competence"/> are wire ids so a screen can point at the row.
/// </summary>
public sealed record OrganisationWarning(OrganisationWarningKind Kind, string Message, string? Role = null, string? Competence = null, string? Email = null)
{
    /// <summary>The kind's wire id (<c>empty-role</c>, …).</summary>
    public string KindId => Kind switch
    {
        OrganisationWarningKind.EmptyRole => "empty-role",
        OrganisationWarningKind.NoPrimary => "no-primary",
        OrganisationWarningKind.SeveralProjectLeaders => "several-project-leaders",
        OrganisationWarningKind.UncoveredCompetence => "uncovered-competence",
        _ => "bounced-address",
    };
}

/// <summary>
/// The warnings of CONTRACTS.md §6 (read-only <c>warnings</c>): each empty role, each role with people but without
/// exactly one primary, each uncovered competence, and each address that bounced (DOMAIN.md §8: "KOMBIT mails only
/// people registered in the role gallery: an empty role, or an address that bounces, means the municipality misses
/// information; one primær per role gets some mails").
/// </summary>
public static class OrganisationWarnings
{
    /// <summary>The warnings, roles first in gallery order, then competences, then bounced addresses.</summary>
    /// <param name="organisation">The checked gallery.</param>
    /// <param name="bounced">Addresses whose mail came back (the mail log knows; passed in).</param>
    public static IReadOnlyList<OrganisationWarning> Of(MunicipalOrganisation organisation, IReadOnlySet<EmailAddress>? bounced = null)
    {
        var warnings = new List<OrganisationWarning>();
        foreach (var members in organisation.RoleMembers)
        {
            var title = Roles.Of(members.Role).Title;
            var primaries = members.People.Count(p => p.Primary);
            if (members.People.Count == 0)
                warnings.Add(new(OrganisationWarningKind.EmptyRole, $"Rollen {title} er tom: KOMBIT kan ikke sende information til den.", Role: members.Id));
            else if (primaries != 1)
                warnings.Add(new(OrganisationWarningKind.NoPrimary, $"Rollen {title} har ingen primær person: markér én som primær.", Role: members.Id));
            if (members.Role == RoleId.Projektleder && members.People.Count > 1)
                warnings.Add(new(OrganisationWarningKind.SeveralProjectLeaders,
                    $"Rollen {title} har {members.People.Count} personer: kommunen har én projektleder, som er KOMBITs primære kontakt.", Role: members.Id));
        }
        foreach (var cover in organisation.CompetenceCovers.Where(c => c.CoveredBy.Count == 0))
            warnings.Add(new(OrganisationWarningKind.UncoveredCompetence,
                $"Ingen dækker kompetencen '{Competences.Of(cover.Competence).Title}'.", Competence: cover.Id));
        if (bounced is not null)
        {
            foreach (var members in organisation.RoleMembers)
            {
                foreach (var person in members.People.Where(p => bounced.Contains(p.Email)))
                    warnings.Add(new(OrganisationWarningKind.BouncedAddress,
                        $"Mail til {person.Email} ({person.Name}, {Roles.Of(members.Role).Title}) kom retur: ret adressen.",
                        Role: members.Id, Email: person.Email.Value));
            }
        }
        return warnings;
    }
}

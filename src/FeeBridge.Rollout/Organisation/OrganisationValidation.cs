namespace FeeBridge.Rollout.Organisation;

/// <summary>
/// The rules a role gallery must obey before it is kept (CONTRACTS.md §6 organisation): a known role and competence
/// each at most once; every person with a non-empty name and a valid e-mail, once per role and under one name
/// across roles; at most one <c>primary</c> per role; a competence covered only by people of the gallery.
/// Everything that is merely incomplete (an empty role, no primary, an uncovered competence) is accepted and
/// becomes a warning instead (<see cref="OrganisationWarnings"/>): a gallery is filled in over weeks.
/// </summary>
public static class OrganisationValidation
{
    /// <summary>Checks <paramref name="draft"/>; refuses with every reason found, each naming its field path.</summary>
    public static Outcome<MunicipalOrganisation> Validate(OrganisationDraft draft)
    {
        var refusals = new List<Refusal>();
        var members = new Dictionary<RoleId, List<RolePerson>>();
        var names = new Dictionary<EmailAddress, string>();

        for (var i = 0; i < draft.Roles.Count; i++)
        {
            var roleDraft = draft.Roles[i];
            var field = $"roles[{i}]";
            var role = Roles.Find(roleDraft.Role);
            if (role is null)
            {
                refusals.Add(new($"{field}.role", $"Ukendt rolle '{roleDraft.Role}'. Kendte roller: {string.Join(", ", Roles.All.Select(r => r.Id))}."));
                continue;
            }
            if (members.ContainsKey(role.Role))
            {
                refusals.Add(new($"{field}.role", $"Rollen {role.Title} står mere end én gang."));
                continue;
            }
            var people = new List<RolePerson>();
            members[role.Role] = people;
            var list = roleDraft.People ?? [];
            for (var j = 0; j < list.Count; j++)
            {
                var person = list[j];
                var personField = $"{field}.people[{j}]";
                var name = person.Name?.Trim() ?? "";
                if (name.Length == 0) refusals.Add(new($"{personField}.name", "Navnet mangler."));
                if (!EmailAddress.TryParse(person.Email, out var email, out var emailError))
                {
                    refusals.Add(new($"{personField}.email", emailError!));
                    continue;
                }
                if (people.Any(p => p.Email == email))
                {
                    refusals.Add(new($"{personField}.email", $"{email} står to gange i rollen {role.Title}."));
                    continue;
                }
                if (name.Length > 0 && names.TryGetValue(email, out var earlier) && !string.Equals(earlier, name, StringComparison.Ordinal))
                    refusals.Add(new($"{personField}.name", $"{email} står allerede som '{earlier}'; én adresse er én person."));
                else if (name.Length > 0) names.TryAdd(email, name);
                people.Add(new RolePerson(name, email, person.Primary));
            }
            if (people.Count(p => p.Primary) > 1)
                refusals.Add(new($"{field}.people", $"Rollen {role.Title} har mere end én primær person; der må højst være én."));
        }

        var covers = new Dictionary<CompetenceId, CompetenceCover>();
        var gallery = members.Values.SelectMany(p => p).Select(p => p.Email).ToHashSet();
        for (var i = 0; i < draft.Competences.Count; i++)
        {
            var competenceDraft = draft.Competences[i];
            var field = $"competences[{i}]";
            var competence = Competences.Find(competenceDraft.Competence);
            if (competence is null)
            {
                refusals.Add(new($"{field}.competence", $"Ukendt kompetence '{competenceDraft.Competence}'. Kendte kompetencer: {string.Join(", ", Competences.All.Select(c => c.Id))}."));
                continue;
            }
            if (covers.ContainsKey(competence.Competence))
            {
                refusals.Add(new($"{field}.competence", $"Kompetencen '{competence.Title}' står mere end én gang."));
                continue;
            }
            var coveredBy = new List<EmailAddress>();
            var list = competenceDraft.CoveredBy ?? [];
            for (var j = 0; j < list.Count; j++)
            {
                if (!EmailAddress.TryParse(list[j], out var email, out var emailError))
                    refusals.Add(new($"{field}.coveredBy[{j}]", emailError!));
                else if (!gallery.Contains(email))
                    refusals.Add(new($"{field}.coveredBy[{j}]", $"{email} er ikke registreret i nogen rolle; tilføj personen til en rolle først."));
                else if (!coveredBy.Contains(email))
                    coveredBy.Add(email);
            }
            covers[competence.Competence] = new CompetenceCover(competence.Competence, coveredBy, competenceDraft.From);
        }

        if (refusals.Count > 0) return Outcome<MunicipalOrganisation>.Refuse(refusals);
        return Outcome<MunicipalOrganisation>.Accept(new MunicipalOrganisation(
            [.. Roles.All.Select(r => new RoleMembers(r.Role, members.TryGetValue(r.Role, out var p) ? p : []))],
            [.. Competences.All.Select(c => covers.GetValueOrDefault(c.Competence) ?? new CompetenceCover(c.Competence, [], null))]));
    }
}

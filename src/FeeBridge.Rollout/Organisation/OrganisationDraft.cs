namespace FeeBridge.Rollout.Organisation;

/// <summary>
/// The role gallery as a municipality sends it (CONTRACTS.md §6 <c>PUT …/organisation</c>), not yet checked:
/// <c>{"roles":[{"role","people":[{"name","email","primary"}]}],"competences":[{"competence","coveredBy":[email],"from"?}]}</c>.
/// <see cref="OrganisationValidation.Validate"/> turns it into a <see cref="MunicipalOrganisation"/> or says why not.
/// </summary>
public sealed record OrganisationDraft(IReadOnlyList<RoleDraft> Roles, IReadOnlyList<CompetenceDraft> Competences);

/// <summary>One role and the people in it, as sent.</summary>
public sealed record RoleDraft(string? Role, IReadOnlyList<PersonDraft>? People);

/// <summary>One person in a role, as sent.</summary>
public sealed record PersonDraft(string? Name, string? Email, bool Primary);

/// <summary>Who covers a competence, and from when, as sent.</summary>
public sealed record CompetenceDraft(string? Competence, IReadOnlyList<string>? CoveredBy, DateOnly? From);

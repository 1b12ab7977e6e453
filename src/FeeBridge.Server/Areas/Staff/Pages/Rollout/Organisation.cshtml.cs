using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Rollout;

/// <summary>
/// The municipality's role gallery and competences of task 23 (<c>/staff/rollout/{kommunekode}/organisation</c>),
/// with the warnings the API gives; the project leader adds a person to a role or takes one out, one role at a
/// time, and says who of the gallery covers a competence and from when, one competence at a time, through the same
/// validation and store as the API's PUT.
/// </summary>
public sealed class OrganisationModel(FeeBridgeStore store, StaffAudit audit, TimeProvider clock) : RolloutPageModel
{
    public MunicipalOrganisation Gallery { get; private set; } = MunicipalOrganisation.Empty;
    public IReadOnlyList<OrganisationWarning> Warnings { get; private set; } = [];
    public int? Version { get; private set; }
    /// <summary>The gallery's addresses whose mail came back, with the mail server's reason (shown at the person).</summary>
    public IReadOnlyDictionary<EmailAddress, BouncedAddress> Bounced { get; private set; } = new Dictionary<EmailAddress, BouncedAddress>();
    public bool MayChange { get; private set; }
    public IReadOnlyList<Refusal> Refusals { get; private set; } = [];
    public bool Saved { get; private set; }

    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public bool Primary { get; set; }
    [BindProperty] public string? Remove { get; set; }

    public async Task<IActionResult> OnGetAsync(string kommunekode, bool gemt, CancellationToken ct)
    {
        if (Denied(kommunekode, change: false) is { } denied) return denied;
        Saved = gemt;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Adds one person to one role (or, with <see cref="Remove"/>, takes one out of it), keeping the rest.</summary>
    public async Task<IActionResult> OnPostAsync(string kommunekode, CancellationToken ct)
    {
        if (Denied(kommunekode, change: true) is { } denied) return denied;
        await LoadAsync(ct);
        var role = Roles.Find(Role);
        var roles = Gallery.RoleMembers.Select(r => new RoleDraft(r.Id, [.. r.People
            .Where(p => !(r.Role == role?.Role && Remove is not null && p.Email.Value == Remove))
            .Select(p => new PersonDraft(p.Name, p.Email.Value, p.Primary && !(Primary && r.Role == role?.Role && Remove is null)))])).ToList();
        if (role is null) { Refusals = [new("role", "Vælg en rolle.")]; return Invalid(); }
        if (Remove is null)
        {
            var index = (int)role.Role;
            roles[index] = roles[index] with { People = [.. roles[index].People!, new PersonDraft(Name?.Trim(), Email?.Trim(), Primary)] };
        }
        // Coverers who left the gallery no longer cover a competence.
        var remaining = roles.SelectMany(r => r.People!).Select(p => p.Email).ToHashSet(StringComparer.Ordinal);
        var competences = Gallery.CompetenceCovers.Select(c => new CompetenceDraft(c.Id,
            [.. c.CoveredBy.Select(e => e.Value).Where(remaining.Contains)], c.From)).ToList();
        return await SaveAsync(new OrganisationDraft(roles, competences), "", ct);
    }

    /// <summary>
    /// Who covers one competence (people of the gallery, <paramref name="coveredBy"/> their addresses; none uncovers
    /// it) and from when (<paramref name="from"/> as <c>yyyy-MM-dd</c>, empty for "not said"); the rest is kept.
    /// </summary>
    public async Task<IActionResult> OnPostCompetenceAsync(string kommunekode, string? competence, List<string>? coveredBy, string? from, CancellationToken ct)
    {
        if (Denied(kommunekode, change: true) is { } denied) return denied;
        await LoadAsync(ct);
        if (Competences.Find(competence) is not { } target) { Refusals = [new("competence", "Vælg en kompetence.")]; return Invalid(); }
        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (!DateOnly.TryParseExact(from.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
            {
                Refusals = [new("from", "Skriv datoen som åååå-mm-dd.")];
                return Invalid();
            }
            day = parsed;
        }
        var roles = Gallery.RoleMembers.Select(r => new RoleDraft(r.Id, [.. r.People.Select(p => new PersonDraft(p.Name, p.Email.Value, p.Primary))])).ToList();
        var competences = Gallery.CompetenceCovers.Select(c => c.Competence == target.Competence
            ? new CompetenceDraft(c.Id, [.. (coveredBy ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim())], day)
            : new CompetenceDraft(c.Id, [.. c.CoveredBy.Select(e => e.Value)], c.From)).ToList();
        return await SaveAsync(new OrganisationDraft(roles, competences), $"#kompetence-{target.Id}", ct);
    }

    private async Task<IActionResult> SaveAsync(OrganisationDraft draft, string anchor, CancellationToken ct)
    {
        var validated = OrganisationValidation.Validate(draft);
        if (!validated.IsAccepted) { Refusals = validated.Refusals; return Invalid(); }
        var code = Municipality!.Code;
        var write = await store.Rollout.Organisations.SaveAsync(code, validated.Value!, Version, new TaskActor(StaffMember.UserName, clock.GetUtcNow()), ct);
        if (!write.Saved) { Refusals = [new("organisation", "Rollegalleriet blev ændret imens. Prøv igen.")]; return Invalid(); }
        await audit.RecordAsync(StaffMember, "rollout.organisation.saved", $"rollout/{code}/organisation", null, $"version {write.Current.Version}", ct);
        return Redirect($"/staff/rollout/{code.Value}/organisation?gemt=true{anchor}");
    }

    private IActionResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var code = Municipality!.Code;
        MayChange = StaffMember.MayChangeRollout(code.Value);
        var stored = await store.Rollout.Organisations.FindAsync(code, ct);
        Gallery = stored?.Organisation ?? MunicipalOrganisation.Empty;
        Version = stored?.Version;
        var bounced = await store.Rollout.Organisations.BouncedAsync([.. Gallery.People.Select(p => p.Email)], ct);
        Warnings = OrganisationWarnings.Of(Gallery, bounced.Select(b => b.Address).ToHashSet());
        Bounced = bounced.ToDictionary(b => b.Address);
    }
}

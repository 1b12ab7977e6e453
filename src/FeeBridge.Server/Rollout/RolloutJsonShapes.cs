using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Claims;

namespace FeeBridge.Server.Rollout;

/// <summary>A municipality's task as CONTRACTS.md §6 writes it: the master task's fields plus the municipality's own.</summary>
public sealed record MunicipalTaskJson(
    string TaskId, string Origin, string Project, int? MasterTaskId, int Version, string Title, string Phase, string Theme,
    PriorityJson Priority, bool? Infrastructure, IReadOnlyList<string> Waves, string Goal, string Description, IReadOnlyList<string> Method,
    string Result, string RecommendedPerformer, IReadOnlyList<string> InvolvedParties, IReadOnlyList<string> Links, IReadOnlyList<string> Warnings,
    string Status, string StatusTitle, string? NotRelevantReason, string? Accountable, string? Performer, string? Deadline, bool Overdue,
    IReadOnlyList<NoteJson> Notes, IReadOnlyList<EvidenceJson> Evidence, IReadOnlyList<string>? ChangedInLastVersion, int Revision, string UpdatedAt)
{
    public static MunicipalTaskJson From(MunicipalTask t, DateOnly today, IReadOnlyList<EvidenceJson> evidence)
    {
        var f = t.Fields;
        return new(t.TaskId, t.Origin == TaskOrigin.Local ? "local" : "master", f.Project, MasterTaskJson.IdOf(f.MasterTaskId), f.Version, f.Title, f.Phase, f.Theme,
            new PriorityJson(f.Priority.Level, f.Priority.Label), f.Infrastructure, f.Waves, f.Goal, f.Description, f.Method, f.Result,
            f.RecommendedPerformer, f.InvolvedParties, f.Links, f.Warnings, MunicipalTaskStatuses.Id(t.Status), MunicipalTaskStatuses.Title(t.Status),
            t.NotRelevantReason, t.Accountable?.Value, t.Performer?.Value,
            t.Deadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), t.IsOverdue(today),
            [.. t.Notes.Select(n => new NoteJson(n.Who, ClaimResources.Time(n.At), n.Text))], evidence,
            t.LastVersionChange?.ChangedFields, t.Revision, ClaimResources.Time(t.UpdatedAt));
    }
}

public sealed record NoteJson(string Who, string At, string Text);

/// <summary>What FeeBridge itself checked for a task: "checked by FeeBridge at …: …".</summary>
public sealed record EvidenceJson(string Check, string Title, bool Passed, string Detail, string CheckedAt);

public sealed record HistoryJson(string Who, string At, string Field, string? Before, string? After);

/// <summary>The role gallery (CONTRACTS.md §6 organisation), warnings read-only.</summary>
public sealed record OrganisationJson(IReadOnlyList<RoleJson> Roles, IReadOnlyList<CompetenceJson> Competences, IReadOnlyList<string> Warnings, int? Version)
{
    public static OrganisationJson From(MunicipalOrganisation o, IReadOnlyList<OrganisationWarning> warnings, int? version) => new(
        [.. o.RoleMembers.Select(r => new RoleJson(r.Id, [.. r.People.Select(p => new PersonJson(p.Name, p.Email.Value, p.Primary))]))],
        [.. o.CompetenceCovers.Select(c => new CompetenceJson(c.Id, [.. c.CoveredBy.Select(e => e.Value)],
            c.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))],
        [.. warnings.Select(w => w.Message)], version);
}

public sealed record RoleJson(string Role, IReadOnlyList<PersonJson> People);
public sealed record PersonJson(string Name, string Email, bool Primary);
public sealed record CompetenceJson(string Competence, IReadOnlyList<string> CoveredBy, string? From);

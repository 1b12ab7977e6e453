using FeeBridge.Persistence;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.WorkingGroups;
using FeeBridge.Server.Staff.Pages.Rollout;
using FeeBridge.Server.WorkingGroups;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.WorkingGroups;

/// <summary>
/// One working group (<c>/staff/working-groups/{id}</c>): its tracks, quotas and the counts of applications per
/// feature (never names); for a project leader the sign-up form for their own municipality, through the same rules
/// and store as the API (<see cref="WorkingGroupSignUps"/>), and their municipality's own applications.
/// </summary>
public sealed class GroupModel(FeeBridgeStore store, WorkingGroupSignUps signUps, TimeProvider clock) : RolloutPageModel
{
    public WorkingGroup Group { get; private set; } = null!;
    public IReadOnlyList<TrackApplicationCounts> Counts { get; private set; } = [];
    public IReadOnlyList<GroupApplication> Own { get; private set; } = [];
    public bool Open { get; private set; }
    public bool Prepared { get; private set; }
    public string? LeaderOf { get; private set; }
    public DanishMunicipality? LeaderMunicipality { get; private set; }
    public IReadOnlyList<RolePerson> Candidates { get; private set; } = [];
    public IReadOnlyList<Refusal> Refusals { get; private set; } = [];

    [BindProperty] public string? Track { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? LibraryType { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (LeaderOf is null) return Refuse(StatusCodes.Status403Forbidden, "Kun en kommunes projektleder kan søge en plads, og kun for sin egen kommune.");
        var result = await signUps.ApplyAsync(StaffMember, Group, Kommunekode.Parse(LeaderOf), new ApplicationDraft(Track, Name, Email, Role, LibraryType), ct);
        if (result.Decision.Application is { } a)
            return Redirect($"/staff/working-groups/{Uri.EscapeDataString(Group.Id)}/applications/{Uri.EscapeDataString(a.Id)}?kvittering={result.Receipt}");
        Refusals = result.Decision.Refusals;
        Response.StatusCode = result.Decision.Kind == SignUpRefusalKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string id, CancellationToken ct)
    {
        var user = StaffMember;
        if (!user.SeesEveryMunicipality && !user.Has(StaffRole.ProjectLeader))
            return Refuse(StatusCodes.Status403Forbidden, "Arbejdsgrupperne er for KOMBIT og kommunernes projektledere.");
        if (await store.Rollout.WorkingGroups.FindAsync(id, ct) is not { } g) return Refuse(StatusCodes.Status404NotFound, "Der er ingen arbejdsgruppe med det id.");
        Group = g.Group;
        Open = !Group.IsClosedAt(clock.GetUtcNow());
        var applications = await store.Rollout.WorkingGroups.ApplicationsAsync(id, ct);
        Counts = ApplicationCounts.Of(Group, applications, MunicipalityRegister.Denmark);
        Prepared = await store.Rollout.WorkingGroups.LotteryAsync(id, ct) is not null;
        LeaderOf = user.Roles.FirstOrDefault(r => r.Role == StaffRole.ProjectLeader && r.Scope is not null)?.Scope;
        if (LeaderOf is not null)
        {
            var code = Kommunekode.Parse(LeaderOf);
            Own = [.. applications.Where(a => a.Municipality == code)];
            LeaderMunicipality = MunicipalityRegister.Denmark.Find(code);
            var gallery = (await store.Rollout.Organisations.FindAsync(code, ct))?.Organisation ?? MunicipalOrganisation.Empty;
            var roles = Group.Tracks.SelectMany(t => t.Roles).ToHashSet();
            Candidates = [.. gallery.RoleMembers.Where(r => roles.Contains(r.Role)).SelectMany(r => r.People).DistinctBy(p => p.Email)];
        }
        return null;
    }

    public string? ErrorFor(string field) => Refusals.FirstOrDefault(r => r.Field == field)?.Reason;
}

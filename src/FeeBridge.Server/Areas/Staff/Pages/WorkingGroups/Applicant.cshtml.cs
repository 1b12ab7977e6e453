using FeeBridge.Persistence;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.WorkingGroups;
using FeeBridge.Server.Staff.Pages.Rollout;
using FeeBridge.Server.WorkingGroups;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.WorkingGroups;

/// <summary>
/// The applicant's own view (<c>/staff/working-groups/{id}/applications/{applicationId}</c>): the application, the
/// chance, the outcome and the reason in Danish — the same as <c>GET …/applications/{applicationId}</c>. Their
/// municipality's project leader and KOMBIT see it.
/// </summary>
public sealed class ApplicantModel(FeeBridgeStore store, WorkingGroupSelections selections) : RolloutPageModel
{
    public WorkingGroup Group { get; private set; } = null!;
    public GroupApplication Application { get; private set; } = null!;
    public WorkingGroupJson.ApplicantJson View { get; private set; } = null!;
    public string? Receipt { get; private set; }
    public string? LotteryHash { get; private set; }
    public DanishMunicipality? ApplicantMunicipality { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string applicationId, string? kvittering, CancellationToken ct)
    {
        if (await store.Rollout.WorkingGroups.FindAsync(id, ct) is not { } g) return Refuse(StatusCodes.Status404NotFound, "Der er ingen arbejdsgruppe med det id.");
        if (await store.Rollout.WorkingGroups.FindApplicationAsync(id, applicationId, ct) is not { } a) return Refuse(StatusCodes.Status404NotFound, "Gruppen har ingen ansøgning med det nummer.");
        if (!StaffMember.MayReadRollout(a.Municipality.Value)) return Refuse(StatusCodes.Status403Forbidden, "Kun ansøgerens kommune og KOMBIT ser ansøgningen.");
        Group = g.Group;
        Application = a;
        ApplicantMunicipality = MunicipalityRegister.Denmark.Find(a.Municipality);
        var selection = await selections.FindAsync(id, ct);
        LotteryHash = selection?.Lottery.Hash;
        View = WorkingGroupJson.Applicant(g.Group, a, selection);
        Receipt = kvittering;
        return Page();
    }
}

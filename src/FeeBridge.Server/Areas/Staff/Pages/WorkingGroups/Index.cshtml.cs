using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Server.Staff.Pages.Rollout;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.WorkingGroups;

/// <summary>The working groups (<c>/staff/working-groups</c>): every group with its deadline, for KOMBIT and project leaders.</summary>
public sealed class IndexModel(FeeBridgeStore store, TimeProvider clock) : RolloutPageModel
{
    public IReadOnlyList<StoredWorkingGroup> Groups { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = StaffMember;
        if (!user.SeesEveryMunicipality && !user.Has(StaffRole.ProjectLeader))
            return Refuse(StatusCodes.Status403Forbidden, "Arbejdsgrupperne er for KOMBIT og kommunernes projektledere.");
        Now = clock.GetUtcNow();
        Groups = await store.Rollout.WorkingGroups.AllAsync(ct);
        return Page();
    }
}

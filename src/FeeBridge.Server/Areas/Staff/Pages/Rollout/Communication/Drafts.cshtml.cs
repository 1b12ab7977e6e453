using FeeBridge.Application.Rollout;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Rollout.Communication;

/// <summary>
/// The drafts written from the configuration (<c>/staff/rollout/{kommunekode}/udkast</c>): every channel with whether
/// the municipality has its own template and how many facts changed since it was last seen, the poster and desk card
/// PDFs, and the FAQ.
/// </summary>
public sealed class DraftsModel(MunicipalityDrafts drafts) : RolloutPageModel
{
    public IReadOnlyList<DraftView> Drafts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string kommunekode, CancellationToken ct)
    {
        if (Denied(kommunekode, change: false) is { } denied) return denied;
        Drafts = await drafts.AllAsync(Municipality!.Code, ct);
        return Page();
    }
}

using FeeBridge.Persistence;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Selection;
using FeeBridge.Rollout.WorkingGroups;
using FeeBridge.Server.Staff.Pages.Rollout;
using FeeBridge.Server.WorkingGroups;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.WorkingGroups;

/// <summary>One track as KOMBIT's selection page shows it.</summary>
public sealed record TrackView(
    WorkingGroupTrack Track,
    TrackLottery Lottery,
    TrackSummary Summary,
    TrackDraw? Draw,
    IReadOnlyList<(TrackQuota Quota, int Least, int Most, int? Drawn)> Quotas,
    IReadOnlyList<(string Id, double Chance, bool Selected, string? Name)> Applicants);

/// <summary>
/// KOMBIT's selection page (<c>/staff/working-groups/{id}/udvaelgelse</c>): after the deadline, prepare the lottery
/// (LEXIMIN, 1,000 panels, the hash to publish), then draw with the public random value; the chances of all as a
/// chart, the quotas met by every panel and by the drawn one, the lowest and highest chance against LEGACY on the same
/// pool, the quota changes the applicants forced, and the downloads. Names appear only once drawn, for the selected.
/// </summary>
public sealed class SelectionModel(FeeBridgeStore store, WorkingGroupSelections selections, StaffAudit audit, TimeProvider clock) : RolloutPageModel
{
    public WorkingGroup Group { get; private set; } = null!;
    public bool Open { get; private set; }
    public GroupSelection? Selection { get; private set; }
    public IReadOnlyList<TrackView> Tracks { get; private set; } = [];
    public string? Problem { get; private set; }

    [BindProperty] public string? RandomValue { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostPrepareAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (Open) { Problem = "Tilmeldingen er stadig åben; der udvælges først efter fristen."; Response.StatusCode = 409; return Page(); }
        if (Selection is null)
        {
            var prepared = await selections.PrepareAsync(Group, StaffMember.UserName, ct);
            await audit.RecordAsync(StaffMember, "rollout.working-group.lottery-prepared", $"working-group/{id}", null, $"lottery {prepared.Lottery.Hash}", ct);
        }
        return Redirect($"/staff/working-groups/{Uri.EscapeDataString(id)}/udvaelgelse");
    }

    public async Task<IActionResult> OnPostDrawAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var value = RandomValue?.Trim() ?? "";
        if (Selection is null || Selection.Draw is not null || value.Length is 0 or > 500)
        {
            Problem = Selection is null ? "Forbered lodtrækningen og offentliggør dens hash først."
                : Selection.Draw is not null ? "Der er allerede trukket lod; resultatet står."
                : "Skriv det offentlige tilfældige tal, der blev fastlagt på forhånd.";
            Response.StatusCode = 422;
            return Page();
        }
        var drawn = await selections.DrawAsync(Selection, value, StaffMember.UserName, ct);
        await audit.RecordAsync(StaffMember, "rollout.working-group.drawn", $"working-group/{id}", null,
            $"random value {value}; " + string.Join(", ", drawn.Draw!.Tracks.Select(t => $"{t.Track} panel {t.Index}")), ct);
        return Redirect($"/staff/working-groups/{Uri.EscapeDataString(id)}/udvaelgelse");
    }

    private async Task<IActionResult?> LoadAsync(string id, CancellationToken ct)
    {
        if (!StaffMember.SeesEveryMunicipality) return Refuse(StatusCodes.Status403Forbidden, "Kun KOMBIT og administratorer udvælger.");
        if (await store.Rollout.WorkingGroups.FindAsync(id, ct) is not { } g) return Refuse(StatusCodes.Status404NotFound, "Der er ingen arbejdsgruppe med det id.");
        Group = g.Group;
        Open = !Group.IsClosedAt(clock.GetUtcNow());
        Selection = await selections.FindAsync(id, ct);
        if (Selection is null) return null;
        var names = Selection.Draw is null ? new Dictionary<string, GroupApplication>()
            : (await store.Rollout.WorkingGroups.ApplicationsAsync(id, ct)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        Tracks = [.. Group.Tracks.Select(t =>
        {
            var lottery = Selection.Lottery.Track(t.Id)!;
            var draw = Selection.DrawOf(t.Id);
            var quotas = lottery.Quotas.Select(q =>
            {
                var holders = lottery.Members.Where(m => ValueOf(m, q.Feature) == q.Value).Select(m => m.ApplicationId).ToHashSet(StringComparer.Ordinal);
                var counts = lottery.Panels.Select(p => p.Count(holders.Contains)).DefaultIfEmpty(0).ToList();
                return (q, counts.Min(), counts.Max(), draw is null ? (int?)null : draw.Selected.Count(holders.Contains));
            }).ToList();
            var chances = lottery.Chances;
            var applicants = lottery.Members.Select(m =>
            {
                var selected = draw?.Selected.Contains(m.ApplicationId, StringComparer.Ordinal) ?? false;
                var name = selected && names.TryGetValue(m.ApplicationId, out var a)
                    ? $"{a.Name}, {MunicipalityRegister.Denmark.Find(a.Municipality)?.Name ?? a.Municipality.Value}" : null;
                return (m.ApplicationId, chances[m.ApplicationId], selected, name);
            }).OrderBy(x => x.Item2).ThenBy(x => x.ApplicationId, StringComparer.Ordinal).ToList();
            return new TrackView(t, lottery, Selection.Summary.Track(t.Id)!, draw, quotas, applicants);
        })];
        return null;
    }

    private static string ValueOf(LotteryMember m, SelectionFeature f) => f switch
    {
        SelectionFeature.Region => m.Region,
        SelectionFeature.Size => m.Size,
        _ => m.LibraryType,
    };
}

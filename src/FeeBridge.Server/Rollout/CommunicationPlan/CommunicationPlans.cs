using FeeBridge.Application.Rollout;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Communication.Drafts;
using FeeBridge.Rollout.Communication.Plan;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Server.Rollout.CommunicationPlan;

/// <summary>
/// A plan as shown: the municipality's facts and gallery (for dates and owners' names), its rows, today in Copenhagen,
/// and the facts that changed since the plan was last seen (its key messages were written with the old ones).
/// </summary>
public sealed record PlanView(MunicipalityFacts Facts, MunicipalOrganisation Gallery, IReadOnlyList<StoredPlanRow> Rows, DateOnly Today,
    IReadOnlyList<FactChange> ChangedFacts)
{
    public bool IsOverdue(PlanRow row) => row.IsOverdue(Facts, Today);
    public string OwnerName(PlanRow row) => row.Owner is not { } e ? "" : Gallery.Find(e) is { Name.Length: > 0 } p ? $"{p.Name} ({e.Value})" : e.Value;
}

/// <summary>
/// Reads a municipality's plan for the API, the page and the exports alike: the live facts
/// (<see cref="MunicipalityFactsSource"/>) and the role gallery, and the rows — the default plan
/// (<see cref="DefaultPlan"/>) written the first time anyone reads it, by that reader.
/// </summary>
public sealed class CommunicationPlans(FeeBridgeStore store, MunicipalityFactsSource facts, TimeProvider clock)
{
    public async Task<PlanView> ReadAsync(Kommunekode code, string who, CancellationToken ct)
    {
        var f = await facts.ForAsync(code, ct);
        var gallery = await GalleryAsync(code, ct);
        var rows = await store.Rollout.CommunicationPlans.EnsureAsync(code, () => DefaultPlan.For(f, gallery), new TaskActor(who, clock.GetUtcNow()), ct);
        // The drafts' "a fact changed" markers, kept under a key of the plan's own: the first read is the baseline
        // (the default plan was just written from these facts), later ones compare with what was last seen.
        var now = DraftFacts.Of(f);
        var seen = (await store.Rollout.Drafts.SeenAsync(code, ct)).GetValueOrDefault(FactsKey);
        if (seen is null) await store.Rollout.Drafts.MarkSeenAsync(code, FactsKey, now, clock.GetUtcNow(), who, ct);
        return new PlanView(f, gallery, rows, MunicipalityScope.Today(clock), seen is null ? [] : DraftFacts.Changes(seen.Facts, now));
    }

    /// <summary>The plan's key in the drafts' record of facts seen (beside the channels' ids).</summary>
    public const string FactsKey = "kommunikationsplan";

    /// <summary>Today's facts count as seen for the plan: its markers go until a fact changes again.</summary>
    public async Task MarkSeenAsync(Kommunekode code, string who, CancellationToken ct) =>
        await store.Rollout.Drafts.MarkSeenAsync(code, FactsKey, DraftFacts.Of(await facts.ForAsync(code, ct)), clock.GetUtcNow(), who, ct);

    public async Task<MunicipalOrganisation> GalleryAsync(Kommunekode code, CancellationToken ct) =>
        (await store.Rollout.Organisations.FindAsync(code, ct))?.Organisation ?? MunicipalOrganisation.Empty;

    /// <summary>A new row id: short, random, never reused within a plan in practice.</summary>
    public static string NewRowId() => "r-" + Guid.NewGuid().ToString("N")[..10];
}

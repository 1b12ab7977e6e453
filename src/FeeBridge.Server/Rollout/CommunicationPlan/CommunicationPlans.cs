using FeeBridge.Application.Rollout;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Communication.Plan;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Server.Rollout.CommunicationPlan;

/// <summary>A plan as shown: the municipality's facts and gallery (for dates and owners' names), its rows, and today in Copenhagen.</summary>
public sealed record PlanView(MunicipalityFacts Facts, MunicipalOrganisation Gallery, IReadOnlyList<StoredPlanRow> Rows, DateOnly Today)
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
        return new PlanView(f, gallery, rows, MunicipalityScope.Today(clock));
    }

    public async Task<MunicipalOrganisation> GalleryAsync(Kommunekode code, CancellationToken ct) =>
        (await store.Rollout.Organisations.FindAsync(code, ct))?.Organisation ?? MunicipalOrganisation.Empty;

    /// <summary>A new row id: short, random, never reused within a plan in practice.</summary>
    public static string NewRowId() => "r-" + Guid.NewGuid().ToString("N")[..10];
}

using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Rollout.Communication.Plan;

/// <summary>
/// One row of a municipality's communication plan (DOMAIN.md §8: "occasion, audience, key messages, aim, channel,
/// actions, owner, date, status"). Made only by <see cref="PlanRowValidation"/> or <see cref="DefaultPlan"/>.
/// </summary>
/// <param name="RowId">Stable id within the municipality, e.g. <c>r-4f1c2a9b</c>.</param>
/// <param name="Owner">A person of the municipality's role gallery, or null when nobody is named yet.</param>
public sealed record PlanRow(
    string RowId,
    string Occasion,
    IReadOnlyList<PlanAudience> Audiences,
    IReadOnlyList<string> KeyMessages,
    string Aim,
    PlanChannel Channel,
    IReadOnlyList<string> Actions,
    EmailAddress? Owner,
    PlanDate Date,
    PlanRowStatus Status)
{
    /// <summary>The rollout task the row is evidence for (26 internal, or the external one).</summary>
    public PlanTask Task => PlanTerms.TaskOf(Audiences);

    /// <summary>Overdue: its day has passed (Europe/Copenhagen <paramref name="today"/>) and it is not done.</summary>
    public bool IsOverdue(MunicipalityFacts facts, DateOnly today) =>
        Status != PlanRowStatus.Done && Date.Resolve(facts) is { } day && day < today;
}

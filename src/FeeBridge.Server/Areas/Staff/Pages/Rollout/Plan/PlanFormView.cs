using FeeBridge.Rollout;
using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Server.Staff.Pages.Rollout.Plan;

/// <summary>What the row form partial shows: the values, the gallery's people to pick an owner from, and the errors by form field.</summary>
public sealed record PlanFormView(PlanRowForm Form, IReadOnlyCollection<RolePerson> People, IReadOnlyDictionary<string, string> Errors)
{
    public static IReadOnlyDictionary<string, string> ErrorsOf(IReadOnlyList<Refusal> refusals) => refusals
        .GroupBy(r => PlanRowForm.FieldOf(r.Field)).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(r => r.Reason).Distinct()));
}

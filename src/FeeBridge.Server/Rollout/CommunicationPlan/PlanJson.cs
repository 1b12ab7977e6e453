using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Communication.Plan;

namespace FeeBridge.Server.Rollout.CommunicationPlan;

/// <summary>
/// A plan row on the wire: the draft's fields (what a PUT takes back) plus what FeeBridge works out — the resolved
/// <c>resolvedDate</c> and its words (<c>dateText</c>), <c>overdue</c>, the rollout <c>task</c> it is evidence for, the
/// owner's name from the gallery, and the <c>revision</c> a PUT may name to be refused if someone changed it since.
/// </summary>
public sealed record PlanRowJson(
    string RowId, string Occasion, IReadOnlyList<string> Audiences, IReadOnlyList<string> KeyMessages, string Aim, string Channel,
    IReadOnlyList<string> Actions, string? Owner, string OwnerName, string? Date, string? Milestone, int? OffsetDays,
    string? ResolvedDate, string DateText, string Status, bool Overdue, string Task, int Revision, string UpdatedAt, string UpdatedBy)
{
    public static PlanRowJson From(StoredPlanRow stored, PlanView view)
    {
        var row = stored.Row;
        var d = PlanRowDraft.Of(row);
        return new PlanRowJson(row.RowId, row.Occasion, d.Audiences!, row.KeyMessages, row.Aim, d.Channel!, row.Actions, row.Owner?.Value,
            view.OwnerName(row), d.Date, d.Milestone, d.OffsetDays,
            row.Date.Resolve(view.Facts)?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            row.Date.Text(view.Facts), d.Status!, view.IsOverdue(row), row.Task == PlanTask.Internal ? "internal" : "external",
            stored.Revision, Claims.ClaimResources.Time(stored.UpdatedAt), stored.UpdatedBy);
    }
}

/// <summary>The plan: the municipality, today (the day overdue is judged on), and the rows in order.</summary>
/// <param name="ChangedFacts">Facts that changed since the plan was last seen (<c>POST …/communication-plan/seen</c>): its key messages may need the new ones.</param>
public sealed record PlanJson(string Municipality, string Name, string Today, int Overdue, IReadOnlyList<PlanRowJson> Rows,
    IReadOnlyList<FeeBridge.Rollout.Communication.Drafts.FactChange> ChangedFacts)
{
    public static PlanJson From(PlanView view)
    {
        var rows = view.Rows.Select(r => PlanRowJson.From(r, view)).ToList();
        return new PlanJson(view.Facts.Code, view.Facts.Name, view.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            rows.Count(r => r.Overdue), rows, view.ChangedFacts);
    }
}

/// <summary>One entry of the plan's history.</summary>
public sealed record PlanHistoryJson(long Id, string RowId, string At, string Who, string Action, string? Before, string? After)
{
    public static PlanHistoryJson From(PlanHistoryEntry e) => new(e.Id, e.RowId, Claims.ClaimResources.Time(e.At), e.Who, e.Action, e.Before, e.After);
}

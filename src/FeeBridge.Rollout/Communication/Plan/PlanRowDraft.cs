namespace FeeBridge.Rollout.Communication.Plan;

/// <summary>
/// A plan row as the API and the form send it: plain values, checked by <see cref="PlanRowValidation"/>. The date is
/// either <see cref="Date"/> (YYYY-MM-DD) or <see cref="Milestone"/> with <see cref="OffsetDays"/>.
/// </summary>
public sealed record PlanRowDraft(
    string? Occasion,
    IReadOnlyList<string>? Audiences,
    IReadOnlyList<string>? KeyMessages,
    string? Aim,
    string? Channel,
    IReadOnlyList<string>? Actions,
    string? Owner,
    string? Date,
    string? Milestone,
    int? OffsetDays,
    string? Status)
{
    /// <summary>A row as a draft again (what the store keeps, and what an edit form starts from).</summary>
    public static PlanRowDraft Of(PlanRow row) => new(
        row.Occasion,
        [.. row.Audiences.Select(a => PlanTerms.Of(PlanTerms.Audiences, a).Id)],
        row.KeyMessages,
        row.Aim,
        PlanTerms.Of(PlanTerms.Channels, row.Channel).Id,
        row.Actions,
        row.Owner?.Value,
        row.Date.Fixed?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        row.Date.Milestone is { } m ? PlanTerms.Of(PlanTerms.Milestones, m).Id : null,
        row.Date.Milestone is null ? null : row.Date.OffsetDays,
        PlanTerms.Of(PlanTerms.Statuses, row.Status).Id);
}

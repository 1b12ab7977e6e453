using System.Globalization;
using FeeBridge.Rollout.Klik;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Persistence.Rollout;

/// <summary>
/// The importer's draft as the workspace's master task fields, field by field (<see cref="MasterTaskFields"/> is
/// built to take it so): a field the document did not carry becomes empty text (lists stay empty), never invented
/// text; the priority without a level keeps only its label; the importer's warnings go with the fields. The version is
/// the store's to number.
/// </summary>
public static class MasterTaskDraftFields
{
    /// <summary>The fields of <paramref name="draft"/> as version <paramref name="version"/>.</summary>
    public static MasterTaskFields Of(MasterTaskDraft draft, int version = 1) => new(
        draft.Project,
        draft.MasterTaskId?.ToString(CultureInfo.InvariantCulture),
        version,
        draft.Title ?? "",
        draft.Phase ?? "",
        draft.Theme ?? "",
        draft.Priority is { } p ? new MasterTaskPriority(p.Level, p.Label) : new MasterTaskPriority(null, ""),
        draft.Infrastructure,
        draft.Waves,
        draft.Goal ?? "",
        draft.Description ?? "",
        draft.Method,
        draft.Result ?? "",
        draft.RecommendedPerformer ?? "",
        draft.InvolvedParties,
        draft.Links)
    {
        Warnings = draft.Warnings,
    };
}

using FeeBridge.Application.Rollout;
using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Workflow;
using FeeBridge.Server.Rollout;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Rollout.Communication;

/// <summary>
/// The flow of the changed workflows (<c>/staff/rollout/{kommunekode}/arbejdsgange</c>, issue 16 part 6): the
/// municipality's BPMN drawn by bpmn-js (served from the build, no CDN) from the same file the API gives, a button per
/// moment to zoom to it, downloads of the .bpmn, SVG and PNG, and the accompanying text per lane before and with
/// FeeBridge: what changes for whom.
/// </summary>
public sealed class WorkflowModel(MunicipalityFactsSource source) : RolloutPageModel
{
    [BindProperty(SupportsGet = true)] public string? Variant { get; set; }

    public WorkflowVariant Shown { get; private set; } = WorkflowVariant.After;
    public MunicipalityFacts Facts { get; private set; } = null!;
    public ChangedWorkflow Before { get; private set; } = null!;
    public ChangedWorkflow After { get; private set; } = null!;

    public ChangedWorkflow Current => Shown == WorkflowVariant.Before ? Before : After;

    public string BpmnUrl(WorkflowVariant v) => $"/api/v1/rollout/municipalities/{Facts.Code}/workflow.bpmn?variant={v.WireName()}";

    public string FileStem => WorkflowEndpoints.FileName(Facts.Code, Shown)[..^".bpmn".Length];

    public async Task<IActionResult> OnGetAsync(string kommunekode, CancellationToken ct)
    {
        if (Denied(kommunekode, change: false) is { } denied) return denied;
        if (Variant is not null && !WorkflowVariants.TryParse(Variant, out _))
            return Refuse(StatusCodes.Status404NotFound, "Flowet findes kun før (variant=before) og med FeeBridge (variant=after).");
        Shown = Variant is null ? WorkflowVariant.After : WorkflowVariants.TryParse(Variant, out var v) ? v : WorkflowVariant.After;
        Facts = await source.ForAsync(Municipality!.Code, ct);
        Before = ChangedWorkflows.Build(Facts, WorkflowVariant.Before);
        After = ChangedWorkflows.Build(Facts, WorkflowVariant.After);
        return Page();
    }
}

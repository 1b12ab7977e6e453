using FeeBridge.Application.Rollout;
using FeeBridge.Rollout.Workflow;
using FeeBridge.Rollout.Workflow.Bpmn;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// <c>GET /municipalities/{kommunekode}/workflow.bpmn?variant=before|after</c> (CONTRACTS.md §6): the changed workflows
/// as BPMN 2.0 XML with diagram interchange, drawn from the municipality's live configuration at the moment of asking
/// (<see cref="MunicipalityFactsSource"/>), so a changed cut-over date shows in the next download. Read access as for
/// the municipality's tasks: its project leader, KOMBIT and administrators. Without <c>variant</c>, <c>after</c>.
/// </summary>
public static class WorkflowEndpoints
{
    public const string ContentType = "application/bpmn+xml";

    public static RouteGroupBuilder MapWorkflowBpmn(this RouteGroupBuilder rollout)
    {
        rollout.MapGet("/municipalities/{kommunekode}/workflow.bpmn", Bpmn)
            .Produces(StatusCodes.Status200OK, contentType: ContentType).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("The changed workflows (before|after FeeBridge) as BPMN 2.0 XML with diagram interchange, from the municipality's configuration.");
        return rollout;
    }

    private static async Task<IResult> Bpmn(HttpContext http, string kommunekode, string? variant, MunicipalityFactsSource facts, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        if (!WorkflowVariants.TryParse(variant ?? "after", out var side))
        {
            var errors = new FieldErrors();
            errors.Add("variant", "Must be before or after.");
            return Problems.Validation(errors);
        }
        var workflow = ChangedWorkflows.Build(await facts.ForAsync(code, ct), side);
        var bytes = System.Text.Encoding.UTF8.GetBytes(BpmnWriter.Write(workflow));
        return Results.File(bytes, ContentType + "; charset=utf-8", FileName(code.Value, side));
    }

    /// <summary>"arbejdsgange-223-efter.bpmn".</summary>
    public static string FileName(string code, WorkflowVariant variant) =>
        $"arbejdsgange-{code}-{(variant == WorkflowVariant.Before ? "foer" : "efter")}.bpmn";
}

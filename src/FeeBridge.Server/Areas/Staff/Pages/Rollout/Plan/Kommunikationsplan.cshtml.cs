using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Communication.Plan;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Rollout.CommunicationPlan;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Rollout.Plan;

/// <summary>
/// The communication plan (<c>/staff/rollout/{kommunekode}/kommunikationsplan</c>, issue 16 part 1): the rows with
/// their dates resolved from the configuration and the overdue ones marked, the exports, what was sent, and — for the
/// municipality's project leader — a form to add a row. The same reads and rules as the API.
/// </summary>
public sealed class KommunikationsplanModel(CommunicationPlans plans, FeeBridgeStore store, StaffAudit audit, TimeProvider clock) : RolloutPageModel
{
    [BindProperty] public PlanRowForm Form { get; set; } = new();

    public PlanView View { get; private set; } = null!;
    public IReadOnlyList<StoredSend> Sends { get; private set; } = [];
    public IReadOnlyList<Refusal> Refusals { get; private set; } = [];
    public bool MayChange => StaffMember.MayChangeRollout(Municipality!.Code.Value);
    [BindProperty(SupportsGet = true, Name = "tilfoejet")] public bool Added { get; set; }

    public async Task<IActionResult> OnGetAsync(string kommunekode, CancellationToken ct)
    {
        if (Denied(kommunekode, change: false) is { } denied) return denied;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Today's facts count as seen for the plan (its changed-fact markers go), audited as the API does.</summary>
    public async Task<IActionResult> OnPostSeenAsync(string kommunekode, CancellationToken ct)
    {
        if (Denied(kommunekode, change: true) is { } denied) return denied;
        await plans.ReadAsync(Municipality!.Code, StaffMember.UserName, ct);
        await plans.MarkSeenAsync(Municipality.Code, StaffMember.UserName, ct);
        await audit.RecordAsync(StaffMember, "rollout.communication-plan.facts-seen", $"rollout/{Municipality.Code}/communication-plan", null, null, ct);
        return Redirect($"/staff/rollout/{Municipality.Code.Value}/kommunikationsplan");
    }

    public async Task<IActionResult> OnPostAsync(string kommunekode, CancellationToken ct)
    {
        if (Denied(kommunekode, change: true) is { } denied) return denied;
        await LoadAsync(ct);
        var outcome = PlanRowValidation.Validate(Form.ToDraft(), CommunicationPlans.NewRowId(), View.Gallery);
        if (!outcome.IsAccepted)
        {
            Refusals = outcome.Refusals;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var code = Municipality!.Code;
        var stored = await store.Rollout.CommunicationPlans.AddAsync(code, outcome.Value, new TaskActor(StaffMember.UserName, clock.GetUtcNow()), ct);
        await audit.RecordAsync(StaffMember, "rollout.communication-plan.row-added", $"rollout/{code}/communication-plan/{stored.Row.RowId}", null, stored.Row.Occasion, ct);
        return Redirect($"/staff/rollout/{code.Value}/kommunikationsplan?tilfoejet=true#raekke-{stored.Row.RowId}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        View = await plans.ReadAsync(Municipality!.Code, StaffMember.UserName, ct);
        Sends = await store.Rollout.CommunicationSends.SendsAsync(Municipality.Code, ct);
    }

    public static string Audiences(PlanRow row) => CommunicationPlanXlsx.Audiences(row);
    public static string Channel(PlanRow row) => PlanTerms.Of(PlanTerms.Channels, row.Channel).Title;
    public static string Status(PlanRow row) => PlanTerms.Of(PlanTerms.Statuses, row.Status).Title;
}

using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Communication.Plan;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Rollout.CommunicationPlan;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Rollout.Plan;

/// <summary>
/// One row of the plan (<c>…/kommunikationsplan/{rowId}</c>): its fields, edited and saved whole (refused with the
/// reasons, or when someone saved it since), deleted, its history, and the way to send its e-mail or SMS.
/// </summary>
public sealed class PlanRowModel(CommunicationPlans plans, FeeBridgeStore store, StaffAudit audit, TimeProvider clock) : RolloutPageModel
{
    [BindProperty] public PlanRowForm Form { get; set; } = new();

    public PlanView View { get; private set; } = null!;
    public StoredPlanRow Row { get; private set; } = null!;
    public IReadOnlyList<PlanHistoryEntry> History { get; private set; } = [];
    public IReadOnlyList<Refusal> Refusals { get; private set; } = [];
    public bool MayChange => StaffMember.MayChangeRollout(Municipality!.Code.Value);
    [BindProperty(SupportsGet = true, Name = "gemt")] public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(string kommunekode, string rowId, CancellationToken ct)
    {
        if (Denied(kommunekode, change: false) is { } denied) return denied;
        if (!await LoadAsync(rowId, ct)) return Refuse(StatusCodes.Status404NotFound, "Planen har ingen række med det id.");
        Form = PlanRowForm.From(Row.Row, Row.Revision);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kommunekode, string rowId, CancellationToken ct)
    {
        if (Denied(kommunekode, change: true) is { } denied) return denied;
        if (!await LoadAsync(rowId, ct)) return Refuse(StatusCodes.Status404NotFound, "Planen har ingen række med det id.");
        var outcome = PlanRowValidation.Validate(Form.ToDraft(), rowId, View.Gallery);
        if (!outcome.IsAccepted) return Invalid(outcome.Refusals);
        var code = Municipality!.Code;
        var write = await store.Rollout.CommunicationPlans.UpdateAsync(code, outcome.Value, Form.Revision, new TaskActor(StaffMember.UserName, clock.GetUtcNow()), ct);
        if (write.Outcome == PlanWriteOutcome.Conflict) return Invalid([new Refusal("occasion", write.Problem!)]);
        if (write.Outcome == PlanWriteOutcome.NotFound) return Refuse(StatusCodes.Status404NotFound, "Planen har ingen række med det id.");
        await audit.RecordAsync(StaffMember, "rollout.communication-plan.row-changed", $"rollout/{code}/communication-plan/{rowId}", null, outcome.Value.Occasion, ct);
        return Redirect($"/staff/rollout/{code.Value}/kommunikationsplan/{rowId}?gemt=true");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string kommunekode, string rowId, CancellationToken ct)
    {
        if (Denied(kommunekode, change: true) is { } denied) return denied;
        var code = Municipality!.Code;
        if (!await store.Rollout.CommunicationPlans.DeleteAsync(code, rowId, new TaskActor(StaffMember.UserName, clock.GetUtcNow()), ct))
            return Refuse(StatusCodes.Status404NotFound, "Planen har ingen række med det id.");
        await audit.RecordAsync(StaffMember, "rollout.communication-plan.row-deleted", $"rollout/{code}/communication-plan/{rowId}", null, null, ct);
        return Redirect($"/staff/rollout/{code.Value}/kommunikationsplan");
    }

    private IActionResult Invalid(IReadOnlyList<Refusal> refusals)
    {
        Refusals = refusals;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(string rowId, CancellationToken ct)
    {
        View = await plans.ReadAsync(Municipality!.Code, StaffMember.UserName, ct);
        if (View.Rows.FirstOrDefault(r => r.Row.RowId == rowId) is not { } row) return false;
        Row = row;
        History = [.. (await store.Rollout.CommunicationPlans.HistoryAsync(Municipality.Code, ct)).Where(h => h.RowId == rowId)];
        return true;
    }

    public static string Action(string action) => action switch
    {
        "generated" => "Oprettet i standardplanen", "added" => "Tilføjet", "changed" => "Ændret", "deleted" => "Slettet", _ => action,
    };
}

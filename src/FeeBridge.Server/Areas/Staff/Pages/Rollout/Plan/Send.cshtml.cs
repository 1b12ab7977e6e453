using FeeBridge.Application.Rollout.Sending;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Communication.Plan;
using FeeBridge.Rollout.Communication.Sms;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Server.Rollout.CommunicationPlan;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Rollout.Plan;

/// <summary>
/// Sending a plan row's message (<c>…/kommunikationsplan/{rowId}/send</c>, issue 16 part 4): e-mail to roles of the
/// gallery and typed addresses, or SMS to Danish numbers (counted as the network sends it). The form carries an
/// idempotency key made when it was shown, so posting it twice (a double click, a reload) sends once.
/// </summary>
public sealed class SendModel(CommunicationPlans plans, CommunicationSender sender, CommunicationSendSignal signal, FeeBridgeStore store,
    StaffAudit audit, TimeProvider clock) : RolloutPageModel
{
    [BindProperty] public string Channel { get; set; } = "email";
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty] public string? Addresses { get; set; }
    [BindProperty] public string? Numbers { get; set; }
    [BindProperty] public string Key { get; set; } = "";

    public PlanView View { get; private set; } = null!;
    public PlanRow Row { get; private set; } = null!;
    public IReadOnlyList<Refusal> Refusals { get; private set; } = [];
    public bool CanMail => sender.CanMail;
    public bool CanSms => sender.CanSms;
    public SmsCount Count => SmsCounter.Count(Text ?? "");
    public MunicipalOrganisation Gallery => View.Gallery;

    public async Task<IActionResult> OnGetAsync(string kommunekode, string rowId, CancellationToken ct)
    {
        if (Denied(kommunekode, change: true) is { } denied) return denied;
        if (!await LoadAsync(rowId, ct)) return Refuse(StatusCodes.Status404NotFound, "Planen har ingen række med det id.");
        Channel = Row.Channel == PlanChannel.Sms ? "sms" : "email";
        Subject = Row.Occasion;
        Text = string.Join("\n", Row.KeyMessages);
        Key = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kommunekode, string rowId, CancellationToken ct)
    {
        if (Denied(kommunekode, change: true) is { } denied) return denied;
        if (!await LoadAsync(rowId, ct)) return Refuse(StatusCodes.Status404NotFound, "Planen har ingen række med det id.");
        var body = new SendBody(Channel, Subject, Text, Roles, Lines(Addresses), Lines(Numbers), Key);
        var outcome = SendRequest.Check(body, View.Gallery, sender.CanMail, sender.CanSms);
        if (string.IsNullOrWhiteSpace(Key)) outcome = FeeBridge.Rollout.Outcome<CheckedSend>.Refuse("idempotencyKey", "Formularen er for gammel. Hent siden igen.");
        if (!outcome.IsAccepted)
        {
            Refusals = outcome.Refusals;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var (send, _) = await SendEndpoints.RecordAsync(store, signal, audit, StaffMember, Municipality!.Code, rowId, Key.Trim(), outcome.Value, clock.GetUtcNow(), ct);
        return Redirect($"/staff/rollout/{Municipality.Code.Value}/kommunikationsplan/afsendelser/{send.SendId}");
    }

    private async Task<bool> LoadAsync(string rowId, CancellationToken ct)
    {
        View = await plans.ReadAsync(Municipality!.Code, StaffMember.UserName, ct);
        if (View.Rows.FirstOrDefault(r => r.Row.RowId == rowId) is not { } row) return false;
        Row = row.Row;
        return true;
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split(['\n', ',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}

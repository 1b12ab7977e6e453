using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Rollout.Plan;

/// <summary>One send (<c>…/kommunikationsplan/afsendelser/{sendId}</c>): each recipient's delivery, the refusals with the server's or gateway's reason.</summary>
public sealed class SendStatusModel(FeeBridgeStore store) : RolloutPageModel
{
    public StoredSend Send { get; private set; } = null!;
    public string RowTitle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string kommunekode, string sendId, CancellationToken ct)
    {
        if (Denied(kommunekode, change: false) is { } denied) return denied;
        if (await store.Rollout.CommunicationSends.FindAsync(Municipality!.Code, sendId, ct) is not { } send)
            return Refuse(StatusCodes.Status404NotFound, "Der er ingen afsendelse med det id.");
        Send = send;
        RowTitle = (await store.Rollout.CommunicationPlans.FindAsync(Municipality.Code, send.RowId, ct))?.Row.Occasion ?? send.RowId;
        return Page();
    }

    public static string State(DeliveryState s) => s switch
    {
        DeliveryState.Pending => "Venter", DeliveryState.Sending => "Sendes", DeliveryState.Accepted => "Modtaget af serveren",
        DeliveryState.Delivered => "Leveret", _ => "Afvist",
    };
}

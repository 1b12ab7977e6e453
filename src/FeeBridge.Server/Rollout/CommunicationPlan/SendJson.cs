using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Communication.Sms;

namespace FeeBridge.Server.Rollout.CommunicationPlan;

/// <summary>One recipient of a send: <c>state</c> pending, sending, accepted, delivered or failed (with the server's or gateway's <c>reason</c>).</summary>
public sealed record DeliveryJson(string Recipient, string State, string? Reason, int Attempts, string UpdatedAt);

/// <summary>A send from the plan, with a count per state and every recipient's delivery.</summary>
public sealed record SendJson(
    string SendId, string RowId, string Channel, string? Subject, string Text, int? Segments, string CreatedAt, string CreatedBy, string? CompletedAt,
    IReadOnlyDictionary<string, int> Counts, IReadOnlyList<DeliveryJson> Deliveries)
{
    public static SendJson From(StoredSend s) => new(s.SendId, s.RowId, s.Channel, s.Subject, s.Text,
        s.Channel == "sms" ? SmsCounter.Count(s.Text).Segments : null,
        Claims.ClaimResources.Time(s.CreatedAt), s.CreatedBy, s.CompletedAt is { } c ? Claims.ClaimResources.Time(c) : null,
        Enum.GetValues<DeliveryState>().ToDictionary(CommunicationSendStore.WireName, st => s.Deliveries.Count(d => d.State == st)),
        [.. s.Deliveries.Select(d => new DeliveryJson(d.Recipient, CommunicationSendStore.WireName(d.State), d.Reason, d.Attempts, Claims.ClaimResources.Time(d.UpdatedAt)))]);
}

using FeeBridge.DebtorSystem.Contract;
using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;

namespace FeeBridge.DebtorSystem.Mapping;

/// <summary>
/// Builds the SF1590 handling an outbox row stands for, from the claim as it was at the row's event. Built at send
/// time (not stored) so the queue holds no personal data, and deterministic, so a resend carries the same content.
/// </summary>
public static class HandlingMapper
{
    public static Handling Map(ClaimState claim, HandlingKind kind, int seq, Guid handlingId)
    {
        var e = claim.Events.Single(x => x.Seq == seq);
        var at = ClaimState.Fold(claim.Header, claim.Events.Where(x => x.Seq <= seq));
        var id = claim.Header.Key.FagsystemFordringId;
        return (kind, e) switch
        {
            // Registered when queued, or again once a rejected claim was corrected: the terms are those it was queued with.
            (HandlingKind.OpretDebitorkonto, _) when at.Events.OfType<ClaimQueued>().LastOrDefault() is { } q => new OpretDebitorkonto(handlingId, Party(at.Debtor, claim.Header.DebtorName),
                new Fordring(id, q.ClaimType.ToString(), claim.Header.Reason,
                    PaymentDeadline.LocalDate(claim.Header.CreatedAt), q.DueDate, q.LastOnTimePaymentDate,
                    // What is left of each line when the claim goes (a claim may be written down while it waited).
                    claim.Header.Lines.Where(l => at.LineOutstanding(l.LineId).IsPositive)
                        .Select(l => new Delfordring(l.LineId, at.LineOutstanding(l.LineId), l.Text)).ToList(),
                    Party(at.LiableParty, claim.Header.Guardian is null ? claim.Header.DebtorName : null),
                    null)),
            (HandlingKind.NedskrivFordring, ClaimWrittenDown w) => new NedskrivFordring(handlingId, id, w.LineId, w.Down, ClaimNames.Of(w.Reason)),
            (HandlingKind.AnnullerFordring, ClaimCancelled c) => new AnnullerFordring(handlingId, id, c.Reason),
            (HandlingKind.SkiftJuridiskAnsvarlig, DebtorChanged) => new SkiftJuridiskAnsvarlig(handlingId, id, Party(at.LiableParty, null)),
            _ => throw new InvalidOperationException($"Outbox row {kind} does not match event {e.Type} at seq {seq}."),
        };
    }

    private static Party Party(DebtorId d, string? name) => new(d.Cpr, d.Cvr, name);
}

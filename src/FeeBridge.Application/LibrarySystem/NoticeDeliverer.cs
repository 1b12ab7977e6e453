using System.Globalization;
using System.Text.Json;
using FeeBridge.Domain.Claims;
using FeeBridge.LibrarySystem.Fbs;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Notices;
using FeeBridge.Persistence.Queues;
using FeeBridge.Application.DebtorSystem;
using FeeBridge.Application;
using FeeBridge.Application.Workers;

namespace FeeBridge.Application.LibrarySystem;

/// <summary>
/// Delivers notices to the library side: a settled claim is registered as paid through FBS's payment call (with an
/// <c>orderId</c> derived from the claim, so a repeat is harmless), and callbacks go to the agency's webhook, signed,
/// at least once, with back-off. What FBS cannot take ends as <c>attention</c> for staff, with the reason; a payment
/// no longer true when its turn comes (reversed meanwhile) is withdrawn, so FBS is told nothing false.
/// </summary>
public sealed class NoticeDeliverer(
    FeeBridgeStore store, LibraryConnections connections, FeeBridgeOptions options, TimeProvider clock, NoticeSignal signal, ILogger<NoticeDeliverer> log)
    : LeasedWorker(log)
{
    private readonly string _owner = LeaseOwner.New();
    private readonly Backoff _backoff = new(TimeSpan.FromMilliseconds(options.Notices.BackoffBaseMilliseconds), TimeSpan.FromSeconds(options.Notices.MaxBackoffSeconds));

    /// <summary>The FBS order id for a claim's payment: the same claim always gives the same order, so FBS answers a repeat alike.</summary>
    public static string OrderId(string agencyId, string claimId) => $"feebridge-{agencyId}-{claimId}";

    protected override bool Enabled => options.Notices.Enabled;

    protected override string FailureText => "Delivering notices failed; trying again.";

    protected override async Task<bool> RoundAsync(CancellationToken ct)
    {
        var batch = await store.Notices.LeaseAsync(_owner, 100, clock.GetUtcNow(), TimeSpan.FromSeconds(options.Notices.LeaseSeconds), ct);
        if (batch.Count == 0) return false;
        // The batch's claims in one query; then the calls out, several at a time.
        var claims = await store.Claims.GetManyAsync(batch.Select(n => n.Claim).Distinct().ToList(), ct);
        var results = new System.Collections.Concurrent.ConcurrentBag<NoticeResult>();
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (item, token) => results.Add(await DeliverAsync(item, claims.GetValueOrDefault(item.Claim), token)));
        await store.Notices.FinishAsync(results.ToList(), _owner, clock.GetUtcNow(), ct);
        return true;
    }

    protected override Task IdleAsync(CancellationToken ct) => signal.WaitAsync(TimeSpan.FromMilliseconds(options.Notices.PollMilliseconds), ct);

    private async Task<NoticeResult> DeliverAsync(NoticeItem item, ClaimState? claim, CancellationToken ct)
    {
        var (state, outcome, retry) = claim is null
            ? (NoticeState.Withdrawn, "The claim no longer exists.", false)
            : item.Target == NoticeTarget.Fbs ? await ToFbsAsync(item, claim, ct) : await ToWebhookAsync(item, claim, ct);
        return new NoticeResult(item, state, outcome, retry ? clock.GetUtcNow() + _backoff.After(item.Attempts + 1) : null);
    }

    private async Task<(NoticeState State, string Outcome, bool Retry)> ToFbsAsync(NoticeItem item, ClaimState claim, CancellationToken ct)
    {
        if (claim.Status != ClaimStatus.Paid)
            return (NoticeState.Withdrawn, $"The claim is {ClaimNames.Of(claim.Status)} now, so FBS was not told it is paid.", false);
        if (!long.TryParse(item.ClaimId, NumberStyles.None, CultureInfo.InvariantCulture, out var feeId))
            return (NoticeState.Attention, "The claim id is not an FBS fee id, so FBS cannot be told; mark the fee paid in FBS by hand.", false);
        // FBS's patron ids are integers (int64); the Claims API's patronId is text (CONTRACTS.md §1, §2). A claim whose
        // patronId is not one can never be registered in FBS: staff, not endless retries. (The id itself is not repeated:
        // a library system might have put something personal there.)
        if (!long.TryParse(claim.Header.PatronId, NumberStyles.None, CultureInfo.InvariantCulture, out var patronId) || patronId <= 0)
            return (NoticeState.Attention, "The claim's patronId is not an FBS patron id (FBS patron ids are integers), so FBS cannot be told; mark the fee paid in FBS by hand.", false);
        if (connections.Fbs is not { } fbs)
            return (NoticeState.Pending, "FBS is not configured yet (FeeBridge:Fbs:BaseUrl, Username, Password).", true);
        try
        {
            var results = await fbs.RegisterPaymentAsync(item.AgencyId, patronId, OrderId(item.AgencyId, item.ClaimId), [feeId], ct);
            var mine = results.FirstOrDefault(r => r.FeeId == feeId);
            return mine?.PaymentStatus switch
            {
                FbsPaymentStatus.Registered => (NoticeState.Delivered, $"FBS registered the payment (confirmation {mine.ConfirmationId}).", false),
                FbsPaymentStatus.RegisteredByDifferentOrderId => (NoticeState.Attention,
                    "FBS already had this fee paid under another order (e.g. at the desk). The citizen may have paid twice: check, and refund one payment.", false),
                FbsPaymentStatus.NotAllowedByClient => (NoticeState.Attention,
                    "FBS does not let FeeBridge pay this fee (paymentNotAllowedByClient): it is not marked as handed to the debtor system in FBS. Mark it paid in FBS by hand.", false),
                null => (NoticeState.Attention, "FBS did not answer for this fee.", false),
                // FBS: any other value is "yet another reason for not registering payment of a fee".
                _ => (NoticeState.Attention, $"FBS did not register the payment (paymentStatus {Printable(mine.PaymentStatus)}). Mark it paid in FBS by hand.", false),
            };
        }
        catch (TransientLibraryFailure e)
        {
            return (NoticeState.Pending, e.Message, true);
        }
        catch (LibraryRefusal e)
        {
            return (NoticeState.Attention, e.Message, false);
        }
    }

    /// <summary>FBS's text, bounded and without control characters, for the delivery log.</summary>
    private static string Printable(string text) => new(text.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    private async Task<(NoticeState State, string Outcome, bool Retry)> ToWebhookAsync(NoticeItem item, ClaimState claim, CancellationToken ct)
    {
        if (await store.Notices.WebhookAsync(item.AgencyId, ct) is not { } hook) return (NoticeState.Withdrawn, "The agency has no webhook any more.", false);
        var body = CallbackBody(item, claim);
        var failure = await connections.Webhooks.PostAsync(hook.Url, hook.Secret, item.EventId.ToString("D"), body, clock.GetUtcNow(), ct);
        return failure is null ? (NoticeState.Delivered, "Acknowledged.", false) : (NoticeState.Pending, failure, true);
    }

    /// <summary>The callback: the claim as it stood right after the event that caused it (so a late delivery tells no newer story).</summary>
    public static string CallbackBody(NoticeItem item, ClaimState claim)
    {
        var at = ClaimState.Fold(claim.Header, claim.Events.Where(e => e.Seq <= item.Seq));
        return JsonSerializer.Serialize(new
        {
            eventId = item.EventId.ToString("D"),
            type = item.EventType,
            occurredAt = at.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
            agencyId = item.AgencyId,
            claimId = item.ClaimId,
            patronId = claim.Header.PatronId,
            status = ClaimNames.Of(at.Status),
            amount = at.Amount.ToString(),
            paid = at.Paid.ToString(),
            writtenDown = at.WrittenDown.ToString(),
            writtenOff = at.WrittenOff.ToString(),
            outstanding = at.Outstanding.ToString(),
            credit = at.Credit.ToString(),
            debtorSystemClaimId = at.DebtorSystemClaimId,
        });
    }
}

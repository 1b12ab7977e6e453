namespace FeeBridge.Domain.Claims;

/// <summary>Who must hear of a change: FBS's payment call, the agency's webhook, or the library's staff.</summary>
public enum NoticeTarget { Fbs, Webhook, Staff }

/// <summary>Something the library side must be told (or staff must see), with the callback event type (CONTRACTS.md §1).</summary>
public sealed record LibraryNotice(string EventType, NoticeTarget Target, string? Note = null);

/// <summary>
/// Decides what the library side hears when a claim's status changes. FBS can only register a fee as paid in
/// whole (its payment call), so FBS hears of full settlement; what it cannot take — part payments, write-offs, a
/// payment reversed after settlement — is shown to staff (docs/fbs.md). Webhooks hear every change.
/// </summary>
public static class LibraryNotices
{
    public const string Registered = "claim.registered";
    public const string Rejected = "claim.rejected";
    public const string PartiallyPaid = "claim.partially-paid";
    public const string Paid = "claim.paid";
    public const string WrittenOff = "claim.written-off";
    public const string InCollection = "claim.in-collection";

    /// <summary>Extension: a payment was reversed or a write-off undone, so a settled claim is open again.</summary>
    public const string Reopened = "claim.reopened";

    public static IReadOnlyList<LibraryNotice> For(ClaimState before, ClaimState after, bool agencyUsesFbs)
    {
        var anotherPart = after.Status == ClaimStatus.PartiallyPaid && after.Paid != before.Paid;
        if (before.Status == after.Status && !anotherPart) return [];
        var reopened = before.Status is ClaimStatus.Paid or ClaimStatus.WrittenOff && !after.IsClosed;
        var type = reopened ? Reopened : EventTypeOf(after.Status);
        if (type is null) return [];

        var notices = new List<LibraryNotice> { new(type, NoticeTarget.Webhook) };
        if (!agencyUsesFbs || after.Route != ClaimRoute.DebtorSystem) return notices;
        if (reopened)
        {
            notices.Add(new(type, NoticeTarget.Staff,
                "A payment was reversed after the claim was settled. FBS cannot re-open a paid fee: if it shows the fee paid, " +
                "the patron's block is not back; decide in FBS whether to charge it again."));
            return notices;
        }
        switch (after.Status)
        {
            case ClaimStatus.Paid:
                notices.Add(new(type, NoticeTarget.Fbs));
                break;
            // Staff hear of the first part payment; each further one only changes the figure they already see.
            case ClaimStatus.PartiallyPaid when before.Status != ClaimStatus.PartiallyPaid:
                notices.Add(new(type, NoticeTarget.Staff,
                    $"Part payment: {after.Paid} of {after.Amount} paid. FBS pays a fee whole or not at all, so FBS still shows " +
                    $"{after.Amount}; the block follows FBS's own figure until the claim is paid in full."));
                break;
            case ClaimStatus.WrittenOff:
                notices.Add(new(type, NoticeTarget.Staff,
                    $"The debtor system wrote off {after.WrittenOff}. FBS has no write-off call: write the fee off in FBS's " +
                    "staff client so the patron's block lifts."));
                break;
        }
        return notices;
    }

    private static string? EventTypeOf(ClaimStatus s) => s switch
    {
        ClaimStatus.Registered => Registered,
        ClaimStatus.Rejected => Rejected,
        ClaimStatus.PartiallyPaid => PartiallyPaid,
        ClaimStatus.Paid => Paid,
        ClaimStatus.WrittenOff => WrittenOff,
        ClaimStatus.InCollection => InCollection,
        _ => null,
    };
}

namespace FeeBridge.Domain.Claims;

/// <summary>
/// Rule "status model": a claim in the debtor system as the state's payment overview names it, so a citizen reads
/// the same words here as in the municipality's own self-service.
/// </summary>
public enum CitizenStatus
{
    /// <summary><i>Kommende betaling</i>: owed, and the last on-time payment date has not passed.</summary>
    Upcoming,

    /// <summary><i>Betalt</i>.</summary>
    Paid,

    /// <summary><i>Betalingsdato er overskredet</i>: owed after the last on-time payment date.</summary>
    Overdue,

    /// <summary><i>Sendt til Gældsstyrelsen</i>: handed to collection (PSRM).</summary>
    SentToCollection,

    /// <summary><i>Afskrevet</i>: the debtor system wrote it off; nothing more to pay.</summary>
    WrittenOff,

    /// <summary><i>Annulleret</i>: the library withdrew it (cancelled or written down to nothing).</summary>
    Withdrawn,
}

public static class CitizenStatuses
{
    /// <summary>
    /// The status a citizen sees. The debtor system's own word (<c>Overskredet</c>, <c>Inddrivelse</c>) wins when it has
    /// given one, since its calendar decides; otherwise the last on-time payment date is compared with today (Danish date).
    /// </summary>
    public static CitizenStatus For(ClaimStatus status, string? debtorSystemStatus, DateOnly? lastOnTimePaymentDate, DateOnly today) => status switch
    {
        ClaimStatus.Paid => CitizenStatus.Paid,
        ClaimStatus.WrittenOff => CitizenStatus.WrittenOff,
        ClaimStatus.Cancelled or ClaimStatus.WrittenDown => CitizenStatus.Withdrawn,
        ClaimStatus.InCollection => CitizenStatus.SentToCollection,
        _ when debtorSystemStatus == "Inddrivelse" => CitizenStatus.SentToCollection,
        _ when debtorSystemStatus == "Overskredet" => CitizenStatus.Overdue,
        _ when debtorSystemStatus is null && lastOnTimePaymentDate is { } last && today > last => CitizenStatus.Overdue,
        _ => CitizenStatus.Upcoming,
    };

    /// <summary>The words shown, in Danish.</summary>
    public static string Text(CitizenStatus s) => s switch
    {
        CitizenStatus.Upcoming => "Kommende betaling",
        CitizenStatus.Paid => "Betalt",
        CitizenStatus.Overdue => "Betalingsdato er overskredet",
        CitizenStatus.SentToCollection => "Sendt til Gældsstyrelsen",
        CitizenStatus.WrittenOff => "Afskrevet",
        CitizenStatus.Withdrawn => "Annulleret",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    /// <summary>A stable name for the JSON twin.</summary>
    public static string Name(CitizenStatus s) => s switch
    {
        CitizenStatus.Upcoming => "upcoming",
        CitizenStatus.Paid => "paid",
        CitizenStatus.Overdue => "overdue",
        CitizenStatus.SentToCollection => "sent-to-collection",
        CitizenStatus.WrittenOff => "written-off",
        CitizenStatus.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };
}

namespace FeeBridge.Rollout.Workspace;

/// <summary>
/// What FeeBridge can check for itself about a municipality's rollout (issue 15 part 5). The server runs the checks
/// against the live configuration and traffic; the workspace only knows their names and results.
/// </summary>
public enum EvidenceCheckId
{
    /// <summary><c>debtor-endpoint</c>: the debtor system's endpoint is configured and answers DebitorForespoergsel.</summary>
    DebtorEndpoint,
    /// <summary><c>cut-over-dates</c>: every library agency of the municipality has a cut-over date.</summary>
    CutOverDates,
    /// <summary><c>library-api-key</c>: the library system's API key has been used.</summary>
    LibraryApiKeyUsed,
    /// <summary><c>first-claim-registered</c>: a first claim is registered in the debtor system.</summary>
    FirstClaimRegistered,
    /// <summary><c>first-payment-confirmed</c>: a first payment came back and FBS confirmed it.</summary>
    FirstPaymentConfirmed,
    /// <summary><c>loop-time</c>: the whole loop (claim out, payment back) has been timed.</summary>
    LoopTimeMeasured,
    /// <summary><c>internal-communication</c>: the communication plan sent to staff or management (task 26).</summary>
    InternalCommunicationSent,
    /// <summary><c>external-communication</c>: the communication plan sent to citizens or patrons (the external task).</summary>
    ExternalCommunicationSent,
}

/// <summary>A check's wire id and Danish title.</summary>
public sealed record EvidenceCheckDefinition(EvidenceCheckId Check, string Id, string Title);

/// <summary>The registry of checks, in the order a rollout meets them.</summary>
public static class EvidenceChecks
{
    /// <summary>All checks.</summary>
    public static IReadOnlyList<EvidenceCheckDefinition> All { get; } =
    [
        new(EvidenceCheckId.DebtorEndpoint, "debtor-endpoint", "Debitorsystemets adresse er sat op og svarer på DebitorForespoergsel"),
        new(EvidenceCheckId.CutOverDates, "cut-over-dates", "Alle kommunens biblioteker har en overgangsdato"),
        new(EvidenceCheckId.LibraryApiKeyUsed, "library-api-key", "Bibliotekssystemets API-nøgle er taget i brug"),
        new(EvidenceCheckId.FirstClaimRegistered, "first-claim-registered", "Det første krav er registreret i debitorsystemet"),
        new(EvidenceCheckId.FirstPaymentConfirmed, "first-payment-confirmed", "Den første betaling er kommet tilbage, og FBS har bekræftet den"),
        new(EvidenceCheckId.LoopTimeMeasured, "loop-time", "Tiden for hele turen fra krav til betalt er målt"),
        new(EvidenceCheckId.InternalCommunicationSent, "internal-communication", "Medarbejdere og ledelse har fået besked fra kommunikationsplanen"),
        new(EvidenceCheckId.ExternalCommunicationSent, "external-communication", "Borgerne har fået besked fra kommunikationsplanen"),
    ];

    /// <summary>The definition of <paramref name="check"/>.</summary>
    public static EvidenceCheckDefinition Of(EvidenceCheckId check) => All[(int)check];

    /// <summary>The check with this wire id, or null.</summary>
    public static EvidenceCheckDefinition? Find(string? id) => All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));
}

using FeeBridge.Domain.Claims;

namespace FeeBridge.Persistence.Claims;

/// <summary>
/// A claim's current figures, kept beside its events for listing and look-ups. Derived: rewritten from the folded
/// events in the same transaction that appends them, so it can always be rebuilt from the ledger.
/// </summary>
public sealed record ClaimSummary(
    string AgencyId,
    string ClaimId,
    string Municipality,
    string PatronId,
    string Kind,
    ClaimStatus Status,
    string Route,
    string? HoldReason,
    Money Amount,
    Money WrittenDown,
    Money Paid,
    Money WrittenOff,
    Money Outstanding,
    string? DebtorSystemClaimId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    Money Credit,
    bool NeedsReconciliation)
{
    /// <summary>The summary the ledger writes for this folded state (<see cref="ClaimLedger"/>), without reading it back.</summary>
    public static ClaimSummary Of(ClaimState state)
    {
        var h = state.Header;
        return new ClaimSummary(h.AgencyId.Value, h.ClaimId, h.Municipality.Value, h.PatronId, ClaimNames.Of(h.Kind), state.Status,
            ClaimNames.Of(state.Route), state.HoldReason is { } r ? ClaimNames.Of(r) : null, state.Amount, state.WrittenDown, state.Paid,
            state.WrittenOff, state.Outstanding, state.DebtorSystemClaimId, h.CreatedAt, state.UpdatedAt, state.Credit, state.NeedsReconciliation);
    }
}

/// <summary>A page of summaries, newest change first, and the cursor for the next page (null at the end).</summary>
public sealed record ClaimPage(IReadOnlyList<ClaimSummary> Items, string? NextCursor);

/// <summary>Filters for listing an agency's claims.</summary>
public sealed record ClaimQuery(string AgencyId, ClaimStatus? Status, string? PatronId, DateTimeOffset? ChangedSince, string? Cursor, int Limit);

/// <summary>How an intake ended.</summary>
public enum IntakeOutcome
{
    /// <summary>New claim stored (201).</summary>
    Created,

    /// <summary>The same claim with the same content existed (200).</summary>
    Replayed,

    /// <summary>The id exists with different content (409); nothing changed.</summary>
    Conflict,
}

public sealed record IntakeResult(IntakeOutcome Outcome, ClaimState Claim);

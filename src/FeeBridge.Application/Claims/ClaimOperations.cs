using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Claims;

namespace FeeBridge.Application.Claims;

/// <summary>Every claim of one patron at one agency, with what the debtor system says of those it holds.</summary>
/// <param name="DebtorSystem">Null when none of the claims went to the debtor system.</param>
/// <summary>What a patron owes at one agency: the claims' summaries and their folded states (the desk shows both), and the debtor system's view.</summary>
public sealed record PatronClaims(AgencySettings Agency, string PatronId, IReadOnlyList<ClaimSummary> Claims, DebtorSystemView? DebtorSystem, DateTimeOffset At,
    IReadOnlyDictionary<ClaimKey, ClaimState> States);

/// <summary>
/// What may be done to claims, whoever asks: hand one over (routed by the municipality's rules), write it down,
/// cancel it, change the patron's debtor, and read what a patron owes. The Claims API, the staff console and the CLI
/// call these, so a write-down from the desk is the same command as one from the library system.
/// </summary>
public sealed class ClaimOperations(FeeBridgeStore store, Tenants tenants, DebtorBalances debtorBalances, TimeProvider clock)
{
    /// <summary>Stores and routes a new claim, or recognises a replay or a conflicting body (nothing written then).</summary>
    public Task<IntakeResult> HandOverAsync(AgencySettings agency, ClaimHeader header, CancellationToken ct)
    {
        var rules = tenants.Municipality(agency.Municipality);
        return store.Intake.IntakeAsync(
            header,
            waiting => ClaimRouter.Route(header, agency, rules, waiting),
            held => ClaimRouter.DebtorClaimTypeOf(held, rules) is { } type ? ClaimRouter.QueuedEvent(held, type, rules) : null,
            clock.GetUtcNow(),
            ct);
    }

    /// <returns>Null when the agency has no such claim.</returns>
    public Task<(CommandOutcome Outcome, ClaimState Claim)?> WriteDownAsync(ClaimKey claim, string writeDownId, Money amount, WriteDownReason reason,
        string? lineId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return store.Ledger.ExecuteAsync(claim, c => ClaimCommands.WriteDown(c, writeDownId, amount, reason, lineId, now), ct);
    }

    /// <returns>Null when the agency has no such claim.</returns>
    public Task<(CommandOutcome Outcome, ClaimState Claim)?> CancelAsync(ClaimKey claim, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return store.Ledger.ExecuteAsync(claim, c => ClaimCommands.Cancel(c, reason, now), ct);
    }

    /// <summary>A rejected claim goes to the debtor system again, as it stands (finance staff, once the cause is fixed).</summary>
    /// <returns>Null when the agency has no such claim.</returns>
    public Task<(CommandOutcome Outcome, ClaimState Claim)?> ResendAsync(ClaimKey claim, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return store.Ledger.ExecuteAsync(claim, c => ClaimCommands.Resend(c, now), ct);
    }

    /// <summary>The patron's CPR or CVR changed: every open claim follows. Returns how many claims changed.</summary>
    public Task<int> ChangeDebtorAsync(string agencyId, string patronId, DebtorId debtor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return store.Ledger.ExecuteForPatronAsync(agencyId, patronId, c => ClaimCommands.ChangeDebtor(c, debtor, now), ct);
    }

    /// <summary>What a patron owes at one agency, with the debtor system's own figures (interest, fees) for its claims.</summary>
    public async Task<PatronClaims> PatronAsync(AgencySettings agency, string patronId, CancellationToken ct)
    {
        var states = await store.Claims.PatronStatesAsync(agency.Id.Value, patronId, ct);
        // The debtor system is asked by the liable party (a guardian for a minor); usually one per patron.
        DebtorSystemView? view = null;
        var parties = states.Where(s => s.Route == ClaimRoute.DebtorSystem).Select(s => s.LiableParty).ToHashSet();
        foreach (var party in parties)
        {
            var one = await debtorBalances.ForAsync(agency.Municipality, party, ct);
            view = view is null ? one : DebtorSystemView.Merge(view, one);
        }
        return new PatronClaims(agency, patronId, [.. states.Select(ClaimSummary.Of)], view, clock.GetUtcNow(),
            states.ToDictionary(s => s.Header.Key));
    }
}

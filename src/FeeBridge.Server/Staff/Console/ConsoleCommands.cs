using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FeeBridge.Application.Claims;
using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using FeeBridge.Persistence;
using FeeBridge.Server.Citizen;

namespace FeeBridge.Server.Staff.Console;

/// <summary>The claims a command would act on, and what they add up to: the "N krav, X kr." staff confirm.</summary>
public sealed record Selection(IReadOnlyList<ClaimState> Claims, Money Amount)
{
    public int Count => Claims.Count;

    /// <summary>E.g. "2 krav, 240,00 kr.".</summary>
    public string Text => $"{Kroner.Count(Count)} krav, {Kroner.Format(Amount)}";
}

/// <summary>How a console command ended.</summary>
public abstract record CommandResult
{
    /// <summary>Carried out; per claim the outcome (accepted, already done, or refused with why).</summary>
    public sealed record Done(Selection Selection, IReadOnlyList<(string ClaimId, string Outcome, string? Detail)> Claims) : CommandResult;

    /// <summary>What the caller confirmed is not what the command would do now: nothing was done.</summary>
    public sealed record NotConfirmed(Selection Selection) : CommandResult;

    /// <summary>The request names claims that are not the patron's, or closed ones; nothing was done.</summary>
    public sealed record Invalid(string Field, string Message) : CommandResult;
}

/// <summary>
/// What staff may do to claims from the console — write down, cancel as an error, correct the debtor's CPR/CVR, see
/// the full CPR number — each through the same operation as the Claims API (<see cref="ClaimOperations"/>) and each
/// written to the audit log. A command on several claims is carried out only when the caller confirms the count
/// and the sum the server computes, so a stale screen never writes down more than its user saw.
/// </summary>
public sealed class ConsoleCommands(FeeBridgeStore store, ClaimOperations operations, StaffAudit audit)
{
    /// <summary>The patron's open claims among <paramref name="claimIds"/>, or why not.</summary>
    public async Task<(Selection? Selection, CommandResult.Invalid? Problem)> SelectAsync(AgencySettings agency, string patronId, IReadOnlyList<string> claimIds,
        CancellationToken ct)
    {
        if (claimIds.Count == 0) return (null, new("claimIds", "Choose at least one claim."));
        var keys = claimIds.Distinct(StringComparer.Ordinal).Select(id => new ClaimKey(agency.Id.Value, id)).ToList();
        var states = await store.Claims.GetManyAsync(keys, ct);
        var chosen = new List<ClaimState>();
        foreach (var k in keys)
        {
            if (!states.TryGetValue(k, out var s) || s.Header.PatronId != patronId) return (null, new("claimIds", $"The patron has no claim '{k.ClaimId}' at this agency."));
            if (s.IsClosed) return (null, new("claimIds", $"Claim '{k.ClaimId}' is {ClaimNames.Of(s.Status)}; it takes no more commands."));
            chosen.Add(s);
        }
        return (new Selection(chosen, chosen.Aggregate(Money.Zero, (sum, s) => sum + s.Outstanding)), null);
    }

    /// <summary>Writes each chosen claim down by what is left on it, for a reason from the list.</summary>
    /// <param name="requestId">The caller's id for this request: the same request again writes down nothing twice.</param>
    public async Task<CommandResult> WriteDownAsync(StaffUser who, AgencySettings agency, string patronId, IReadOnlyList<string> claimIds, WriteDownReason reason,
        string? note, int expectedCount, Money expectedAmount, string? requestId, CancellationToken ct)
    {
        var (selection, problem) = await SelectAsync(agency, patronId, claimIds, ct);
        if (problem is not null) return problem;
        if (selection!.Count != expectedCount || selection.Amount != expectedAmount) return new CommandResult.NotConfirmed(selection);
        var request = requestId ?? Guid.NewGuid().ToString("N");
        var outcomes = new List<(string, string, string?)>();
        foreach (var claim in selection.Claims)
        {
            var key = claim.Header.Key;
            var result = await operations.WriteDownAsync(key, WriteDownId(request, key.ClaimId), claim.Outstanding, reason, null, ct);
            var (outcome, detail) = Describe(result?.Outcome);
            outcomes.Add((key.ClaimId, outcome, detail));
            if (outcome == "accepted")
                await audit.RecordAsync(who, "claim.written-down", Record(key), note ?? ClaimNames.Of(reason),
                    $"{claim.Outstanding} written down ({ClaimNames.Of(reason)}), one of {selection.Text}", ct);
        }
        return new CommandResult.Done(selection, outcomes);
    }

    /// <summary>Cancels each chosen claim as made in error.</summary>
    public async Task<CommandResult> CancelAsync(StaffUser who, AgencySettings agency, string patronId, IReadOnlyList<string> claimIds, string reason,
        int expectedCount, Money expectedAmount, CancellationToken ct)
    {
        var (selection, problem) = await SelectAsync(agency, patronId, claimIds, ct);
        if (problem is not null) return problem;
        if (selection!.Count != expectedCount || selection.Amount != expectedAmount) return new CommandResult.NotConfirmed(selection);
        var outcomes = new List<(string, string, string?)>();
        foreach (var claim in selection.Claims)
        {
            var key = claim.Header.Key;
            var (outcome, detail) = Describe((await operations.CancelAsync(key, reason, ct))?.Outcome);
            outcomes.Add((key.ClaimId, outcome, detail));
            if (outcome == "accepted")
                await audit.RecordAsync(who, "claim.cancelled", Record(key), reason, $"{claim.Outstanding} cancelled as an error, one of {selection.Text}", ct);
        }
        return new CommandResult.Done(selection, outcomes);
    }

    /// <summary>
    /// The patron's CPR or CVR was wrong: every open claim follows the corrected one (a claim the debtor system refused
    /// goes to it again). The audit log says that it changed and how many claims followed, never the number.
    /// </summary>
    public async Task<int> CorrectDebtorAsync(StaffUser who, AgencySettings agency, string patronId, DebtorId debtor, string reason, CancellationToken ct)
    {
        var changed = await operations.ChangeDebtorAsync(agency.Id.Value, patronId, debtor, ct);
        await audit.RecordAsync(who, "patron.debtor.corrected", $"patron/{agency.Id.Value}/{patronId}", reason,
            $"Debtor corrected to {(debtor.Cpr is not null ? "a CPR number" : $"CVR {debtor.Cvr!.Value.Value}")}; {changed.ToString(CultureInfo.InvariantCulture)} claims follow", ct);
        return changed;
    }

    /// <summary>The claim's debtor (and guardian) in full, for a stated reason, written to the audit log; null when there is no such claim.</summary>
    public async Task<(string? Cpr, string? Cvr, string? GuardianCpr)?> RevealAsync(StaffUser who, AgencySettings agency, string claimId, string reason, CancellationToken ct)
    {
        var key = new ClaimKey(agency.Id.Value, claimId);
        if (await store.Claims.GetAsync(key, ct) is not { } claim) return null;
        await audit.RecordAsync(who, "claim.debtor.revealed", Record(key), reason,
            claim.Header.Guardian is null ? "Full CPR number shown" : "Full CPR numbers of the debtor and the guardian shown", ct);
        return (claim.Debtor.Cpr?.Digits, claim.Debtor.Cvr?.Value, claim.Header.Guardian?.Digits);
    }

    public static string Record(ClaimKey key) => $"claim/{key.AgencyId}/{key.ClaimId}";

    /// <summary>A write-down id per request and claim (an id of the Claims API: at most 64 characters).</summary>
    private static string WriteDownId(string request, string claimId) =>
        "staff-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request + "\n" + claimId)))[..32].ToLowerInvariant();

    private static (string Outcome, string? Detail) Describe(CommandOutcome? outcome) => outcome switch
    {
        null => ("not-found", "No such claim."),
        CommandOutcome.Accepted => ("accepted", null),
        CommandOutcome.AlreadyDone => ("already-done", null),
        CommandOutcome.Conflict c => ("conflict", c.Detail),
        CommandOutcome.Invalid i => ("invalid", i.Message),
        _ => ("unknown", null),
    };
}

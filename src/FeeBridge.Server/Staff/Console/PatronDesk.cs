using FeeBridge.Application;
using FeeBridge.Application.Claims;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Staff;
using FeeBridge.Server.Citizen;
using FeeBridge.Server.Claims;
using FeeBridge.Persistence.Queues;

namespace FeeBridge.Server.Staff.Console;

/// <summary>One thing that happened to a claim, or one message about it, for the timeline.</summary>
/// <param name="Source">Who: <c>feebridge</c> (the ledger), <c>debtor-system</c>, <c>fbs</c>, <c>webhook</c> or <c>staff</c>.</param>
/// <param name="Direction"><c>out</c> (FeeBridge sent it), <c>in</c> (it arrived) or <c>here</c> (an event in the ledger).</param>
public sealed record TimelineEntry(DateTimeOffset At, string Source, string Direction, string What, Money? Amount, string? State, string? Detail);

/// <summary>One claim at the desk: where it is, what to say, the figures including the debtor system's, and its timeline.</summary>
/// <param name="Owed">Principal left plus the debtor system's interest and fees where known.</param>
public sealed record DeskClaim(ClaimState Claim, ClaimWhereabouts Where, string Tell, Money Outstanding, Money? Interest, Money? ReminderFees, Money Owed,
    string? PaymentLine, string? PaymentUrl, DateOnly? LastOnTimePaymentDate, string? DebtorSystemStatus, string? RejectionCode, string? RejectionText,
    IReadOnlyList<TimelineEntry> Timeline);

/// <summary>The block as FeeBridge expects it from what is owed (principal on open claims), and as FBS has it.</summary>
public sealed record DeskBlock(bool Expected, Money Owed, Money Threshold, FbsBlockView Fbs, bool? Matches, string Text);

/// <summary>Everything the desk shows for one patron at one agency.</summary>
public sealed record DeskPatron(AgencySettings Agency, MunicipalityRules Municipality, string PatronId, string? Name, string? MaskedDebtor,
    IReadOnlyList<DeskClaim> Claims, ClaimResources.Balance Balance, DeskBlock Block, string? PaymentUrl, DateTimeOffset AsOf)
{
    public IEnumerable<DeskClaim> Open => Claims.Where(c => !c.Claim.IsClosed);
}

/// <summary>
/// Builds the desk's view of a patron from what already exists: the balance of the Claims API (<see
/// cref="ClaimOperations.PatronAsync"/>, <see cref="ClaimResources.BalanceOf"/>), the claims' own histories, the
/// citizen page's status words and payment details, and every message about the claims; FBS is asked about the block.
/// </summary>
public sealed class PatronDesk(FeeBridgeStore store, Tenants tenants, ClaimOperations operations, CitizenTexts texts, FbsBlockCheck fbs, TimeProvider clock)
{
    /// <returns>Null when the patron has no claims at the agency.</returns>
    public async Task<DeskPatron?> ForAsync(AgencySettings agency, string patronId, CancellationToken ct)
    {
        // FBS is asked while the ledger and the debtor system are: the desk waits for the slowest, not for their sum.
        var blockTask = fbs.ForAsync(agency.Id.Value, patronId, ct);
        var patron = await operations.PatronAsync(agency, patronId, ct);
        if (patron.Claims.Count == 0) return null;
        var keys = patron.Claims.Select(c => new ClaimKey(c.AgencyId, c.ClaimId)).ToList();
        var states = patron.States;
        var (messages, fbsBlock) = (await store.StaffConsole.MessagesAsync(keys, ct), await blockTask);

        var municipality = tenants.Municipality(agency.Municipality);
        var paymentUrl = texts.PaymentUrl(agency.Municipality.Value);
        var today = PaymentDeadline.LocalDate(clock.GetUtcNow());
        var claims = keys.Where(states.ContainsKey).Select(k => Describe(states[k], municipality, paymentUrl, patron.DebtorSystem, messages, today)).ToList();

        var balance = ClaimResources.BalanceOf(patron);
        var principal = claims.Where(c => !c.Claim.IsClosed).Aggregate(Money.Zero, (sum, c) => sum + c.Outstanding);
        bool? matches = fbsBlock.Blocked is { } b ? b == balance.Block : null;
        var block = new DeskBlock(balance.Block, principal, agency.BlockThreshold, fbsBlock, matches, DeskTexts.Block(balance.Block, principal, agency.BlockThreshold, fbsBlock));
        var newest = claims.MaxBy(c => c.Claim.Header.CreatedAt)!.Claim;
        var masked = newest.Debtor.Cpr is { } cpr ? cpr.Masked : newest.Debtor.Cvr is { } cvr ? "CVR " + cvr.Value : null;
        return new DeskPatron(agency, municipality, patronId, newest.Header.DebtorName, masked, claims, balance, block, paymentUrl, patron.At);
    }

    private static DeskClaim Describe(ClaimState s, MunicipalityRules municipality, string? paymentUrl, DebtorSystemView? view, ClaimMessages messages, DateOnly today)
    {
        var key = s.Header.Key;
        var where = ClaimWhereaboutsNames.Of(s.Status, s.Route);
        var theirs = s.Route == ClaimRoute.DebtorSystem ? view?.Claims?.GetValueOrDefault(key.FagsystemFordringId) : null;
        var (interest, fees) = (theirs?.Renter, theirs?.Rykkergebyrer);
        var owed = s.Outstanding + (s.IsClosed ? Money.Zero : (interest ?? Money.Zero) + (fees ?? Money.Zero));
        var lastOnTime = theirs?.SidsteRettidigeBetalingsdato ?? s.LastOnTimePaymentDate;
        var line = theirs is { } t && !s.IsClosed && FiPaymentId.IsValidCreditorNumber(t.Kreditornummer) ? t.BetalingsId.ToPaymentLine(t.Kreditornummer) : null;
        var citizen = s.Route == ClaimRoute.DebtorSystem ? CitizenStatuses.For(s.Status, theirs?.Status, lastOnTime, today) : (CitizenStatus?)null;
        var rejection = s.Events.OfType<ClaimRejected>().LastOrDefault();
        var url = s.Route == ClaimRoute.DebtorSystem ? paymentUrl : null;
        var tell = DeskTexts.Tell(s, where, municipality, owed, line, url, lastOnTime, citizen, rejection?.Code);
        return new DeskClaim(s, where, tell, s.Outstanding, interest, fees, owed, line, url, s.Route == ClaimRoute.DebtorSystem ? lastOnTime : null,
            theirs?.Status, s.Status == ClaimStatus.Rejected ? rejection?.Code : null, s.Status == ClaimStatus.Rejected ? rejection?.Text : null,
            Timeline(s, messages));
    }

    /// <summary>Every event of the claim and every message about it, oldest first.</summary>
    public static IReadOnlyList<TimelineEntry> Timeline(ClaimState s, ClaimMessages messages)
    {
        var key = s.Header.Key;
        var entries = new List<TimelineEntry>();
        entries.AddRange(s.Events.Select(e => new TimelineEntry(e.At, "feebridge", "here", e.Type, e.Amount, null, e.Detail)));
        foreach (var h in messages.Handlings.Where(h => h.Claim == key))
        {
            QueueStates.TryParse(h.State, out OutboxState state);
            var answer = state switch
            {
                OutboxState.Done => "accepted (Udfoert)",
                OutboxState.Rejected => $"refused (Afvist): {h.ReceiptCode} {h.ReceiptText}".TrimEnd(),
                _ => h.Attempts == 0 ? "waiting to be sent" : $"waiting; {h.Attempts} failed attempts, next after {ClaimResources.Time(h.NotBefore)}",
            };
            entries.Add(new TimelineEntry(h.CreatedAt, "debtor-system", "out", h.Kind, null, h.State, $"HandlingId {h.HandlingId}: {answer}"));
        }
        foreach (var r in messages.Reports.Where(r => r.Claim == key))
            entries.Add(new TimelineEntry(r.ReceivedAt, "debtor-system", "in", r.Type, r.Beloeb, r.State,
                $"HaendelseId {r.HaendelseId}, value date {r.ValueDate:yyyy-MM-dd}{(r.PaymentMethod is { } m ? ", " + m : "")}, Restsaldo {r.Restsaldo}" +
                (r.Reason is { } why ? $": {why}" : "")));
        foreach (var (claim, n) in messages.Notices.Where(n => n.Claim == key))
        {
            var source = n.Target == "staff" ? "staff" : n.Target;
            var tries = n.Log.Count == 0 ? "" : " — " + string.Join("; ", n.Log.Select(a => $"attempt {a.Attempt} at {ClaimResources.Time(a.At)}: {a.Outcome}"));
            entries.Add(new TimelineEntry(n.CreatedAt, source, source == "staff" ? "here" : "out", n.EventType, null, n.State,
                $"{n.Result ?? ""}{tries}".Trim()));
        }
        return [.. entries.OrderBy(e => e.At)];
    }
}

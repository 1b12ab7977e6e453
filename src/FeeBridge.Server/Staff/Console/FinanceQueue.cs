using System.Collections.Concurrent;
using System.Globalization;
using FeeBridge.Application;
using FeeBridge.Application.Claims;
using FeeBridge.Application.Observability;
using FeeBridge.Application.Workers;
using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Staff;
using FeeBridge.Persistence.Queues;

namespace FeeBridge.Server.Staff.Console;

/// <summary>A queue item found where its id says, still waiting, with what a resolution acts on.</summary>
/// <param name="Amount">What the item concerns, as the queue shows it: a claim's outstanding principal, a report's amount.</param>
public sealed record LocatedItem(string ItemId, QueueKind Kind, long Version, Money Amount, AgencySettings? Agency, ClaimState? Claim, QueueRow? Row, string Describe);

/// <summary>How resolving one item ended.</summary>
public abstract record Resolution
{
    public sealed record Done(string ItemId, string Action, string Detail) : Resolution;

    /// <summary>No such item waits in this municipality (never was, or already resolved).</summary>
    public sealed record NotWaiting(string ItemId) : Resolution;

    /// <summary>The action is not one this kind of item takes, or lacks what it needs (a field and why).</summary>
    public sealed record Invalid(string Field, string Message) : Resolution;

    /// <summary>The claim's state refused the command.</summary>
    public sealed record Conflict(string ItemId, string Detail) : Resolution;
}

/// <summary>
/// The finance department's queue (CONTRACTS.md §8): what waits for a person in one municipality, oldest first, and
/// its resolution — each through the operation that already exists (a rejected claim is resent, corrected or cancelled
/// by <see cref="ClaimOperations"/>; a handling or a delivery goes out again through its own queue) and each recorded
/// in the queue's resolutions and the audit log. Bulk resolutions are carried out only when the caller confirms the
/// number of items and their sum.
/// </summary>
public sealed class FinanceQueue(FeeBridgeStore store, Tenants tenants, ClaimOperations operations, ConsoleCommands commands,
    NoticeSignal notices, StaffAudit audit, TimeProvider clock)
{
    /// <summary>A handling counts as stuck after this many failed sends, or this long waiting.</summary>
    public const int StuckAttempts = 3;
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(15);

    public const string Resend = "resend";
    public const string CorrectDebtor = "correct-debtor";
    public const string Cancel = "cancel";
    public const string Dismiss = "dismiss";

    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
    private readonly ConcurrentDictionary<(string, int), (DateTimeOffset At, IReadOnlyList<DayTotals> Days)> _totals = new();

    /// <remarks>The circuit as the store has it: the process sending to the debtor system need not be this one.</remarks>
    public async Task<QueuePage> QueueAsync(MunicipalityRules m, QueueKind? kind, int limit, CancellationToken ct) =>
        await store.StaffConsole.QueueAsync(m.Code.Value, AgenciesOf(m), kind, limit, StuckAttempts, clock.GetUtcNow() - StuckAfter,
            await store.Circuits.IsOpenAsync(m.Code.Value, clock.GetUtcNow(), ct), ct);

    /// <summary>The actions an item of this kind takes.</summary>
    public static IReadOnlyList<string> ActionsFor(QueueKind kind, string? reference = null) => kind switch
    {
        QueueKind.Rejected => [Resend, CorrectDebtor, Cancel, Dismiss],
        QueueKind.Refused => [Dismiss],
        QueueKind.Attention => reference is "fbs" or "webhook" ? [Resend, Dismiss] : [Dismiss],
        QueueKind.Handling => [Resend, Dismiss],
        _ => [Resend],
    };

    /// <summary>Danish words for an action, for the screens.</summary>
    public static string Words(string action) => action switch
    {
        Resend => "Send igen",
        CorrectDebtor => "Ret CPR/CVR og send igen",
        Cancel => "Annullér kravet som en fejl",
        Dismiss => "Afslut som håndteret",
        _ => action,
    };

    /// <summary>The item if it still waits in the municipality; null otherwise.</summary>
    public async Task<LocatedItem?> LocateAsync(MunicipalityRules m, string itemId, CancellationToken ct)
    {
        var parts = itemId.Split(':', 3);
        var code = m.Code.Value;
        switch (parts[0])
        {
            case "claim" when parts.Length == 3:
            {
                var agency = tenants.Agency(parts[1]);
                if (agency is null || agency.Municipality != m.Code) return null;
                var claim = await store.Claims.GetAsync(new ClaimKey(parts[1], parts[2]), ct);
                if (claim is not { Status: ClaimStatus.Rejected }) return null;
                return new LocatedItem(itemId, QueueKind.Rejected, ClaimCodec.ToMicros(claim.StatusSince), claim.Outstanding, agency, claim, null,
                    $"rejected claim {claim.Header.ClaimId}");
            }
            case "report" when parts.Length == 2 && Id(parts[1]) is { } report:
            {
                var row = await store.StaffConsole.ReportRowAsync(report, ct);
                return row is not null && QueueStates.Is(row.State, InboxState.Refused) && row.Owner == code
                    ? new LocatedItem(itemId, QueueKind.Refused, 0, row.Amount, null, null, row, "refused debtor-system report") : null;
            }
            case "notice" when parts.Length == 2 && Id(parts[1]) is { } notice:
            {
                var row = await store.StaffConsole.NoticeRowAsync(notice, ct);
                var agency = row is null ? null : tenants.Agency(row.Owner);
                return row is not null && QueueStates.Is(row.State, NoticeState.Attention) && agency?.Municipality == m.Code
                    ? new LocatedItem(itemId, QueueKind.Attention, row.Version, Money.Zero, agency, null, row, "notice for staff") : null;
            }
            case "handling" when parts.Length == 2 && Id(parts[1]) is { } handling:
            {
                var row = await store.StaffConsole.HandlingRowAsync(handling, ct);
                return row is not null && QueueStates.Is(row.State, OutboxState.Rejected) && row.Owner == code && row.Reference != nameof(HandlingKind.OpretDebitorkonto)
                    ? new LocatedItem(itemId, QueueKind.Handling, row.Version, Money.Zero, null, null, row, $"refused handling {row.Reference}") : null;
            }
            case "stuck" when parts.Length == 2 && parts[1] == code:
                return new LocatedItem(itemId, QueueKind.Stuck, 0, Money.Zero, null, null, null, "handlings waiting");
            default:
                return null;
        }
    }

    /// <summary>Resolves one item with one action, for a reason; every resolution is recorded and audited.</summary>
    public async Task<Resolution> ResolveAsync(StaffUser who, MunicipalityRules m, string itemId, string action, string reason, DebtorId? debtor, CancellationToken ct)
    {
        if (await LocateAsync(m, itemId, ct) is not { } item) return new Resolution.NotWaiting(itemId);
        return await ResolveAsync(who, m, item, action, reason, debtor, ct);
    }

    private async Task<Resolution> ResolveAsync(StaffUser who, MunicipalityRules m, LocatedItem item, string action, string reason, DebtorId? debtor, CancellationToken ct)
    {
        if (!ActionsFor(item.Kind, item.Row?.Reference).Contains(action))
            return new Resolution.Invalid("action", $"A {StaffConsoleStore.KindName(item.Kind)} item takes: {string.Join(", ", ActionsFor(item.Kind, item.Row?.Reference))}.");
        if (action == CorrectDebtor && debtor is null) return new Resolution.Invalid("debtor", "Give the corrected {\"cpr\"} or {\"cvr\"}.");
        var now = clock.GetUtcNow();
        var code = m.Code.Value;
        string detail;
        switch (item.Kind, action)
        {
            case (_, Dismiss):
                detail = $"Dismissed: {item.Describe}";
                break;
            case (QueueKind.Rejected, Resend):
                if (await operations.ResendAsync(item.Claim!.Header.Key, ct) is not ({ } o, _) || o is not (CommandOutcome.Accepted or CommandOutcome.AlreadyDone))
                    return new Resolution.Conflict(item.ItemId, "The claim could not be sent again.");
                detail = "The rejected claim was sent to the debtor system again";
                break;
            case (QueueKind.Rejected, CorrectDebtor):
            {
                var h = item.Claim!.Header;
                var changed = await commands.CorrectDebtorAsync(who, item.Agency!, h.PatronId, debtor!.Value, reason, ct);
                if (changed == 0) return new Resolution.Conflict(item.ItemId, "The claim already has this debtor; send it again as it is instead.");
                detail = $"Debtor corrected; {changed.ToString(CultureInfo.InvariantCulture)} claims of the patron follow, the rejected one goes again";
                break;
            }
            case (QueueKind.Rejected, Cancel):
                if (await operations.CancelAsync(item.Claim!.Header.Key, reason, ct) is not ({ } c, _) || c is not (CommandOutcome.Accepted or CommandOutcome.AlreadyDone))
                    return new Resolution.Conflict(item.ItemId, "The claim could not be cancelled.");
                detail = "The rejected claim was cancelled as an error";
                break;
            case (QueueKind.Attention, Resend):
            {
                var outcome = await store.StaffConsole.ReplayNoticeAsync(item.Agency!.Id.Value, long.Parse(item.ItemId[7..], CultureInfo.InvariantCulture), now, ct);
                if (outcome != ReplayOutcome.Replayed) return new Resolution.Conflict(item.ItemId, "The notice cannot be delivered again.");
                notices.Wake();
                detail = $"Delivered again to {item.Row!.Reference}";
                break;
            }
            case (QueueKind.Handling, Resend):
                if (!await store.StaffConsole.ResendHandlingAsync(long.Parse(item.ItemId[9..], CultureInfo.InvariantCulture), code, now, ct))
                    return new Resolution.NotWaiting(item.ItemId);
                detail = $"The refused {item.Row!.Reference} goes to the debtor system again under a new HandlingId";
                break;
            case (QueueKind.Stuck, Resend):
                detail = $"{(await store.StaffConsole.RetryNowAsync(code, now, ct)).ToString(CultureInfo.InvariantCulture)} waiting handlings are due now";
                break;
            default:
                return new Resolution.Invalid("action", "Not an action for this item.");
        }
        await store.StaffConsole.RecordResolutionAsync(item.ItemId, item.Version, code, action, who.UserName, reason, now, ct);
        await audit.RecordAsync(who, "queue." + action, $"queue/{code}/{item.ItemId}", reason, detail, ct);
        return new Resolution.Done(item.ItemId, action, detail);
    }

    /// <summary>
    /// Resolves several items with one action, when <paramref name="expectedCount"/> and <paramref name="expectedAmount"/>
    /// are what they add up to now (the confirmation); otherwise nothing is done and the figures are returned.
    /// </summary>
    public async Task<(bool Confirmed, int Count, Money Amount, IReadOnlyList<Resolution> Results)> ResolveManyAsync(StaffUser who, MunicipalityRules m,
        IReadOnlyList<string> itemIds, string action, string reason, int expectedCount, Money expectedAmount, CancellationToken ct)
    {
        var located = new List<LocatedItem>();
        var missing = new List<Resolution>();
        foreach (var id in itemIds.Distinct(StringComparer.Ordinal))
        {
            if (await LocateAsync(m, id, ct) is { } item) located.Add(item);
            else missing.Add(new Resolution.NotWaiting(id));
        }
        var amount = located.Aggregate(Money.Zero, (sum, i) => sum + i.Amount);
        if (located.Count != expectedCount || amount != expectedAmount) return (false, located.Count, amount, missing);
        var results = new List<Resolution>(missing);
        foreach (var item in located) results.Add(await ResolveAsync(who, m, item, action, reason, null, ct));
        return (true, located.Count, amount, results);
    }

    /// <summary>Totals per day (Danish dates) for the last <paramref name="days"/> days, today included; kept for half a minute.</summary>
    public async Task<IReadOnlyList<DayTotals>> TotalsAsync(MunicipalityRules m, int days, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_totals.TryGetValue((m.Code.Value, days), out var kept) && now - kept.At < TimeSpan.FromSeconds(30)) return kept.Days;
        var today = PaymentDeadline.LocalDate(now);
        var list = Enumerable.Range(0, days).Select(i => today.AddDays(-i)).Select(d => (d, Start(d), Start(d.AddDays(1)))).ToList();
        var totals = await store.StaffConsole.TotalsAsync(m.Code.Value, list, ct);
        _totals[(m.Code.Value, days)] = (now, totals);
        return totals;
    }

    /// <summary>Forgets the kept totals of a municipality (after a resolution its own screen shows at once).</summary>
    public void Refresh(MunicipalityRules m)
    {
        foreach (var key in _totals.Keys.Where(k => k.Item1 == m.Code.Value)) _totals.TryRemove(key, out _);
    }

    private static DateTimeOffset Start(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Copenhagen.GetUtcOffset(local));
    }

    private IReadOnlyList<string> AgenciesOf(MunicipalityRules m) => [.. tenants.Agencies.Where(a => a.Municipality == m.Code).Select(a => a.Id.Value)];

    private static long? Id(string s) => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

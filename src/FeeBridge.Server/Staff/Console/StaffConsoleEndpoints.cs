using System.Text.Json;
using FeeBridge.Application;
using FeeBridge.Domain.Claims;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Notices;
using FeeBridge.Persistence.Queues;
using FeeBridge.Persistence.Staff;
using FeeBridge.Server.Claims;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Console;

/// <summary>
/// The staff console API (CONTRACTS.md §8, base <c>/api/v1/staff</c>, a staff bearer token or the staff session): the
/// library desk (patron search and view, the full CPR number for a reason, write-down, cancellation, the corrected
/// debtor), the finance department's queue with its resolutions and totals per day, and the agency's delivery log
/// with replay. Access as §5: library staff their own agencies, finance staff their own municipality (and its
/// agencies' patrons); 401 without a token, 403 with a problem detail outside the scope.
/// </summary>
public static class StaffConsoleEndpoints
{
    public const int MaxReason = 500;

    /// <summary>The console's services, beside the staff sign-in.</summary>
    public static IServiceCollection AddStaffConsole(this IServiceCollection services) =>
        services.AddSingleton<FbsBlockCheck>().AddSingleton<PatronDesk>().AddSingleton<ConsoleCommands>().AddSingleton<FinanceQueue>();

    public static void MapStaffConsole(this IEndpointRouteBuilder app)
    {
        var staff = app.MapStaffGroup("/api/v1/staff", "Staff console");
        var agency = staff.MapGroup("/agencies/{agencyId}").ProducesProblem(StatusCodes.Status404NotFound);
        agency.MapGet("/patrons", SearchAsync).Produces<IReadOnlyList<ConsoleJson.PatronHitView>>()
            .WithSummary("Find patrons at the agency by patron id or by name (from its start). A CPR number is never searched for here: use POST /patrons/search.");
        agency.MapPost("/patrons/search", SearchByNumberAsync).Produces<IReadOnlyList<ConsoleJson.PatronHitView>>()
            .WithSummary("Find patrons by the CPR or CVR number they are liable under, in the body ({\"cpr\"} or {\"cvr\"}, optional reason); audited.");
        agency.MapGet("/patrons/{patronId}", PatronAsync).Produces<ConsoleJson.Patron>()
            .WithSummary("The patron's claims: where each is now, what to tell the citizen, the amounts with the debtor system's interest and fees, the FI +71 line, the payment site, the block, the timeline; the debtor masked.");
        agency.MapPost("/claims/{claimId}/debtor/reveal", RevealAsync).Produces<ConsoleJson.Reveal>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("The claim's debtor's full CPR number, for a reason ({\"reason\"}); written to the audit log.");
        agency.MapPost("/patrons/{patronId}/write-downs", WriteDownAsync).Produces<ConsoleJson.CommandDone>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Write claims down by what is left on them ({\"claimIds\",\"reason\":\"material-returned\"|\"error\"|\"other\",\"note\"?,\"expected\":{\"claims\",\"amount\"},\"requestId\"?}); 409 with the figures when 'expected' is not what they add up to.");
        agency.MapPost("/patrons/{patronId}/cancellations", CancelAsync).Produces<ConsoleJson.CommandDone>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Cancel claims made in error ({\"claimIds\",\"reason\",\"expected\":{\"claims\",\"amount\"}}).");
        agency.MapPut("/patrons/{patronId}/debtor", CorrectDebtorAsync).Produces<ConsoleJson.DebtorCorrected>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Correct the patron's CPR or CVR ({\"cpr\"} or {\"cvr\"}, and \"reason\"): every open claim follows, a rejected one goes again; audited without the number.");
        agency.MapGet("/deliveries", DeliveriesAsync).Produces<IReadOnlyList<NoticeView>>()
            .WithSummary("The delivery log: every notice to FBS and the webhook with every attempt (state=, claimId=, before=, limit=).");
        agency.MapPost("/deliveries/{noticeId:long}/replay", ReplayAsync).Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Deliver a notice again ({\"reason\"}); audited.");

        var municipality = staff.MapGroup("/municipalities/{kommunekode}").ProducesProblem(StatusCodes.Status404NotFound);
        municipality.MapGet("/queue", QueueAsync).Produces<ConsoleJson.QueueView>()
            .WithSummary("Finance staff: what waits for a person (rejected claims, refused reports, attention notices, refused or stuck handlings), oldest first, each with its reason and actions.");
        municipality.MapPost("/queue/{itemId}/resolve", ResolveAsync).Produces<ConsoleJson.Resolved>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Resolve one item ({\"action\":\"resend\"|\"correct-debtor\"|\"cancel\"|\"dismiss\",\"reason\",\"debtor\"?}); recorded and audited.");
        municipality.MapPost("/queue/resolve", ResolveManyAsync).Produces<ConsoleJson.BulkResolved>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Resolve several items with one action ({\"itemIds\",\"action\",\"reason\",\"expected\":{\"items\",\"amount\"}}); 409 with the figures when not confirmed.");
        municipality.MapGet("/totals", TotalsAsync).Produces<IReadOnlyList<ConsoleJson.DayView>>()
            .WithSummary("Totals per day (Danish dates, newest first) of what moved: handlings sent and refused, reports received, resolutions.");
    }

    private static StaffUser Caller(HttpContext http) => StaffUser.From(http.User)!;

    private static async Task<IResult> SearchAsync(HttpContext http, string agencyId, string? q, Tenants tenants, FeeBridgeStore store, CancellationToken ct)
    {
        var (agency, refusal) = ConsoleScopes.Agency(Caller(http), tenants, agencyId);
        if (refusal is not null) return refusal;
        if (string.IsNullOrWhiteSpace(q) || q.Length > 100) return Invalid("q", "Give a patron id or the start of a name (1-100 characters).");
        if (LooksLikeCpr(q)) return Invalid("q", "That looks like a CPR number: search for it with POST …/patrons/search, so it is never in an address.");
        return Results.Ok((await FindAsync(store, agency!.Id.Value, q.Trim(), ct)).Select(ConsoleJson.Of).ToList());
    }

    /// <summary>By patron id first; when none has it, by the start of the name.</summary>
    public static async Task<IReadOnlyList<PatronHit>> FindAsync(FeeBridgeStore store, string agencyId, string q, CancellationToken ct)
    {
        var byId = JsonFields.IsId(q) ? await store.StaffConsole.PatronByIdAsync(agencyId, q, ct) : [];
        return byId.Count > 0 ? byId : await store.StaffConsole.PatronsByNameAsync(agencyId, q, 25, ct);
    }

    /// <summary>Ten digits, or six and four with a dash: what staff type for a CPR number.</summary>
    public static bool LooksLikeCpr(string q) => Cpr.TryParse(q.Trim(), out _, out _);

    private static async Task<IResult> SearchByNumberAsync(HttpContext http, string agencyId, Tenants tenants, FeeBridgeStore store, StaffAudit audit, CancellationToken ct)
    {
        var user = Caller(http);
        var (agency, refusal) = ConsoleScopes.Agency(user, tenants, agencyId);
        if (refusal is not null) return refusal;
        var (doc, problem) = await JsonBody.ReadAsync(http.Request);
        if (problem is not null) return problem;
        using var _ = doc;
        var errors = new FieldErrors();
        var f = new JsonFields(errors);
        var party = ClaimRequests.ReadDebtor(f, doc!.RootElement, "$");
        var reason = f.Text(doc.RootElement, "reason", "reason", required: false, MaxReason);
        if (errors.Any) return Problems.Validation(errors);
        var hits = await store.StaffConsole.PatronsByLiableAsync([agency!.Id.Value], party!.Value, ct);
        await audit.RecordAsync(user, "patron.searched-by-number", $"patron-search/{agency.Id.Value}", reason,
            $"Searched by {(party.Value.Cpr is not null ? "a CPR number" : $"CVR {party.Value.Cvr!.Value.Value}")}; found {string.Join(", ", hits.Select(h => h.PatronId))}".TrimEnd(' ', ';'), ct);
        return Results.Ok(hits.Select(ConsoleJson.Of).ToList());
    }

    private static async Task<IResult> PatronAsync(HttpContext http, string agencyId, string patronId, Tenants tenants, PatronDesk desk, CancellationToken ct)
    {
        var (agency, refusal) = ConsoleScopes.Agency(Caller(http), tenants, agencyId);
        if (refusal is not null) return refusal;
        return await desk.ForAsync(agency!, patronId, ct) is { } patron
            ? Results.Ok(ConsoleJson.Of(patron))
            : Problems.Result(StatusCodes.Status404NotFound, "No such patron", "The agency has no claims for this patron id.");
    }

    private static async Task<IResult> RevealAsync(HttpContext http, string agencyId, string claimId, Tenants tenants, ConsoleCommands commands, CancellationToken ct)
    {
        var user = Caller(http);
        var (agency, refusal) = ConsoleScopes.Agency(user, tenants, agencyId);
        if (refusal is not null) return refusal;
        var (body, problem) = await ReadAsync(http, (f, root) => f.Text(root, "reason", "reason", required: true, MaxReason));
        if (problem is not null) return problem;
        return await commands.RevealAsync(user, agency!, claimId, body!, ct) is { } shown
            ? Results.Ok(new ConsoleJson.Reveal(shown.Cpr, shown.Cvr, shown.GuardianCpr))
            : Problems.Result(StatusCodes.Status404NotFound, "No such claim", "This agency has no claim with this id.");
    }

    private sealed record Bulk(List<string> Ids, string Reason, string? Note, int ExpectedCount, Money ExpectedAmount, string? RequestId, WriteDownReason WriteDown);

    private static async Task<IResult> WriteDownAsync(HttpContext http, string agencyId, string patronId, Tenants tenants, ConsoleCommands commands, CancellationToken ct)
    {
        var user = Caller(http);
        var (agency, refusal) = ConsoleScopes.Agency(user, tenants, agencyId);
        if (refusal is not null) return refusal;
        var (bulk, problem) = await ReadAsync(http, (f, root) => ReadBulk(f, root, "claimIds", "claims", writeDown: true));
        if (problem is not null) return problem;
        return Answer(await commands.WriteDownAsync(user, agency!, patronId, bulk!.Ids, bulk.WriteDown, bulk.Note, bulk.ExpectedCount, bulk.ExpectedAmount,
            bulk.RequestId, ct));
    }

    private static async Task<IResult> CancelAsync(HttpContext http, string agencyId, string patronId, Tenants tenants, ConsoleCommands commands, CancellationToken ct)
    {
        var user = Caller(http);
        var (agency, refusal) = ConsoleScopes.Agency(user, tenants, agencyId);
        if (refusal is not null) return refusal;
        var (bulk, problem) = await ReadAsync(http, (f, root) => ReadBulk(f, root, "claimIds", "claims", writeDown: false));
        if (problem is not null) return problem;
        return Answer(await commands.CancelAsync(user, agency!, patronId, bulk!.Ids, bulk.Reason, bulk.ExpectedCount, bulk.ExpectedAmount, ct));
    }

    private static async Task<IResult> CorrectDebtorAsync(HttpContext http, string agencyId, string patronId, Tenants tenants, ConsoleCommands commands, CancellationToken ct)
    {
        var user = Caller(http);
        var (agency, refusal) = ConsoleScopes.Agency(user, tenants, agencyId);
        if (refusal is not null) return refusal;
        if (!JsonFields.IsId(patronId)) return Invalid("patronId", "Must be 1-64 letters, digits or . _ - :");
        var (body, problem) = await ReadAsync(http, (f, root) =>
        {
            var debtor = ClaimRequests.ReadDebtor(f, root, "$");
            var reason = f.Text(root, "reason", "reason", required: true, MaxReason);
            return debtor is { } d && reason is not null ? (d, reason) : ((DebtorId, string)?)null;
        });
        if (problem is not null) return problem;
        var changed = await commands.CorrectDebtorAsync(user, agency!, patronId, body!.Value.Item1, body.Value.Item2, ct);
        return Results.Accepted(value: new ConsoleJson.DebtorCorrected(patronId, changed));
    }

    private static async Task<IResult> DeliveriesAsync(HttpContext http, string agencyId, string? state, string? claimId, long? before, int? limit,
        Tenants tenants, FeeBridgeStore store, CancellationToken ct)
    {
        var (agency, refusal) = ConsoleScopes.Agency(Caller(http), tenants, agencyId);
        if (refusal is not null) return refusal;
        NoticeState? filter = null;
        if (state is not null)
        {
            if (!QueueStates.TryParse(state, out NoticeState s)) return Invalid("state", $"Must be one of: {QueueStates.Names<NoticeState>()}.");
            filter = s;
        }
        return Results.Ok(await store.Notices.ListAsync(agency!.Id.Value, filter, claimId, before, Math.Clamp(limit ?? 50, 1, 500), ct));
    }

    private static async Task<IResult> ReplayAsync(HttpContext http, string agencyId, long noticeId, Tenants tenants, FeeBridgeStore store, StaffAudit audit,
        Application.Workers.NoticeSignal signal, TimeProvider clock, CancellationToken ct)
    {
        var user = Caller(http);
        var (agency, refusal) = ConsoleScopes.Agency(user, tenants, agencyId);
        if (refusal is not null) return refusal;
        var (reason, problem) = await ReadAsync(http, (f, root) => f.Text(root, "reason", "reason", required: true, MaxReason));
        if (problem is not null) return problem;
        var outcome = await Replay(user, agency!.Id.Value, noticeId, reason!, store, audit, signal, clock, ct);
        return outcome switch
        {
            ReplayOutcome.Replayed => Results.Accepted(value: new { noticeId, state = QueueStates.Name(NoticeState.Pending) }),
            ReplayOutcome.NotFound => Problems.Result(StatusCodes.Status404NotFound, "No such delivery", "The agency has no notice with this id."),
            ReplayOutcome.AlreadyPending => Problems.Result(StatusCodes.Status409Conflict, "Already waiting", "The notice waits to be delivered already."),
            _ => Problems.Result(StatusCodes.Status409Conflict, "Not deliverable", "Only a notice for FBS or a registered webhook can be delivered again."),
        };
    }

    /// <summary>A delivery again, audited when it happened: the API's and the delivery log page's one way.</summary>
    public static async Task<ReplayOutcome> Replay(StaffUser user, string agencyId, long noticeId, string reason, FeeBridgeStore store, StaffAudit audit,
        Application.Workers.NoticeSignal signal, TimeProvider clock, CancellationToken ct)
    {
        var outcome = await store.StaffConsole.ReplayNoticeAsync(agencyId, noticeId, clock.GetUtcNow(), ct);
        if (outcome != ReplayOutcome.Replayed) return outcome;
        signal.Wake();
        await audit.RecordAsync(user, "delivery.replayed", $"notice/{agencyId}/{noticeId.ToString(System.Globalization.CultureInfo.InvariantCulture)}", reason, null, ct);
        return outcome;
    }

    private static async Task<IResult> QueueAsync(HttpContext http, string kommunekode, string? kind, int? limit, Tenants tenants, FinanceQueue queue, CancellationToken ct)
    {
        var (m, refusal) = ConsoleScopes.Municipality(Caller(http), tenants, kommunekode);
        if (refusal is not null) return refusal;
        QueueKind? filter = null;
        if (kind is not null)
        {
            if (!StaffConsoleStore.TryParseKind(kind, out var k))
                return Invalid("kind", $"Must be one of: {string.Join(", ", Enum.GetValues<QueueKind>().Select(StaffConsoleStore.KindName))}.");
            filter = k;
        }
        if (limit is < 1 or > 500) return Invalid("limit", "Must be 1-500.");
        return Results.Ok(ConsoleJson.Of(await queue.QueueAsync(m!, filter, limit ?? 100, ct)));
    }

    private static async Task<IResult> ResolveAsync(HttpContext http, string kommunekode, string itemId, Tenants tenants, FinanceQueue queue, CancellationToken ct)
    {
        var user = Caller(http);
        var (m, refusal) = ConsoleScopes.Municipality(user, tenants, kommunekode);
        if (refusal is not null) return refusal;
        var (body, problem) = await ReadAsync(http, (f, root) =>
        {
            var action = f.Text(root, "action", "action", required: true, 40);
            var reason = f.Text(root, "reason", "reason", required: true, MaxReason);
            DebtorId? debtor = f.Get(root, "debtor") is { } d ? ClaimRequests.ReadDebtor(f, d, "debtor") : null;
            return action is not null && reason is not null ? (action, reason, debtor) : ((string, string, DebtorId?)?)null;
        });
        if (problem is not null) return problem;
        var (act, why, who) = body!.Value;
        var result = await queue.ResolveAsync(user, m!, itemId, act, why, who, ct);
        queue.Refresh(m!);
        return result switch
        {
            Resolution.Done d => Results.Accepted(value: new ConsoleJson.Resolved(d.ItemId, d.Action, d.Detail)),
            Resolution.NotWaiting => Problems.Result(StatusCodes.Status404NotFound, "Not in the queue", "No such item waits in this municipality's queue."),
            Resolution.Conflict c => Problems.Result(StatusCodes.Status409Conflict, "Conflict", c.Detail),
            Resolution.Invalid i => Invalid(i.Field, i.Message),
            _ => throw new InvalidOperationException(),
        };
    }

    private static async Task<IResult> ResolveManyAsync(HttpContext http, string kommunekode, Tenants tenants, FinanceQueue queue, CancellationToken ct)
    {
        var user = Caller(http);
        var (m, refusal) = ConsoleScopes.Municipality(user, tenants, kommunekode);
        if (refusal is not null) return refusal;
        var (body, problem) = await ReadAsync(http, (f, root) =>
        {
            var bulk = ReadBulk(f, root, "itemIds", "items", writeDown: false, idsAreItems: true);
            var action = f.Text(root, "action", "action", required: true, 40);
            if (action is FinanceQueue.CorrectDebtor) f.Errors.Add("action", "A correction names one debtor: resolve such items one at a time.");
            return bulk is not null && action is not null ? (bulk, action) : ((Bulk, string)?)null;
        });
        if (problem is not null) return problem;
        var (bulk, act) = body!.Value;
        var (confirmed, count, amount, results) = await queue.ResolveManyAsync(user, m!, bulk.Ids, act, bulk.Reason, bulk.ExpectedCount, bulk.ExpectedAmount, ct);
        queue.Refresh(m!);
        if (!confirmed)
            return NotConfirmed($"{count} items, {amount}", new { items = count, amount = amount.ToString() });
        return Results.Accepted(value: new ConsoleJson.BulkResolved(count, amount.ToString(), [.. results.Select(ConsoleJson.Of)]));
    }

    private static async Task<IResult> TotalsAsync(HttpContext http, string kommunekode, int? days, Tenants tenants, FinanceQueue queue, CancellationToken ct)
    {
        var (m, refusal) = ConsoleScopes.Municipality(Caller(http), tenants, kommunekode);
        if (refusal is not null) return refusal;
        if (days is < 1 or > 92) return Invalid("days", "Must be 1-92.");
        return Results.Ok((await queue.TotalsAsync(m!, days ?? 14, ct)).Select(ConsoleJson.Of).ToList());
    }

    // The claims or items of a bulk command, its reason and what the caller confirmed.
    private static Bulk? ReadBulk(JsonFields f, JsonElement root, string idsField, string countField, bool writeDown, bool idsAreItems = false)
    {
        var ids = new List<string>();
        if (f.Get(root, idsField) is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() is 0 or > 500)
            f.Errors.Add(idsField, "Must be an array of 1-500 ids.");
        else
        {
            var i = 0;
            foreach (var e in array.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.String || e.GetString() is not { Length: > 0 and <= 200 } id || (!idsAreItems && !JsonFields.IsId(id)))
                    f.Errors.Add($"{idsField}[{i}]", "Must be an id.");
                else ids.Add(id);
                i++;
            }
        }
        var reasonText = f.Text(root, "reason", "reason", required: true, MaxReason);
        var writeDownReason = WriteDownReason.Other;
        if (writeDown && reasonText is not null && !ClaimNames.TryParseWriteDownReason(reasonText, out writeDownReason))
            f.Errors.Add("reason", "Must be 'material-returned', 'error' or 'other'.");
        var note = writeDown ? f.Text(root, "note", "note", required: false, MaxReason) : null;
        var requestId = writeDown ? f.Id(root, "requestId", "requestId", required: false) : null;
        int? count = null;
        Money? amount = null;
        if (f.Get(root, "expected") is not { ValueKind: JsonValueKind.Object } expected)
            f.Errors.Add("expected", $"Required: {{\"{countField}\": N, \"amount\": \"X.XX\"}}, the figures the user confirmed.");
        else
        {
            if (f.Get(expected, countField) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var c)) count = c;
            else f.Errors.Add($"expected.{countField}", "Must be a whole number.");
            amount = f.Get(expected, "amount") is null ? Money.Zero : MoneyOrZero(f, expected);
        }
        return f.Errors.Any ? null : new Bulk(ids, reasonText!, note, count!.Value, amount!.Value, requestId, writeDownReason);
    }

    private static Money? MoneyOrZero(JsonFields f, JsonElement expected)
    {
        var v = f.Get(expected, "amount")!.Value;
        if (v.ValueKind == JsonValueKind.String && Money.TryParseAccepted(v.GetString(), out var m, out _) && !m.IsNegative) return m;
        f.Errors.Add("expected.amount", "Must be a string in kroner with two decimals, e.g. \"120.00\".");
        return null;
    }

    private static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpContext http, Func<JsonFields, JsonElement, T?> read)
    {
        var (doc, problem) = await JsonBody.ReadAsync(http.Request);
        if (problem is not null) return (default, problem);
        using var _ = doc;
        var errors = new FieldErrors();
        var f = new JsonFields(errors);
        if (doc!.RootElement.ValueKind != JsonValueKind.Object) errors.Add("$", "Must be a JSON object.");
        var body = errors.Any ? default : read(f, doc.RootElement);
        return errors.Any || body is null ? (default, Problems.Validation(errors.Any ? errors : Required(errors))) : (body, null);
    }

    private static FieldErrors Required(FieldErrors errors)
    {
        errors.Add("$", "The body is incomplete.");
        return errors;
    }

    private static IResult Answer(CommandResult result) => result switch
    {
        CommandResult.Done d => Results.Json(new ConsoleJson.CommandDone(d.Selection.Count, d.Selection.Amount.ToString(), d.Selection.Text,
            [.. d.Claims.Select(c => new ConsoleJson.CommandOutcomeView(c.ClaimId, c.Outcome, c.Detail))]), statusCode: StatusCodes.Status202Accepted),
        CommandResult.NotConfirmed n => NotConfirmed(n.Selection.Text,
            new ConsoleJson.Expected(n.Selection.Count, n.Selection.Amount.ToString(), n.Selection.Text)),
        CommandResult.Invalid i => Invalid(i.Field, i.Message),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>409: what the command would do now is not what the caller confirmed; the figures to confirm are in <c>expected</c>.</summary>
    private static IResult NotConfirmed(string text, object expected) => Results.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Title = "Not confirmed",
        Detail = $"Nothing was done: the command would act on {text}. Confirm these figures ('expected') and send it again.",
        Extensions = { ["expected"] = expected },
    });

    private static IResult Invalid(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Problems.Validation(errors);
    }
}

using System.Text.Json;
using FeeBridge.Domain;
using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Claims;
using FeeBridge.Server.Access;
using FeeBridge.Application;
using FeeBridge.Application.Claims;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Claims;

/// <summary>The Claims API (CONTRACTS.md §1): the library system hands claims over and keeps them current.</summary>
public static class ClaimEndpoints
{
    public static void MapClaimsApi(this IEndpointRouteBuilder app)
    {
        var agency = AgencyAccess.MapAgencyGroup(app, "Claims").ProducesProblem(StatusCodes.Status404NotFound);

        agency.MapPut("/claims/{claimId}", PutClaim)
            .Accepts<ClaimBody>("application/json")
            .Produces<ClaimResources.Claim>(StatusCodes.Status201Created)
            .Produces<ClaimResources.Claim>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Hand over a claim (idempotent: same body → 200, different body → 409).");
        agency.MapGet("/claims/{claimId}", GetClaim)
            .Produces<ClaimResources.Claim>()
            .WithSummary("The claim with its status, amounts and event history.");
        agency.MapGet("/claims", ListClaims)
            .Produces<ClaimResources.Page>()
            .WithSummary("A page of claims, newest change first.");
        agency.MapPost("/claims/{claimId}/write-downs", WriteDown)
            .Accepts<WriteDownBody>("application/json")
            .Produces<ClaimResources.Claim>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Write a claim down (idempotent per writeDownId).");
        agency.MapPost("/claims/{claimId}/cancellation", Cancel)
            .Accepts<CancellationBody>("application/json")
            .Produces<ClaimResources.Claim>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancel a claim made in error.");
        agency.MapPut("/patrons/{patronId}/debtor", ChangeDebtor)
            .Accepts<DebtorBody>("application/json")
            .Produces<DebtorChangeResult>(StatusCodes.Status202Accepted)
            .WithSummary("The patron's CPR or CVR changed; every open claim follows.");
        agency.MapGet("/patrons/{patronId}/balance", Balance)
            .Produces<ClaimResources.Balance>()
            .WithSummary("What the patron owes, by route, and whether the fee block (E) applies.");
    }

    private static async Task<IResult> PutClaim(string agencyId, string claimId, HttpRequest request, Tenants tenants, ClaimOperations claims)
    {
        if (!JsonFields.IsId(claimId)) return InvalidField("claimId", "Must be 1-64 letters, digits or . _ - :");
        var (doc, problem) = await JsonBody.ReadAsync(request);
        if (problem is not null) return problem;
        using var _ = doc;

        var agency = tenants.Agency(agencyId)!;
        var errors = new FieldErrors();
        var header = ClaimRequests.ReadClaim(doc!.RootElement, agency, claimId, errors);
        if (header is null) return Problems.Validation(errors);

        var result = await claims.HandOverAsync(agency, header, request.HttpContext.RequestAborted);

        var resource = ClaimResources.From(result.Claim);
        return result.Outcome switch
        {
            IntakeOutcome.Created => Results.Created($"/api/v1/agencies/{agencyId}/claims/{claimId}", resource),
            IntakeOutcome.Replayed => Results.Ok(resource),
            _ => Problems.Result(StatusCodes.Status409Conflict, "Claim exists with different content",
                "A claim with this id was handed over before with a different body. Claims are never changed in place: use write-downs, cancellation or a new claim id."),
        };
    }

    private static async Task<IResult> GetClaim(string agencyId, string claimId, FeeBridgeStore store, CancellationToken ct) =>
        await store.Claims.GetAsync(new ClaimKey(agencyId, claimId), ct) is { } state
            ? Results.Ok(ClaimResources.From(state))
            : NotFound();

    private static async Task<IResult> ListClaims(
        string agencyId, string? status, string? patronId, string? changedSince, string? cursor, int? limit,
        FeeBridgeStore store, CancellationToken ct)
    {
        var errors = new FieldErrors();
        ClaimStatus? statusFilter = null;
        if (status is not null)
        {
            if (ClaimNames.TryParseStatus(status, out var s)) statusFilter = s;
            else errors.Add("status", "Unknown status.");
        }
        DateTimeOffset? since = null;
        if (changedSince is not null)
        {
            if (DateTimeOffset.TryParse(changedSince, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t)) since = t;
            else errors.Add("changedSince", "Must be an ISO 8601 date and time with offset.");
        }
        if (limit is < 1 or > 500) errors.Add("limit", "Must be 1-500.");
        if (!Cursor.IsValid(cursor)) errors.Add("cursor", "Not a cursor this API gave out.");
        if (errors.Any) return Problems.Validation(errors);

        var page = await store.Claims.ListAsync(new ClaimQuery(agencyId, statusFilter, patronId, since, cursor, limit ?? 50), ct);
        return Results.Ok(new ClaimResources.Page(page.Items.Select(ClaimResources.From).ToList(), page.NextCursor));
    }

    private static async Task<IResult> WriteDown(string agencyId, string claimId, HttpRequest request, ClaimOperations claims)
    {
        var (doc, problem) = await JsonBody.ReadAsync(request);
        if (problem is not null) return problem;
        using var _ = doc;
        var body = doc!.RootElement;
        var errors = new FieldErrors();
        var f = new JsonFields(errors);
        var writeDownId = f.Id(body, "writeDownId", "writeDownId", required: true);
        var amount = f.PositiveAmount(body, "amount", "amount");
        var reasonText = f.Text(body, "reason", "reason", required: true, 40);
        WriteDownReason reason = default;
        if (reasonText is not null && !ClaimNames.TryParseWriteDownReason(reasonText, out reason))
            errors.Add("reason", "Must be 'material-returned', 'error' or 'other'.");
        var lineId = f.Id(body, "lineId", "lineId", required: false);
        if (errors.Any) return Problems.Validation(errors);

        return Answer(await claims.WriteDownAsync(new ClaimKey(agencyId, claimId), writeDownId!, amount!.Value, reason, lineId, request.HttpContext.RequestAborted));
    }

    private static async Task<IResult> Cancel(string agencyId, string claimId, HttpRequest request, ClaimOperations claims)
    {
        var (doc, problem) = await JsonBody.ReadAsync(request);
        if (problem is not null) return problem;
        using var _ = doc;
        var errors = new FieldErrors();
        var reason = new JsonFields(errors).Text(doc!.RootElement, "reason", "reason", required: true, 500);
        if (errors.Any) return Problems.Validation(errors);

        return Answer(await claims.CancelAsync(new ClaimKey(agencyId, claimId), reason!, request.HttpContext.RequestAborted));
    }

    private static async Task<IResult> ChangeDebtor(string agencyId, string patronId, HttpRequest request, ClaimOperations claims)
    {
        if (!JsonFields.IsId(patronId)) return InvalidField("patronId", "Must be 1-64 letters, digits or . _ - :");
        var (doc, problem) = await JsonBody.ReadAsync(request);
        if (problem is not null) return problem;
        using var _ = doc;
        var errors = new FieldErrors();
        var debtor = ClaimRequests.ReadDebtor(new JsonFields(errors), doc!.RootElement, "$");
        if (debtor is null) return Problems.Validation(errors);

        var changed = await claims.ChangeDebtorAsync(agencyId, patronId, debtor.Value, request.HttpContext.RequestAborted);
        return Results.Accepted(value: new DebtorChangeResult(patronId, changed));
    }

    private static async Task<IResult> Balance(string agencyId, string patronId, Tenants tenants, ClaimOperations claims, CancellationToken ct) =>
        Results.Ok(ClaimResources.BalanceOf(await claims.PatronAsync(tenants.Agency(agencyId)!, patronId, ct)));

    private static IResult Answer((CommandOutcome Outcome, ClaimState Claim)? result) => result switch
    {
        null => NotFound(),
        ({ } outcome, var claim) => outcome switch
        {
            CommandOutcome.Accepted or CommandOutcome.AlreadyDone => Results.Json(ClaimResources.From(claim), statusCode: StatusCodes.Status202Accepted),
            CommandOutcome.Conflict c => Problems.Result(StatusCodes.Status409Conflict, "Conflict", c.Detail),
            CommandOutcome.Invalid i => InvalidField(i.Field, i.Message),
            _ => throw new InvalidOperationException(),
        },
    };

    private static IResult NotFound() => Problems.Result(StatusCodes.Status404NotFound, "No such claim", "This agency has no claim with this id.");

    private static IResult InvalidField(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Problems.Validation(errors);
    }

    // Shapes for the OpenAPI document; the bodies are read by hand (ClaimRequests) for exact error messages.
    public sealed record ClaimBody(string PatronId, DebtorBody Debtor, string? DebtorName, DebtorBody? Guardian, string Kind,
        bool? Acknowledged, string? Reason, DateTimeOffset CreatedAt, DateOnly? DueDate, IReadOnlyList<LineBody> Lines);
    public sealed record LineBody(string LineId, string Amount, string? Text, string? MaterialItemNumber, string? RecordId);
    public sealed record DebtorBody(string? Cpr, string? Cvr);
    public sealed record WriteDownBody(string WriteDownId, string Amount, string Reason, string? LineId);
    public sealed record CancellationBody(string Reason);
    public sealed record DebtorChangeResult(string PatronId, int ClaimsChanged);
}

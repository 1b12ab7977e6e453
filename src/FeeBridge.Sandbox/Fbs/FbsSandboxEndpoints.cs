using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeeBridge.Sandbox.Fbs;

/// <summary>
/// The FBS sandbox over HTTP (CONTRACTS.md §2, §4): FBS's external calls under <c>/sandbox/fbs/rest</c>, as FBS's own
/// swagger documents them (ISIL agency ids, integer patron ids, log-in and <c>X-Session</c>, 401 without a valid
/// session), and the controls that create a fee and hand it to FeeBridge through the Claims API, as FBS does.
/// </summary>
public static class FbsSandboxEndpoints
{
    /// <summary>Where FBS's external API lives in the sandbox: its <c>/rest/</c> (FeeBridge's <c>Fbs:BaseUrl</c>).</summary>
    public const string RestPrefix = "/sandbox/fbs/rest";

    /// <param name="GuardianCpr">For a minor: the guardian who consented at sign-up and is liable.</param>
    public sealed record FeeBody(string? Cpr, string? Cvr, string? Name, string? Type, string? Amount, string? ReasonMessage, bool? Acknowledged,
        DateTimeOffset? CreatedAt, string? MaterialItemNumber, string? RecordId, string? GuardianCpr = null);

    /// <summary>FBS's <c>PaymentOrder</c>.</summary>
    public sealed record PaymentOrder(string? OrderId, long[]? FeeIds);

    /// <summary>FBS's <c>Login</c>.</summary>
    public sealed record Login(string? Username, string? Password);

    // FBS leaves unset fields out (paidDate until paid, confirmationId unless registered), it does not send null.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static IServiceCollection AddFbsSandbox(this IServiceCollection services)
    {
        FeeBridgeAddress.AddFromConfiguration(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FbsSandbox>();
        services.AddSingleton<HandOverClient>();
        return services;
    }

    public static void MapFbsSandbox(this IEndpointRouteBuilder app)
    {
        var rest = app.MapGroup(RestPrefix).ExcludeFromDescription();
        rest.MapPost("/external/v1/{agencyid}/authentication/login", (string agencyid, Login body, FbsSandbox sandbox) =>
        {
            if (Agency(agencyid) is not { } agency) return BadAgency();
            return sandbox.LogIn(agency, body.Username, body.Password) is { } key
                ? Results.Json(new { sessionKey = key }, Json)
                : Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Invalid client credentials.");
        });
        rest.MapGet("/external/{agencyid}/patron/{patronid}/fees/v2",
            (string agencyid, string patronid, bool? includepaid, bool? includenonpayable, HttpRequest request, FbsSandbox sandbox) =>
                Authorize(request, agencyid, patronid, sandbox, out var agency, out var patron, out _) ??
                Results.Json((sandbox.Patron(agency, patron)?.Fees ?? [])
                    .Where(f => (includepaid ?? false) || f.PaidDate is null)
                    .Where(f => (includenonpayable ?? false) || f.PayableByClient)
                    .Select(FeeV2), Json));
        rest.MapGet("/external/{agencyid}/patrons/{patronid}/v4", (string agencyid, string patronid, HttpRequest request, FbsSandbox sandbox) =>
            Authorize(request, agencyid, patronid, sandbox, out var agency, out var patron, out _) ??
            Results.Json(sandbox.Patron(agency, patron) is { } p
                ? new AuthenticatedPatronV8("VALID", PatronV7(p))
                : new AuthenticatedPatronV8("INVALID", null), Json));
        rest.MapPost("/external/v1/{agencyid}/patron/{patronid}/payment", Pay);
        rest.MapPost("/external/{agencyid}/patron/{patronid}/payment/v2", Pay);

        var fbs = app.MapGroup("/sandbox/fbs").ExcludeFromDescription();
        fbs.MapPost("/{agencyId}/patrons/{patronId}/fees", CreateFeeAsync);
        fbs.MapDelete("/sessions", (FbsSandbox sandbox) =>
        {
            sandbox.EndSessions();
            return Results.NoContent();
        });
        fbs.MapGet("/{agencyId}/patrons/{patronId}", (string agencyId, string patronId, FbsSandbox sandbox) =>
            !TryPatronId(patronId, out var id) ? BadPatron()
            : sandbox.Patron(agencyId, id) is { } p
                ? Results.Ok(new
                {
                    patron = PatronV7(p),
                    unpaid = p.Unpaid.ToString(),
                    fees = p.Fees.Select(f => new
                    {
                        f.FeeId, f.Type, f.ReasonMessage, amount = f.Amount.ToString(), creationDate = Date(f.CreationDate), paidDate = Date(f.PaidDate),
                        paidAt = f.PaidAt?.ToString("O", CultureInfo.InvariantCulture), f.PayableByClient, f.OrderId, f.ConfirmationId,
                    }),
                })
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No such patron."));
    }

    /// <summary><c>POST …/payment</c> (v1, <c>PaymentConfirmation[]</c>) and <c>…/payment/v2</c> (<c>PaymentConfirmationV2[]</c>, the same fields).</summary>
    private static IResult Pay(string agencyid, string patronid, PaymentOrder body, HttpRequest request, FbsSandbox sandbox)
    {
        if (Authorize(request, agencyid, patronid, sandbox, out var agency, out var patron, out var client) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(body.OrderId) || body.FeeIds is not { Length: > 0 })
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "orderId and feeIds[] are required.");
        return Results.Json(sandbox.Pay(agency, patron, body.OrderId, body.FeeIds, client)
            .Select(a => new PaymentConfirmation(a.OrderId, a.FeeId, a.PaymentStatus, a.ConfirmationId)), Json);
    }

    /// <summary>
    /// The checks every external call but the log-in makes: an ISIL agency id (else 400), a session of that agency in
    /// <c>X-Session</c> (else 401: log in again), an integer patron id (else 400). Null when the call may go on.
    /// </summary>
    private static IResult? Authorize(HttpRequest request, string agencyid, string patronid, FbsSandbox sandbox, out string agency, out long patron,
        out string client)
    {
        (agency, patron, client) = ("", 0, "");
        if (Agency(agencyid) is not { } a) return BadAgency();
        agency = a;
        if (sandbox.ClientOf(request.Headers["X-Session"].ToString(), a) is not { } c)
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: "No valid session: log in and send the session key in X-Session.");
        client = c;
        return TryPatronId(patronid, out patron) ? null : BadPatron();
    }

    private static string? Agency(string isil) =>
        FbsIsil.AgencyOf(isil) is { } agency && SandboxSeed.Agencies.Any(a => a.Id.Value == agency) ? agency : null;

    private static IResult BadAgency() =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "agencyid must be the ISIL of a sandbox agency (DK-710100 or DK-775100).");

    /// <summary>FBS patron ids are integers (int64).</summary>
    private static bool TryPatronId(string text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    private static IResult BadPatron() =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "patronid must be an FBS patron id: a positive integer.");

    private static async Task<IResult> CreateFeeAsync(string agencyId, string patronId, FeeBody body, FbsSandbox sandbox, FeeBridgeAddress feeBridge,
        HandOverClient handOver, TimeProvider clock, CancellationToken ct)
    {
        if (SandboxSeed.Agencies.All(a => a.Id.Value != agencyId)) return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "Unknown agency.");
        if (!TryPatronId(patronId, out var patron)) return BadPatron();
        var errors = new Dictionary<string, string[]>();
        if ((body.Cpr is null) == (body.Cvr is null)) errors["cpr"] = ["Give cpr or cvr."];
        else if (body.Cpr is not null && !Cpr.TryParse(body.Cpr, out _, out var cprError)) errors["cpr"] = [cprError ?? "Not a CPR number."];
        else if (body.Cvr is not null && !Cvr.TryParse(body.Cvr, out _, out var cvrError)) errors["cvr"] = [cvrError ?? "Not a CVR number."];
        if (body.GuardianCpr is not null && !Cpr.TryParse(body.GuardianCpr, out _, out var guardianError)) errors["guardianCpr"] = [guardianError ?? "Not a CPR number."];
        if (!Money.TryParseAccepted(body.Amount, out var amount, out var amountError) || !amount.IsPositive) errors["amount"] = [amountError ?? "Must be more than 0.00."];
        if (errors.Count > 0) return Results.ValidationProblem(errors, statusCode: StatusCodes.Status422UnprocessableEntity);
        if (feeBridge.Base is not { } baseAddress)
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: "FeeBridge's address is not known (Sandbox:FeeBridgeUrl).");

        var createdAt = body.CreatedAt ?? clock.GetUtcNow();
        var type = body.Type ?? "fee";
        var reason = body.ReasonMessage ?? (type == "compensation" ? "Erstatning" : "Gebyr");
        var fee = sandbox.CreateFee(agencyId, patron, body.Name ?? patronId, type, reason, amount,
            DateOnly.FromDateTime(createdAt.Date), body.MaterialItemNumber, body.RecordId);

        // Hand it over as FBS does: the Claims API, the fee id as the claim id.
        var claim = new JsonObject
        {
            // The Claims API's patronId is text (CONTRACTS.md §1): FBS's integer patron id, written as text.
            ["patronId"] = patron.ToString(CultureInfo.InvariantCulture),
            ["debtor"] = body.Cpr is not null ? new JsonObject { ["cpr"] = body.Cpr } : new JsonObject { ["cvr"] = body.Cvr },
            ["debtorName"] = body.Name,
            ["guardian"] = body.GuardianCpr is null ? null : new JsonObject { ["cpr"] = body.GuardianCpr },
            ["kind"] = type == "compensation" ? "compensation" : "fee",
            ["acknowledged"] = body.Acknowledged ?? false,
            ["reason"] = reason,
            ["createdAt"] = createdAt.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            ["dueDate"] = null,
            ["lines"] = new JsonArray(new JsonObject
            {
                ["lineId"] = "1", ["amount"] = amount.ToString(), ["text"] = reason,
                ["materialItemNumber"] = fee.MaterialItemNumber, ["recordId"] = fee.RecordId,
            }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(baseAddress, $"/api/v1/agencies/{agencyId}/claims/{fee.FeeId}"))
        {
            Content = new StringContent(claim.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SandboxSeed.LibraryApiKey);
        try
        {
            using var response = await handOver.Http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                sandbox.Remove(agencyId, patron, fee.FeeId);
                return Results.Problem(statusCode: StatusCodes.Status502BadGateway, detail: $"FeeBridge refused the fee: HTTP {(int)response.StatusCode}.");
            }
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var route = doc.RootElement.TryGetProperty("route", out var r) ? r.GetString() : null;
            sandbox.Routed(agencyId, patron, fee.FeeId, toDebtorSystem: route == "debtor-system");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            sandbox.Remove(agencyId, patron, fee.FeeId);
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, detail: $"FeeBridge could not be reached ({e.GetType().Name}).");
        }
        return Results.Created($"/sandbox/fbs/{agencyId}/patrons/{patron}", new { feeId = fee.FeeId, claimId = fee.FeeId.ToString(CultureInfo.InvariantCulture) });
    }

    // FBS's models, field by field (fbs/externalapidocs in dpl-fbs-adapter-tool; dpl-react's fbs-adapter.yaml).
    private sealed record FeeV2Body(long FeeId, string Type, string ReasonMessage, double Amount, string CreationDate, string? DueDate, string? PaidDate,
        bool PayableByClient, IReadOnlyList<FeeMaterialV2> Materials);

    private sealed record FeeMaterialV2(string MaterialItemNumber, string RecordId, MaterialGroup MaterialGroup);

    private sealed record MaterialGroup(string Name, string Description);

    private sealed record AuthenticatedPatronV8(string AuthenticateStatus, PatronV7Body? Patron);

    private sealed record PatronV7Body(long PatronId, string Name, string PreferredPickupBranch, bool GuardianVisibility, bool ReceiveEmail, bool ReceiveSms,
        bool ReceivePostalMail, int DefaultInterestPeriod, bool Resident, IReadOnlyList<BlockStatus> BlockStatus);

    private sealed record BlockStatus(string BlockedReason, string BlockedSince, string Message);

    private sealed record PaymentConfirmation(string OrderId, long FeeId, string PaymentStatus, string? ConfirmationId);

    private static FeeV2Body FeeV2(FbsFee f) => new(f.FeeId, f.Type, f.ReasonMessage, f.Amount.Ore / 100.0, Date(f.CreationDate)!, Date(f.DueDate),
        Date(f.PaidDate), f.PayableByClient, [new FeeMaterialV2(f.MaterialItemNumber, f.RecordId, new MaterialGroup("standard", "Standard"))]);

    private static PatronV7Body PatronV7(FbsPatron p) => new(p.PatronId, p.Name, FbsIsil.Of(p.AgencyId), GuardianVisibility: false, ReceiveEmail: false,
        ReceiveSms: false, ReceivePostalMail: false, DefaultInterestPeriod: 30, Resident: true,
        p.BlockedSince is { } since ? [new BlockStatus("E", Date(since)!, "Ubetalte gebyrer")] : []);

    /// <summary>The HTTP client FBS hands fees to FeeBridge with.</summary>
    public sealed class HandOverClient : IDisposable
    {
        public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };
        public void Dispose() => Http.Dispose();
    }

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

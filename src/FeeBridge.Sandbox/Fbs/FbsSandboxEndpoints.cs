using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeeBridge.Sandbox.Fbs;

/// <summary>
/// The FBS sandbox over HTTP (CONTRACTS.md §2, §4): FBS's external calls under <c>/sandbox/fbs/external</c>, and the
/// control that creates a fee and hands it to FeeBridge through the Claims API, as FBS does.
/// </summary>
public static class FbsSandboxEndpoints
{
    /// <param name="GuardianCpr">For a minor: the guardian who consented at sign-up and is liable.</param>
    public sealed record FeeBody(string? Cpr, string? Cvr, string? Name, string? Type, string? Amount, string? ReasonMessage, bool? Acknowledged,
        DateTimeOffset? CreatedAt, string? MaterialItemNumber, string? RecordId, string? GuardianCpr = null);

    public sealed record PaymentBody(string? OrderId, long[]? FeeId);

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
        var fbs = app.MapGroup("/sandbox/fbs").ExcludeFromDescription();
        fbs.MapGet("/external/{agencyId}/patron/{patronId}/fees/v2", (string agencyId, string patronId, bool? includepaid, bool? includenonpayable, FbsSandbox sandbox) =>
            sandbox.Patron(agencyId, patronId) is { } p
                ? Results.Ok(p.Fees.Where(f => (includepaid ?? false) || f.PaidDate is null).Where(f => (includenonpayable ?? false) || f.PayableByClient).Select(FeeV2))
                : Results.Ok(Array.Empty<object>()));
        fbs.MapGet("/external/{agencyId}/patrons/{patronId}/v4", (string agencyId, string patronId, FbsSandbox sandbox) =>
            sandbox.Patron(agencyId, patronId) is { } p
                ? Results.Ok(new { patron = PatronV4(p) })
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No such patron."));
        fbs.MapPost("/external/v1/{agencyId}/patron/{patronId}/payment", (string agencyId, string patronId, PaymentBody body, HttpRequest request, FbsSandbox sandbox) =>
        {
            var token = request.Headers.Authorization.ToString() is { } h && h.StartsWith("Bearer ", StringComparison.Ordinal) ? h["Bearer ".Length..] : "";
            if (token is not (FbsClients.FeeBridgeToken or FbsClients.WebsiteToken)) return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: "Unknown client.");
            if (string.IsNullOrWhiteSpace(body.OrderId) || body.FeeId is not { Length: > 0 })
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "orderId and feeId[] are required.");
            return Results.Ok(sandbox.Pay(agencyId, patronId, body.OrderId, body.FeeId, token)
                .Select(a => new { feeId = a.FeeId, paymentStatus = a.PaymentStatus, confirmationId = a.ConfirmationId }));
        });
        fbs.MapPost("/{agencyId}/patrons/{patronId}/fees", CreateFeeAsync);
        fbs.MapGet("/{agencyId}/patrons/{patronId}", (string agencyId, string patronId, FbsSandbox sandbox) =>
            sandbox.Patron(agencyId, patronId) is { } p
                ? Results.Ok(new
                {
                    patron = PatronV4(p),
                    unpaid = p.Unpaid.ToString(),
                    fees = p.Fees.Select(f => new
                    {
                        f.FeeId, f.Type, f.ReasonMessage, amount = f.Amount.ToString(), creationDate = Date(f.CreationDate), paidDate = Date(f.PaidDate),
                        paidAt = f.PaidAt?.ToString("O", CultureInfo.InvariantCulture), f.PayableByClient, f.OrderId, f.ConfirmationId,
                    }),
                })
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No such patron."));
    }

    private static async Task<IResult> CreateFeeAsync(string agencyId, string patronId, FeeBody body, FbsSandbox sandbox, FeeBridgeAddress feeBridge,
        HandOverClient handOver, TimeProvider clock, CancellationToken ct)
    {
        if (SandboxSeed.Agencies.All(a => a.Id.Value != agencyId)) return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "Unknown agency.");
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
        var fee = sandbox.CreateFee(agencyId, patronId, body.Name ?? patronId, type, reason, amount,
            DateOnly.FromDateTime(createdAt.Date), body.MaterialItemNumber, body.RecordId);

        // Hand it over as FBS does: the Claims API, the fee id as the claim id.
        var claim = new JsonObject
        {
            ["patronId"] = patronId,
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
                ["materialItemNumber"] = body.MaterialItemNumber, ["recordId"] = body.RecordId,
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
                sandbox.Remove(agencyId, patronId, fee.FeeId);
                return Results.Problem(statusCode: StatusCodes.Status502BadGateway, detail: $"FeeBridge refused the fee: HTTP {(int)response.StatusCode}.");
            }
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var route = doc.RootElement.TryGetProperty("route", out var r) ? r.GetString() : null;
            sandbox.Routed(agencyId, patronId, fee.FeeId, toDebtorSystem: route == "debtor-system");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            sandbox.Remove(agencyId, patronId, fee.FeeId);
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, detail: $"FeeBridge could not be reached ({e.GetType().Name}).");
        }
        return Results.Created($"/sandbox/fbs/{agencyId}/patrons/{patronId}", new { feeId = fee.FeeId, claimId = fee.FeeId.ToString(CultureInfo.InvariantCulture) });
    }

    private static object FeeV2(FbsFee f) => new
    {
        feeId = f.FeeId,
        type = f.Type,
        reasonMessage = f.ReasonMessage,
        amount = f.Amount.Ore / 100.0,
        creationDate = Date(f.CreationDate),
        dueDate = Date(f.DueDate),
        paidDate = Date(f.PaidDate),
        payableByClient = f.PayableByClient,
        materials = f.MaterialItemNumber is null ? [] : new[]
        {
            new { materialItemNumber = f.MaterialItemNumber, recordId = f.RecordId, materialGroup = new { name = "standard", description = "Standard" }, periodical = (object?)null },
        },
    };

    private static object PatronV4(FbsPatron p) => new
    {
        patronId = p.PatronId,
        name = p.Name,
        blockStatus = p.BlockedSince is { } since
            ? new[] { new { blockedReason = "E", blockedSince = Date(since), message = "Ubetalte gebyrer" } }
            : [],
    };

    /// <summary>The HTTP client FBS hands fees to FeeBridge with.</summary>
    public sealed class HandOverClient : IDisposable
    {
        public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };
        public void Dispose() => Http.Dispose();
    }

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

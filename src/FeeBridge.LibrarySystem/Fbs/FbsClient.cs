using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace FeeBridge.LibrarySystem.Fbs;

/// <summary>FBS's answer for one fee of a payment (CONTRACTS.md §2).</summary>
public sealed record FbsPaymentResult(
    [property: JsonPropertyName("feeId")] long FeeId,
    [property: JsonPropertyName("paymentStatus")] string PaymentStatus,
    [property: JsonPropertyName("confirmationId")] string? ConfirmationId);

/// <summary>FBS could not be reached or failed on its side; worth trying again later.</summary>
public sealed class TransientLibraryFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>FBS refused the call itself (4xx): trying again will not help; staff must look.</summary>
public sealed class LibraryRefusal(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>
/// FBS's external API as FeeBridge uses it: the payment call (<c>POST /external/v1/{agencyid}/patron/{patronid}/payment</c>),
/// idempotent per <c>orderId</c>. The <see cref="HttpClient"/> carries the base address and FeeBridge's client token.
/// </summary>
public sealed class FbsClient(HttpClient http)
{
    private static readonly string[] KnownStatuses = [FbsPaymentStatus.Registered, FbsPaymentStatus.RegisteredByDifferentOrderId, FbsPaymentStatus.NotAllowedByClient];

    public async Task<IReadOnlyList<FbsPaymentResult>> RegisterPaymentAsync(string agencyId, string patronId, string orderId, IReadOnlyList<long> feeIds, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(
                $"external/v1/{Uri.EscapeDataString(agencyId)}/patron/{Uri.EscapeDataString(patronId)}/payment",
                new { orderId, feeId = feeIds }, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new TransientLibraryFailure($"FBS did not answer: {e.GetType().Name}", e);
        }
        using (response)
        {
            if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
                throw new TransientLibraryFailure($"FBS answered HTTP {(int)response.StatusCode}.");
            if (!response.IsSuccessStatusCode)
                throw new LibraryRefusal(response.StatusCode, $"FBS refused the payment call: HTTP {(int)response.StatusCode}.");
            var results = await response.Content.ReadFromJsonAsync<List<FbsPaymentResult>>(ct) ?? [];
            if (results.Any(r => !KnownStatuses.Contains(r.PaymentStatus)))
                throw new LibraryRefusal(response.StatusCode, "FBS answered a paymentStatus FeeBridge does not know.");
            return results;
        }
    }
}

/// <summary>The <c>paymentStatus</c> values of FBS's payment call.</summary>
public static class FbsPaymentStatus
{
    public const string Registered = "paymentRegistered";
    public const string RegisteredByDifferentOrderId = "paymentRegisteredByDifferentOrderId";
    public const string NotAllowedByClient = "paymentNotAllowedByClient";
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace FeeBridge.LibrarySystem.Fbs;

/// <summary>FBS's <c>PaymentConfirmation</c>: its answer for one fee of a payment (CONTRACTS.md §2).</summary>
public sealed record FbsPaymentResult(
    [property: JsonPropertyName("orderId")] string? OrderId,
    [property: JsonPropertyName("feeId")] long FeeId,
    [property: JsonPropertyName("paymentStatus")] string PaymentStatus,
    [property: JsonPropertyName("confirmationId")] string? ConfirmationId);

/// <summary>A patron's blocks in FBS: whether FBS knows the patron, and each block's reason code (<c>E</c>: unpaid fees).</summary>
public sealed record FbsPatronBlocks(bool Known, IReadOnlyList<string> Reasons)
{
    public bool BlockedForFees => Reasons.Contains("E");
}

/// <summary>FeeBridge's client-system credentials for FBS's log-in call.</summary>
public sealed record FbsCredentials(string Username, string Password)
{
    // Never in a log line or an exception.
    public override string ToString() => $"FbsCredentials {{ Username = {Username} }}";
}

/// <summary>FBS could not be reached or failed on its side; worth trying again later.</summary>
public sealed class TransientLibraryFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>FBS refused the call itself (4xx): trying again will not help; staff must look.</summary>
public sealed class LibraryRefusal(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>
/// FBS's external API as FBS documents it (CONTRACTS.md §2; swagger 1.2 in dpl-fbs-adapter-tool): the client logs in
/// per agency (<c>POST external/v1/{agencyid}/authentication/login</c> → <c>sessionKey</c>), sends the key as
/// <c>X-Session</c>, and on a 401 logs in again once and repeats the call. <c>{agencyid}</c> is the ISIL
/// (<c>DK-710100</c>), <c>{patronid}</c> an integer. The <see cref="HttpClient"/> carries the base address, up to and
/// including <c>/rest/</c>.
/// </summary>
public sealed class FbsClient(HttpClient http, FbsCredentials credentials)
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>FBS's <c>{agencyid}</c> for a 6-digit agency number: <c>DK-</c> and the number.</summary>
    public static string Isil(string agencyId) =>
        agencyId.Length == 6 && agencyId.All(char.IsAsciiDigit) ? "DK-" + agencyId
            : throw new ArgumentException("An agency id is 6 digits.", nameof(agencyId));

    /// <summary>
    /// The payment call (<c>POST external/v1/{agencyid}/patron/{patronid}/payment</c>, body <c>PaymentOrder {orderId,
    /// feeIds[]}</c>): FBS answers one <c>PaymentConfirmation</c> per fee, idempotent per <c>orderId</c>. A
    /// <c>paymentStatus</c> FBS does not document is passed on: FBS says to treat it as "not registered".
    /// </summary>
    public async Task<IReadOnlyList<FbsPaymentResult>> RegisterPaymentAsync(string agencyId, long patronId, string orderId, IReadOnlyList<long> feeIds,
        CancellationToken ct)
    {
        var isil = Isil(agencyId);
        var path = $"external/v1/{isil}/patron/{patronId.ToString(CultureInfo.InvariantCulture)}/payment";
        using var response = await SendAsync(isil, () => new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = JsonContent.Create(new PaymentOrder(orderId, feeIds)),
        }, ct);
        if (!response.IsSuccessStatusCode)
            throw new LibraryRefusal(response.StatusCode, $"FBS refused the payment call: HTTP {(int)response.StatusCode}.");
        try
        {
            return await response.Content.ReadFromJsonAsync<List<FbsPaymentResult>>(ct) ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            throw new LibraryRefusal(response.StatusCode, "FBS answered the payment call with something that is not a list of PaymentConfirmation.");
        }
    }

    /// <summary>
    /// The patron's blocks as FBS holds them (<c>GET external/{agencyid}/patrons/{patronid}/v4</c> →
    /// <c>AuthenticatedPatronV8</c>): the <c>blockedReason</c> of each <c>blockStatus</c> (<c>E</c>: unpaid fees), or
    /// <see cref="FbsPatronBlocks.Known"/> false when FBS does not know the patron (<c>authenticateStatus</c> not VALID).
    /// </summary>
    public async Task<FbsPatronBlocks> PatronBlocksAsync(string agencyId, long patronId, CancellationToken ct)
    {
        var isil = Isil(agencyId);
        var path = $"external/{isil}/patrons/{patronId.ToString(CultureInfo.InvariantCulture)}/v4";
        using var response = await SendAsync(isil, () => new HttpRequestMessage(HttpMethod.Get, path), ct);
        if (!response.IsSuccessStatusCode)
            throw new LibraryRefusal(response.StatusCode, $"FBS refused the patron call: HTTP {(int)response.StatusCode}.");
        try
        {
            var answer = await response.Content.ReadFromJsonAsync<AuthenticatedPatron>(ct);
            return answer is { AuthenticateStatus: "VALID", Patron: { } p }
                ? new FbsPatronBlocks(true, [.. (p.BlockStatus ?? []).Select(b => b.BlockedReason).OfType<string>()])
                : new FbsPatronBlocks(false, []);
        }
        catch (System.Text.Json.JsonException)
        {
            throw new LibraryRefusal(response.StatusCode, "FBS answered the patron call with something that is not AuthenticatedPatronV8.");
        }
    }

    /// <summary>One call with the agency's session; a 401 means the session timed out: log in again, once, and repeat.</summary>
    private async Task<HttpResponseMessage> SendAsync(string isil, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        var key = await SessionKeyAsync(isil, stale: null, ct);
        var response = await SendOnceAsync(build, key, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return Checked(response);
        response.Dispose();
        key = await SessionKeyAsync(isil, stale: key, ct);
        response = await SendOnceAsync(build, key, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return Checked(response);
        response.Dispose();
        // FBS does not take a fresh session either: not something staff can fix per fee; keep trying with back-off.
        throw new TransientLibraryFailure($"FBS answered 401 for {isil} even right after a new log-in.");
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> build, string sessionKey, CancellationToken ct)
    {
        using var request = build();
        request.Headers.Add("X-Session", sessionKey);
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new TransientLibraryFailure($"FBS did not answer: {e.GetType().Name}", e);
        }
    }

    private static HttpResponseMessage Checked(HttpResponseMessage response)
    {
        if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new TransientLibraryFailure($"FBS answered HTTP {status}.");
        }
        return response;
    }

    /// <summary>
    /// The agency's session key; logs in when there is none or the one the caller used (<paramref name="stale"/>) was
    /// refused. Calls that find the session gone at the same time share one log-in.
    /// </summary>
    private async Task<string> SessionKeyAsync(string isil, string? stale, CancellationToken ct)
    {
        var session = _sessions.GetOrAdd(isil, _ => new Session());
        var key = Volatile.Read(ref session.Key);
        if (key is not null && key != stale) return key;
        await session.Gate.WaitAsync(ct);
        try
        {
            if (session.Key is { } fresh && fresh != stale) return fresh;
            var loggedIn = await LogInAsync(isil, ct);
            Volatile.Write(ref session.Key, loggedIn);
            return loggedIn;
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private async Task<string> LogInAsync(string isil, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync($"external/v1/{isil}/authentication/login", new Login(credentials.Username, credentials.Password), ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new TransientLibraryFailure($"FBS did not answer the log-in: {e.GetType().Name}", e);
        }
        using (response)
        {
            // A refused log-in is the operator's to fix (FeeBridge__Fbs__Username/Password), not staff's per fee:
            // the notices wait, with this reason, and go once the credentials are right.
            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
                throw new TransientLibraryFailure($"FBS refused FeeBridge's log-in for {isil} (HTTP {(int)response.StatusCode}): check FeeBridge:Fbs:Username and Password.");
            if (!response.IsSuccessStatusCode)
                throw new TransientLibraryFailure($"FBS answered the log-in for {isil} with HTTP {(int)response.StatusCode}.");
            try
            {
                var user = await response.Content.ReadFromJsonAsync<UserInfo>(ct);
                return user?.SessionKey is { Length: > 0 } key ? key : throw new TransientLibraryFailure("FBS's log-in answered no sessionKey.");
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new TransientLibraryFailure("FBS's log-in answer is not ExternalAPIUserInfo.", e);
            }
        }
    }

    private sealed class Session
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public string? Key;
    }

    /// <summary>FBS's <c>Login</c>.</summary>
    private sealed record Login([property: JsonPropertyName("username")] string Username, [property: JsonPropertyName("password")] string Password);

    /// <summary>FBS's <c>ExternalAPIUserInfo</c>.</summary>
    private sealed record UserInfo([property: JsonPropertyName("sessionKey")] string? SessionKey);

    /// <summary>FBS's <c>AuthenticatedPatronV8</c>, the fields read.</summary>
    private sealed record AuthenticatedPatron(
        [property: JsonPropertyName("authenticateStatus")] string? AuthenticateStatus,
        [property: JsonPropertyName("patron")] PatronBlocks? Patron);

    private sealed record PatronBlocks([property: JsonPropertyName("blockStatus")] IReadOnlyList<BlockStatus>? BlockStatus);

    private sealed record BlockStatus([property: JsonPropertyName("blockedReason")] string? BlockedReason);

    /// <summary>FBS's <c>PaymentOrder</c>.</summary>
    private sealed record PaymentOrder([property: JsonPropertyName("orderId")] string OrderId, [property: JsonPropertyName("feeIds")] IReadOnlyList<long> FeeIds);
}

/// <summary>The <c>paymentStatus</c> values of FBS's payment call.</summary>
public static class FbsPaymentStatus
{
    public const string Registered = "paymentRegistered";
    public const string RegisteredByDifferentOrderId = "paymentRegisteredByDifferentOrderId";
    public const string NotAllowedByClient = "paymentNotAllowedByClient";
}

using System.Text;

namespace FeeBridge.LibrarySystem.Webhooks;

/// <summary>Posts one signed callback. Any 2xx acknowledges it; anything else, or no answer, means "again later".</summary>
public sealed class WebhookClient(HttpClient http)
{
    /// <summary>Returns null when acknowledged, else what went wrong (for the delivery log).</summary>
    public async Task<string?> PostAsync(Uri url, string secret, string eventId, string body, DateTimeOffset now, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, now, body));
        request.Headers.Add("FeeBridge-Event-Id", eventId);
        try
        {
            using var response = await http.SendAsync(request, ct);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException e) when (Refused(e) is { } refused)
        {
            return refused.Message;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return $"no answer ({e.GetType().Name})";
        }
    }

    private static WebhookAddressRefused? Refused(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is WebhookAddressRefused r) return r;
        return null;
    }
}

using System.Net;
using System.Text;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Xml;

namespace FeeBridge.DebtorSystem;

/// <summary>The debtor system could not be reached or failed on its side; the same shipment may be tried again.</summary>
public sealed class TransientDebtorSystemFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// FeeBridge's SOAP client for <c>DebitorRegistreringAfsend</c>. The <see cref="HttpClient"/> it gets carries the
/// connection's concerns (client certificate, token, timeouts) so that the real Serviceplatformen can be plugged in.
/// </summary>
public sealed class Sf1590Client(HttpClient http)
{
    public async Task<DebitorRegistreringSvar> RegisterAsync(Uri endpoint, DebitorRegistrering request, CancellationToken ct)
    {
        var answer = RegistrationXml.ReadResponse(await CallAsync(endpoint, Sf1590.DebitorRegistreringAfsend, RegistrationXml.Write(request), ct));
        return answer.ForsendelseId == request.ForsendelseId
            ? answer
            : throw new TransientDebtorSystemFailure("The debtor system answered for another shipment.");
    }

    public async Task<DebitorForespoergselSvar> InquireAsync(Uri endpoint, DebitorForespoergsel request, CancellationToken ct) =>
        InquiryXml.ReadResponse(await CallAsync(endpoint, Sf1590.DebitorForespoergsel, InquiryXml.Write(request), ct));

    /// <summary>One SOAP call: what cannot be told from a business answer (unreachable, timeout, 5xx, server fault) is transient.</summary>
    private async Task<System.Xml.Linq.XElement> CallAsync(Uri endpoint, string action, System.Xml.Linq.XElement body, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(Soap.Envelope(body).ToString(), Encoding.UTF8, "text/xml"),
        };
        message.Headers.Add("SOAPAction", $"\"{action}\"");

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new TransientDebtorSystemFailure($"The debtor system at {endpoint.Host} could not be reached.", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TransientDebtorSystemFailure($"The debtor system at {endpoint.Host} did not answer in time.", e);
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK && response.StatusCode != HttpStatusCode.InternalServerError)
                throw new TransientDebtorSystemFailure($"The debtor system answered HTTP {(int)response.StatusCode}.");
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(ct);
                return Soap.Body(await SafeXml.LoadAsync(stream, SafeXml.DefaultMaxBytes, ct));
            }
            catch (SoapFault fault) when (fault.Code != "Client")
            {
                throw new TransientDebtorSystemFailure($"The debtor system failed: {fault.Text}", fault);
            }
            catch (ContractViolation e) when (response.StatusCode == HttpStatusCode.InternalServerError)
            {
                throw new TransientDebtorSystemFailure("The debtor system answered HTTP 500 without a readable fault.", e);
            }
        }
    }
}

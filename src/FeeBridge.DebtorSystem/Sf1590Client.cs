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
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(Soap.Envelope(RegistrationXml.Write(request)).ToString(), Encoding.UTF8, "text/xml"),
        };
        message.Headers.Add("SOAPAction", $"\"{Sf1590.DebitorRegistreringAfsend}\"");

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
                await using var body = await response.Content.ReadAsStreamAsync(ct);
                var content = Soap.Body(await SafeXml.LoadAsync(body, SafeXml.DefaultMaxBytes, ct));
                var answer = RegistrationXml.ReadResponse(content);
                if (answer.ForsendelseId != request.ForsendelseId)
                    throw new TransientDebtorSystemFailure("The debtor system answered for another shipment.");
                return answer;
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

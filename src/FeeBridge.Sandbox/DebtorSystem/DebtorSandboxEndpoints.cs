using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Xml;

namespace FeeBridge.Sandbox.DebtorSystem;

/// <summary>The debtor-system sandbox over HTTP: the SF1590 SOAP service and the sandbox's own controls (CONTRACTS.md §4).</summary>
public static class DebtorSandboxEndpoints
{
    public static IServiceCollection AddDebtorSandbox(this IServiceCollection services) => services.AddSingleton<DebtorSandbox>();

    public static void MapDebtorSandbox(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sandbox/debtor/sf1590", Soap11).ExcludeFromDescription();
        app.MapGet("/sandbox/debtor/{kommunekode}/claims", (string kommunekode, DebtorSandbox sandbox) =>
            Results.Ok(sandbox.Claims(kommunekode).Select(c => new
            {
                c.FagsystemFordringId,
                c.DebitorsystemFordringId,
                c.Fordringsart,
                c.Debtor,
                c.LiableParty,
                Hovedstol = c.Hovedstol.ToString(),
                Nedskrevet = c.Nedskrevet.ToString(),
                Restsaldo = c.Restsaldo.ToString(),
                c.Status,
                BetalingsId = c.BetalingsId.Value,
                c.Kreditornummer,
                FiLinje = c.BetalingsId.ToPaymentLine(c.Kreditornummer),
                SidsteRettidigeBetalingsdato = c.SidsteRettidigeBetalingsdato.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                c.Registrations,
            }))).ExcludeFromDescription();
    }

    private static async Task Soap11(HttpContext http, DebtorSandbox sandbox)
    {
        var action = http.Request.Headers["SOAPAction"].ToString().Trim('"');
        try
        {
            if (action != Sf1590.DebitorRegistreringAfsend) throw new ContractViolation("Unknown SOAPAction.");
            var request = RegistrationXml.ReadRequest(Soap.Body(await SafeXml.LoadAsync(http.Request.Body, SafeXml.DefaultMaxBytes, http.RequestAborted)));
            await Write(http, StatusCodes.Status200OK, Soap.Envelope(RegistrationXml.Write(sandbox.Process(request))));
        }
        catch (ContractViolation e)
        {
            // SOAP 1.1 answers a fault with HTTP 500; nothing was changed.
            await Write(http, StatusCodes.Status500InternalServerError, Soap.Fault("Client", e.Message));
        }
    }

    private static async Task Write(HttpContext http, int status, System.Xml.Linq.XDocument document)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/xml; charset=utf-8";
        await http.Response.WriteAsync(document.Declaration + document.ToString(System.Xml.Linq.SaveOptions.DisableFormatting), http.RequestAborted);
    }
}

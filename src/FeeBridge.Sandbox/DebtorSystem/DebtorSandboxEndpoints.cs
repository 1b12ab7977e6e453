using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Xml;

namespace FeeBridge.Sandbox.DebtorSystem;

/// <summary>The debtor-system sandbox over HTTP: the SF1590 SOAP service and the sandbox's own controls (CONTRACTS.md §4).</summary>
public static class DebtorSandboxEndpoints
{
    public static IServiceCollection AddDebtorSandbox(this IServiceCollection services) =>
        services.AddSingleton<DebtorSandbox>().AddSingleton<FaultSwitch>();

    public static void MapDebtorSandbox(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sandbox/debtor/sf1590", Soap11).ExcludeFromDescription();
        app.MapGet("/sandbox/debtor/stats", (DebtorSandbox sandbox) =>
            Results.Ok(new { deliveries = sandbox.DeliveryCounts.Deliveries, repeatedDeliveries = sandbox.DeliveryCounts.Repeated })).ExcludeFromDescription();
        app.MapPut("/sandbox/debtor/faults", (Faults faults, FaultSwitch faultSwitch) =>
        {
            if (faults.ErrorRate is < 0 or > 1 || faults.TimeoutRate is < 0 or > 1 || faults.DuplicateRate is < 0 or > 1 || faults.LatencyMs < 0)
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, detail: "Rates are 0-1, latency at least 0.");
            faultSwitch.Set(faults);
            return Results.Ok(faults);
        }).ExcludeFromDescription();
        app.MapGet("/sandbox/debtor/{kommunekode}/claims", (string kommunekode, DebtorSandbox sandbox) =>
            !Kommunekode.TryParse(kommunekode, out var code, out var error)
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: error)
                : Results.Ok(sandbox.Claims(code).Select(c => new
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

    private static async Task Soap11(HttpContext http, DebtorSandbox sandbox, FaultSwitch faults)
    {
        var action = http.Request.Headers["SOAPAction"].ToString().Trim('"');
        var f = faults.Current;
        if (f.LatencyMs > 0) await Task.Delay(f.LatencyMs, http.RequestAborted);
        if (Random.Shared.NextDouble() < f.ErrorRate)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        try
        {
            if (action != Sf1590.DebitorRegistreringAfsend) throw new ContractViolation("Unknown SOAPAction.");
            var request = RegistrationXml.ReadRequest(Soap.Body(await SafeXml.LoadAsync(http.Request.Body, SafeXml.DefaultMaxBytes, http.RequestAborted)));
            var answer = sandbox.Process(request);
            if (Random.Shared.NextDouble() < f.TimeoutRate)
            {
                // Done, but the caller will have given up before it hears so.
                await Task.Delay(f.TimeoutMs, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                if (http.RequestAborted.IsCancellationRequested) return;
            }
            await Write(http, StatusCodes.Status200OK, Soap.Envelope(RegistrationXml.Write(answer)));
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

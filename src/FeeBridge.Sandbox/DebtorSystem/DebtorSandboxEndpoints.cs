using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Xml;

namespace FeeBridge.Sandbox.DebtorSystem;

/// <summary>The debtor-system sandbox over HTTP: the SF1590 SOAP service and the sandbox's own controls (CONTRACTS.md §4).</summary>
public static class DebtorSandboxEndpoints
{
    public static IServiceCollection AddDebtorSandbox(this IServiceCollection services)
    {
        FeeBridgeAddress.AddFromConfiguration(services);
        return services.AddSingleton<DebtorSandbox>().AddSingleton<FaultSwitch>().AddHostedService<EventPusher>();
    }

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
                : Results.Ok(sandbox.Claims(code).Select(c => View(c, sandbox.Today)))).ExcludeFromDescription();
        app.MapPost("/sandbox/debtor/clock", (ClockBody body, DebtorSandbox sandbox) =>
            body.AdvanceDays is < 1 or > 3650
                ? Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, detail: "advanceDays must be 1-3650.")
                : Results.Ok(new { today = Date(sandbox.AdvanceDays(body.AdvanceDays)) })).ExcludeFromDescription();
        app.MapPost("/sandbox/debtor/{kommunekode}/write-offs", (string kommunekode, WriteOffBody body, DebtorSandbox sandbox) =>
            !Kommunekode.TryParse(kommunekode, out var code, out var error)
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: error)
                : sandbox.WriteOff(code, body.FagsystemFordringId) is { } amount
                    ? Results.Ok(new { writtenOff = amount.ToString() })
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No open claim with that id.")).ExcludeFromDescription();
        app.MapPost("/sandbox/debtor/{kommunekode}/payments", (string kommunekode, PaymentBody body, DebtorSandbox sandbox) =>
        {
            if (!Kommunekode.TryParse(kommunekode, out var code, out var error)) return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: error);
            if (!Money.TryParseAccepted(body.Amount, out var amount, out var amountError) || !amount.IsPositive)
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, detail: amountError ?? "amount must be more than 0.");
            if ((body.BetalingsId is null) == (body.FagsystemFordringId is null))
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, detail: "Give betalingsId or fagsystemFordringId.");
            // FeeBridge takes only the contract's Betalingsmaade values; the sandbox reports no other.
            if (body.Method is not null && !Sf1590.Betalingsmaader.Contains(body.Method))
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, detail: $"method must be one of {string.Join(", ", Sf1590.Betalingsmaader)}.");
            return sandbox.Pay(code, body.BetalingsId, body.FagsystemFordringId, amount, body.Method ?? "FIKort") is { } paid
                ? Results.Ok(new
                {
                    fees = paid.Payment.Fees.ToString(), interest = paid.Payment.Interest.ToString(),
                    principal = paid.Payment.Principal.ToString(), credit = paid.Payment.Credit.ToString(),
                    method = body.Method ?? "FIKort", claim = View(paid.Claim, sandbox.Today),
                })
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No open claim with that id.");
        }).ExcludeFromDescription();
    }

    public sealed record ClockBody(int AdvanceDays);
    public sealed record WriteOffBody(string FagsystemFordringId);
    public sealed record PaymentBody(string? BetalingsId, string? FagsystemFordringId, string Amount, string? Method);

    private static object View(SandboxClaim c, DateOnly today) => new
    {
        c.FagsystemFordringId,
        c.DebitorsystemFordringId,
        c.Fordringsart,
        c.Debtor,
        c.LiableParty,
        Hovedstol = c.Hovedstol.ToString(),
        Nedskrevet = c.Nedskrevet.ToString(),
        Restsaldo = c.Restsaldo.ToString(),
        Renter = c.Debt.Interest.ToString(),
        Rykkergebyrer = c.Debt.Fees.ToString(),
        Rykkere = c.Debt.Reminders,
        Tilgode = c.Debt.Credit.ToString(),
        Status = DebtorSandbox.StatusOn(c, today),
        BetalingsId = c.BetalingsId.Value,
        c.Kreditornummer,
        FiLinje = c.BetalingsId.ToPaymentLine(c.Kreditornummer),
        SidsteRettidigeBetalingsdato = Date(c.SidsteRettidigeBetalingsdato),
        c.Registrations,
    };

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

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
            if (action != Sf1590.DebitorRegistreringAfsend && action != Sf1590.DebitorForespoergsel) throw new ContractViolation("Unknown SOAPAction.");
            var body = Soap.Body(await SafeXml.LoadAsync(http.Request.Body, SafeXml.DefaultMaxBytes, http.RequestAborted));
            var answer = action == Sf1590.DebitorForespoergsel
                ? InquiryXml.Write(sandbox.Inquire(InquiryXml.ReadRequest(body)))
                : RegistrationXml.Write(sandbox.Process(RegistrationXml.ReadRequest(body)));
            if (Random.Shared.NextDouble() < f.TimeoutRate)
            {
                // Done, but the caller will have given up before it hears so.
                await Task.Delay(f.TimeoutMs, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                if (http.RequestAborted.IsCancellationRequested) return;
            }
            await Write(http, StatusCodes.Status200OK, Soap.Envelope(answer));
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

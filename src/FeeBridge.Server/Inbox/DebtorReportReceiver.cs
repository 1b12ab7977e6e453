using System.Xml.Linq;
using Microsoft.AspNetCore.Http.Features;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Mapping;
using FeeBridge.DebtorSystem.Xml;
using FeeBridge.Domain;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Inbox;
using FeeBridge.Application;
using FeeBridge.Application.Inbox;
using FeeBridge.Application.Workers;

namespace FeeBridge.Server.Inbox;

/// <summary>
/// <c>DaekningAfskrivningRegistreringAfsend</c> (CONTRACTS.md §3.2): the debtor system reports payments, write-offs
/// and hand-offs. Read as safely as everything else from outside (DTDs refused, size and depth limited); every report
/// is stored in the inbox and applied to its claim, in one transaction, before <c>Modtaget</c> is answered
/// (<see cref="InboxStore.ReceiveAsync"/>; what a receive-only process stores, <see cref="DebtorReportApplier"/> applies). A malformed message gets a SOAP Fault <c>Client</c> and changes nothing. So does a
/// message from a caller that is not the debtor system of its <c>MyndighedKode</c> (<see cref="ReportAuthenticator"/>):
/// that is checked before the XML is parsed, and again, for the municipality, after.
/// </summary>
public static class DebtorReportReceiver
{
    public const string Path = "/sf1590/DaekningAfskrivningRegistrering";

    /// <summary>The largest message taken (Kestrel refuses any body above it anyway); more is a Fault <c>Client</c>.</summary>
    public const int MaxBytes = JsonBody.MaxBytes;

    /// <summary>
    /// How much of a refused body is still read (and dropped) before the Fault is sent: a sender that keeps writing a
    /// body somewhat over <see cref="MaxBytes"/> then reads its Fault instead of a broken pipe. Above it the
    /// connection is closed, as Kestrel does for any body over its limit.
    /// </summary>
    private const int DrainBytes = 4 * MaxBytes;

    public static void MapDebtorReportReceiver(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, ReceiveAsync).ExcludeFromDescription();

    private static async Task ReceiveAsync(HttpContext http, FeeBridgeStore store, TimeProvider clock, FeeBridgeOptions options, InboxSignal inbox,
        NoticeSignal notices, ReportAuthenticator authenticator, ILogger<InboxStore> log)
    {
        DaekningAfskrivningRegistrering request;
        ReportCaller caller;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = DrainBytes;
        try
        {
            var action = http.Request.Headers["SOAPAction"].ToString().Trim('"');
            if (action.Length > 0 && action != Sf1590.DaekningAfskrivningRegistreringAfsend) throw new ContractViolation("Unknown SOAPAction.");
            // The bytes as sent: the sandbox's signature covers them exactly.
            var body = await SafeXml.ReadAllAsync(http.Request.Body, MaxBytes, http.RequestAborted);
            caller = authenticator.Authenticate(http, body.AsSpan());
            if (caller.Refusal is { } refusal)
            {
                await RefuseAsync(http, log, refusal, caller, null);
                return;
            }
            request = EventXml.ReadRequest(Soap.RequestBody(SafeXml.Parse(new MemoryStream(body, writable: false), MaxBytes)));
        }
        catch (ContractViolation e)
        {
            // The reason may quote the sender (an element's name): bounded and without control characters.
            var reason = LogText.Bound(e.Message);
            log.LogWarning("Refused a DaekningAfskrivningRegistrering message: {Reason}", reason);
            await DrainAsync(http);
            await WriteAsync(http, StatusCodes.Status500InternalServerError, Soap.Fault("Client", reason));
            return;
        }
        if (!caller.Municipalities.Contains(request.MyndighedKode))
        {
            // A debtor system reports for its own municipality only (issue 14): nothing of the message is stored.
            await RefuseAsync(http, log, "the credential is not valid for this municipality", caller, request.MyndighedKode);
            return;
        }

        var entries = request.Haendelser.Select(h => new InboxEntry(h.HaendelseId, h.FagsystemFordringId, h.DelfordringId,
            HaendelseMapper.KindOf(h.Type), h.Beloeb, h.Valoerdato, h.Betalingsmaade, h.Restsaldo)).ToList();
        var answers = await store.Inbox.ReceiveAsync(request.MyndighedKode.Value, entries, clock.GetUtcNow(), options.Inbox.ApplyEnabled, http.RequestAborted);
        // What was applied has notices for the library side; what was left pending is the applier's (woken only then:
        // a wake costs the applier a transaction that finds nothing).
        notices.Wake();
        if (answers.Any(a => a.LeftPending)) inbox.Wake();
        foreach (var refused in answers.Where(a => !a.Accepted))
            log.LogWarning("Refused report {HaendelseId} from municipality {Municipality}: {Reason}", refused.HaendelseId, request.MyndighedKode, LogText.Bound(refused.Reason));
        var svar = new DaekningAfskrivningSvar(answers.Select(a =>
            new HaendelseKvittering(a.HaendelseId, a.Accepted ? HaendelseStatus.Modtaget : HaendelseStatus.Afvist, a.Reason)).ToList());
        await WriteAsync(http, StatusCodes.Status200OK, Soap.Envelope(EventXml.Write(svar)));
    }

    /// <summary>
    /// A SOAP Fault <c>Client</c> for a caller that did not prove who it is. The log names only FeeBridge's own fixed
    /// reason, the municipality (3 digits, parsed) and the certificate's SHA-256 — nothing of the message, no name
    /// from the certificate (a personal OCES certificate's subject is a person).
    /// </summary>
    private static async Task RefuseAsync(HttpContext http, ILogger log, string reason, ReportCaller caller, Kommunekode? municipality)
    {
        log.LogWarning("Refused an unauthenticated DaekningAfskrivningRegistrering delivery for municipality {Municipality}: {Reason} (certificate {Thumbprint})",
            municipality?.Value ?? "-", reason, caller.Thumbprint ?? "none");
        await WriteAsync(http, StatusCodes.Status500InternalServerError, Soap.Fault("Client", "Not authenticated: " + reason + "."));
    }

    /// <summary>Reads what is left of a refused body, up to <see cref="DrainBytes"/> (beyond it Kestrel stops the read).</summary>
    private static async Task DrainAsync(HttpContext http)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (await http.Request.Body.ReadAsync(buffer, http.RequestAborted) > 0) { }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException) { } // over the limit, too slow, or gone
    }

    private static async Task WriteAsync(HttpContext http, int status, XDocument document)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/xml; charset=utf-8";
        await http.Response.WriteAsync(document.Declaration + document.ToString(SaveOptions.DisableFormatting), http.RequestAborted);
    }
}

using System.Text;
using System.Xml.Linq;
using FeeBridge.DebtorSystem.Authentication;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Xml;

namespace FeeBridge.Server.Tests.Inbox;

/// <summary>Debtor-system reports as a debtor system sends them (CONTRACTS.md §3.2).</summary>
public static class Reports
{
    public static Haendelse Of(string fagsystemFordringId, HaendelseType type, string beloeb, string restsaldo, int day = 0, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), fagsystemFordringId, null, type, Money.Parse(beloeb), new DateOnly(2026, 12, 1).AddDays(day),
            type == HaendelseType.Daekning ? "MobilePay" : null, Money.Parse(restsaldo));

    /// <summary>The message, unsigned (as a caller without credentials would send it).</summary>
    public static StringContent Soap(string kommunekode, params Haendelse[] events) => Raw(Xml(kommunekode, events));

    public static string Xml(string kommunekode, params Haendelse[] events) =>
        FeeBridge.DebtorSystem.Xml.Soap.Envelope(EventXml.Write(new DaekningAfskrivningRegistrering(Kommunekode.Parse(kommunekode), events))).ToString();

    public static StringContent Raw(string xml)
    {
        var content = new StringContent(xml, Encoding.UTF8, "text/xml");
        content.Headers.Add("SOAPAction", $"\"{Sf1590.DaekningAfskrivningRegistreringAfsend}\"");
        return content;
    }

    /// <summary>
    /// The message signed as the debtor sandbox signs it (sandbox mode): by default with the development secret of
    /// <paramref name="kommunekode"/>; <paramref name="signAs"/> and <paramref name="secret"/> make a forgery.
    /// </summary>
    public static ByteArrayContent Signed(string xml, string signAs, byte[]? secret = null, DateTimeOffset? at = null)
    {
        var body = Encoding.UTF8.GetBytes(xml);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        content.Headers.Add("SOAPAction", $"\"{Sf1590.DaekningAfskrivningRegistreringAfsend}\"");
        var municipality = Kommunekode.Parse(signAs);
        content.Headers.Add(ReportSignature.Header,
            ReportSignature.Sign(secret ?? ReportSignature.DevelopmentSecret(municipality), municipality, at ?? DateTimeOffset.UtcNow, body));
        return content;
    }

    public static ByteArrayContent Signed(string kommunekode, params Haendelse[] events) => Signed(Xml(kommunekode, events), kommunekode);

    /// <summary>Sends, signed as the municipality's debtor system, and reads the answer: one receipt per event.</summary>
    public static async Task<IReadOnlyList<HaendelseKvittering>> SendAsync(this HttpClient http, string kommunekode, params Haendelse[] events)
    {
        using var r = await http.PostAsync("/sf1590/DaekningAfskrivningRegistrering", Signed(kommunekode, events));
        r.EnsureSuccessStatusCode();
        return EventXml.ReadResponse(FeeBridge.DebtorSystem.Xml.Soap.Body(XDocument.Parse(await r.Content.ReadAsStringAsync()))).Kvitteringer;
    }
}

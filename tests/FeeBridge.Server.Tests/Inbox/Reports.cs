using System.Text;
using System.Xml.Linq;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Xml;

namespace FeeBridge.Server.Tests.Inbox;

/// <summary>Debtor-system reports as a debtor system sends them (CONTRACTS.md §3.2).</summary>
public static class Reports
{
    public static Haendelse Of(string fagsystemFordringId, HaendelseType type, string beloeb, string restsaldo, int day = 0, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), fagsystemFordringId, null, type, Money.Parse(beloeb), new DateOnly(2026, 12, 1).AddDays(day),
            type == HaendelseType.Daekning ? "MobilePay" : null, Money.Parse(restsaldo));

    public static StringContent Soap(string kommunekode, params Haendelse[] events) =>
        Raw(FeeBridge.DebtorSystem.Xml.Soap.Envelope(EventXml.Write(new DaekningAfskrivningRegistrering(Kommunekode.Parse(kommunekode), events))).ToString());

    public static StringContent Raw(string xml)
    {
        var content = new StringContent(xml, Encoding.UTF8, "text/xml");
        content.Headers.Add("SOAPAction", $"\"{Sf1590.DaekningAfskrivningRegistreringAfsend}\"");
        return content;
    }

    /// <summary>Sends and reads the answer: one receipt per event.</summary>
    public static async Task<IReadOnlyList<HaendelseKvittering>> SendAsync(this HttpClient http, string kommunekode, params Haendelse[] events)
    {
        using var r = await http.PostAsync("/sf1590/DaekningAfskrivningRegistrering", Soap(kommunekode, events));
        r.EnsureSuccessStatusCode();
        return EventXml.ReadResponse(FeeBridge.DebtorSystem.Xml.Soap.Body(XDocument.Parse(await r.Content.ReadAsStringAsync()))).Kvitteringer;
    }
}

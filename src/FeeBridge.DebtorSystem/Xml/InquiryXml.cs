using System.Globalization;
using System.Xml.Linq;
using FeeBridge.DebtorSystem.Contract;
using static FeeBridge.DebtorSystem.Xml.ContractElements;

namespace FeeBridge.DebtorSystem.Xml;

/// <summary><c>DebitorForespoergsel</c> to and from XML (docs/sf1590-modelled.xsd), strict like <see cref="RegistrationXml"/>.</summary>
public static class InquiryXml
{
    public static XElement Write(DebitorForespoergsel q) =>
        new(Ns + "DebitorForespoergselRequest",
            new XElement(Ns + "MyndighedKode", q.MyndighedKode.Value),
            new XElement(Ns + "AnvenderSystemId", q.AnvenderSystemId),
            q.Debitor is { } d
                ? new XElement(Ns + "Debitor", d.Cpr is { } cpr ? new XElement(Ns + "CPR", cpr.Digits) : new XElement(Ns + "CVR", d.Cvr!.Value.Value))
                : new XElement(Ns + "Side",
                    new XElement(Ns + "SideStoerrelse", q.SideStoerrelse),
                    q.Fortsaettelse is null ? null : new XElement(Ns + "Fortsaettelse", q.Fortsaettelse)));

    public static XElement Write(DebitorForespoergselSvar s) =>
        new(Ns + "DebitorForespoergselResponse",
            s.Fordringer.Select(f => new XElement(Ns + "Fordring",
                new XElement(Ns + "FagsystemFordringId", f.FagsystemFordringId),
                new XElement(Ns + "DebitorsystemFordringId", f.DebitorsystemFordringId),
                new XElement(Ns + "Hovedstol", f.Hovedstol.ToString()),
                new XElement(Ns + "Restsaldo", f.Restsaldo.ToString()),
                new XElement(Ns + "Renter", f.Renter.ToString()),
                new XElement(Ns + "Rykkergebyrer", f.Rykkergebyrer.ToString()),
                new XElement(Ns + "SidsteRettidigeBetalingsdato", Date(f.SidsteRettidigeBetalingsdato)),
                new XElement(Ns + "Status", f.Status),
                new XElement(Ns + "BetalingsId", f.BetalingsId.Value),
                new XElement(Ns + "Kreditornummer", f.Kreditornummer))),
            s.Fortsaettelse is null ? null : new XElement(Ns + "Fortsaettelse", s.Fortsaettelse));

    public static DebitorForespoergsel ReadRequest(XElement e)
    {
        Expect(e, "DebitorForespoergselRequest");
        var kode = Kommunekode.TryParse(Text(e, "MyndighedKode"), out var k, out _) ? k : throw new ContractViolation("MyndighedKode is not valid.");
        if (e.Element(Ns + "Debitor") is { } d)
        {
            var cpr = d.Element(Ns + "CPR")?.Value;
            var cvr = d.Element(Ns + "CVR")?.Value;
            if ((cpr is null) == (cvr is null)) throw new ContractViolation("Debitor must hold exactly one of CPR and CVR.");
            var party = cpr is not null
                ? new Party(Cpr.TryParse(cpr, out var c, out _) ? c : throw new ContractViolation("Debitor/CPR is not valid."), null, null)
                : new Party(null, Cvr.TryParse(cvr, out var v, out _) ? v : throw new ContractViolation("Debitor/CVR is not valid."), null);
            return new DebitorForespoergsel(kode, Text(e, "AnvenderSystemId"), party, 0, null);
        }
        var side = e.Element(Ns + "Side") ?? throw new ContractViolation("DebitorForespoergselRequest needs Debitor or Side.");
        var size = int.TryParse(Text(side, "SideStoerrelse"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000
            ? n : throw new ContractViolation("SideStoerrelse must be 1-1000.");
        return new DebitorForespoergsel(kode, Text(e, "AnvenderSystemId"), null, size, side.Element(Ns + "Fortsaettelse")?.Value);
    }

    public static DebitorForespoergselSvar ReadResponse(XElement e)
    {
        Expect(e, "DebitorForespoergselResponse");
        return new DebitorForespoergselSvar(
            e.Elements(Ns + "Fordring").Select(f => new ForespoergselFordring(
                Text(f, "FagsystemFordringId"),
                Text(f, "DebitorsystemFordringId"),
                Amount(f, "Hovedstol"), Amount(f, "Restsaldo"), Amount(f, "Renter"), Amount(f, "Rykkergebyrer"),
                DateOf(f, "SidsteRettidigeBetalingsdato"),
                Text(f, "Status"),
                FiPaymentId.TryParse(Text(f, "BetalingsId"), out var b, out _) ? b : throw new ContractViolation("BetalingsId is not valid."),
                Text(f, "Kreditornummer"))).ToList(),
            e.Element(Ns + "Fortsaettelse")?.Value);
    }
}

using System.Xml.Linq;
using FeeBridge.DebtorSystem.Contract;
using static FeeBridge.DebtorSystem.Xml.ContractElements;

namespace FeeBridge.DebtorSystem.Xml;

/// <summary><c>DaekningAfskrivningRegistreringAfsend</c> to and from XML (docs/sf1590-modelled.xsd).</summary>
public static class EventXml
{
    public static XElement Write(DaekningAfskrivningRegistrering r) =>
        new(Ns + "DaekningAfskrivningRegistreringAfsendRequest",
            new XElement(Ns + "MyndighedKode", r.MyndighedKode.Value),
            r.Haendelser.Select(h => new XElement(Ns + "Haendelse",
                new XElement(Ns + "HaendelseId", h.HaendelseId),
                new XElement(Ns + "FagsystemFordringId", h.FagsystemFordringId),
                h.DelfordringId is null ? null : new XElement(Ns + "DelfordringId", h.DelfordringId),
                new XElement(Ns + "Type", h.Type),
                new XElement(Ns + "Beloeb", h.Beloeb.ToString()),
                new XElement(Ns + "Valoerdato", Date(h.Valoerdato)),
                h.Betalingsmaade is null ? null : new XElement(Ns + "Betalingsmaade", h.Betalingsmaade),
                new XElement(Ns + "Restsaldo", h.Restsaldo.ToString()))));

    public static XElement Write(DaekningAfskrivningSvar s) =>
        new(Ns + "DaekningAfskrivningRegistreringAfsendResponse",
            s.Kvitteringer.Select(k => new XElement(Ns + "Kvittering",
                new XElement(Ns + "HaendelseId", k.HaendelseId),
                new XElement(Ns + "Status", k.Status),
                k.Fejltekst is null ? null : new XElement(Ns + "Fejltekst", k.Fejltekst))));

    public static DaekningAfskrivningRegistrering ReadRequest(XElement e)
    {
        Expect(e, "DaekningAfskrivningRegistreringAfsendRequest");
        var events = e.Elements(Ns + "Haendelse").Select(h => new Haendelse(
            Uuid(h, "HaendelseId"),
            Text(h, "FagsystemFordringId"),
            OptionalText(h, "DelfordringId"),
            Name<HaendelseType>(Text(h, "Type"), "Haendelse/Type is not a known type."),
            Amount(h, "Beloeb"),
            DateOf(h, "Valoerdato"),
            OptionalName(h, "Betalingsmaade", Sf1590.Betalingsmaader),
            Amount(h, "Restsaldo"))).ToList();
        if (events.Count == 0) throw new ContractViolation("At least one Haendelse is required.");
        return new DaekningAfskrivningRegistrering(
            Kommunekode.TryParse(Text(e, "MyndighedKode"), out var k, out _) ? k : throw new ContractViolation("MyndighedKode is not valid."),
            events);
    }

    public static DaekningAfskrivningSvar ReadResponse(XElement e)
    {
        Expect(e, "DaekningAfskrivningRegistreringAfsendResponse");
        return new DaekningAfskrivningSvar(e.Elements(Ns + "Kvittering").Select(k => new HaendelseKvittering(
            Uuid(k, "HaendelseId"),
            Name<HaendelseStatus>(Text(k, "Status"), "Kvittering/Status must be Modtaget or Afvist."),
            OptionalText(k, "Fejltekst"))).ToList());
    }

    private static Guid Uuid(XElement parent, string name) =>
        Guid.TryParseExact(Text(parent, name), "D", out var g) ? g : throw new ContractViolation($"{name} must be a UUID.");
}

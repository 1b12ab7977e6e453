using System.Xml.Linq;
using FeeBridge.DebtorSystem.Contract;
using static FeeBridge.DebtorSystem.Xml.ContractElements;

namespace FeeBridge.DebtorSystem.Xml;

/// <summary>
/// <c>DebitorRegistreringAfsend</c> to and from XML (docs/sf1590-modelled.xsd). Both sides use this class, and the
/// tests validate what it writes against the XSD; reading is strict: wrong namespace, a missing element or a bad
/// value is a <see cref="ContractViolation"/> naming the element, never the value.
/// </summary>
public static class RegistrationXml
{
    public static XElement Write(DebitorRegistrering r) =>
        new(Ns + "DebitorRegistreringAfsendRequest",
            new XElement(Ns + "MyndighedKode", r.MyndighedKode.Value),
            new XElement(Ns + "AnvenderSystemId", r.AnvenderSystemId),
            new XElement(Ns + "ForsendelseId", r.ForsendelseId),
            new XElement(Ns + "Handlinger", r.Handlinger.Select(WriteHandling)));

    public static XElement Write(DebitorRegistreringSvar s) =>
        new(Ns + "DebitorRegistreringAfsendResponse",
            new XElement(Ns + "ForsendelseId", s.ForsendelseId),
            s.Kvitteringer.Select(k => new XElement(Ns + "Kvittering",
                new XAttribute("HandlingId", k.HandlingId),
                new XAttribute("Status", k.Status),
                Optional("DebitorsystemFordringId", k.DebitorsystemFordringId),
                Optional("Fejlkode", k.Fejlkode),
                Optional("Fejltekst", k.Fejltekst))));

    public static DebitorRegistrering ReadRequest(XElement e)
    {
        Expect(e, "DebitorRegistreringAfsendRequest");
        var handlinger = Required(e, "Handlinger").Elements().Select(ReadHandling).ToList();
        if (handlinger.Count == 0) throw new ContractViolation("Handlinger must hold at least one handling.");
        if (handlinger.Select(h => h.HandlingId).Distinct().Count() != handlinger.Count) throw new ContractViolation("HandlingId must be unique within a shipment.");
        return new DebitorRegistrering(
            Parse<Kommunekode>(Text(e, "MyndighedKode"), "MyndighedKode", Kommunekode.TryParse),
            Text(e, "AnvenderSystemId"),
            Uuid(Text(e, "ForsendelseId"), "ForsendelseId"),
            handlinger);
    }

    public static DebitorRegistreringSvar ReadResponse(XElement e)
    {
        Expect(e, "DebitorRegistreringAfsendResponse");
        return new DebitorRegistreringSvar(
            Uuid(Text(e, "ForsendelseId"), "ForsendelseId"),
            e.Elements(Ns + "Kvittering").Select(k => new Kvittering(
                Uuid((string?)k.Attribute("HandlingId") ?? throw new ContractViolation("Kvittering needs HandlingId."), "HandlingId"),
                Name<KvitteringStatus>((string?)k.Attribute("Status"), "Kvittering Status must be Udfoert or Afvist."),
                OptionalText(k, "DebitorsystemFordringId"),
                OptionalText(k, "Fejlkode"),
                OptionalText(k, "Fejltekst"))).ToList());
    }

    private static XElement WriteHandling(Handling h) => h switch
    {
        OpretDebitorkonto o => new XElement(Ns + "OpretDebitorkonto", Id(o),
            WriteParty("Debitor", o.Debitor),
            new XElement(Ns + "Fordring",
                new XElement(Ns + "FagsystemFordringId", o.Fordring.FagsystemFordringId),
                new XElement(Ns + "Fordringsart", o.Fordring.Fordringsart),
                Optional("Tekst", o.Fordring.Tekst),
                new XElement(Ns + "Stiftelsesdato", Date(o.Fordring.Stiftelsesdato)),
                new XElement(Ns + "Forfaldsdato", Date(o.Fordring.Forfaldsdato)),
                new XElement(Ns + "SidsteRettidigeBetalingsdato", Date(o.Fordring.SidsteRettidigeBetalingsdato)),
                o.Fordring.Delfordringer.Select(d => new XElement(Ns + "Delfordring",
                    new XElement(Ns + "DelfordringId", d.DelfordringId),
                    new XElement(Ns + "Beloeb", d.Beloeb.ToString()),
                    Optional("Tekst", d.Tekst))),
                new XElement(Ns + "Haeftelse",
                    WriteParty("JuridiskAnsvarlig", o.Fordring.JuridiskAnsvarlig),
                    o.Fordring.JuridiskMedhaefter is { } m ? WriteParty("JuridiskMedhaefter", m) : null))),
        NedskrivFordring n => new XElement(Ns + "NedskrivFordring", Id(n),
            new XElement(Ns + "FagsystemFordringId", n.FagsystemFordringId),
            Optional("DelfordringId", n.DelfordringId),
            new XElement(Ns + "Beloeb", n.Beloeb.ToString()),
            new XElement(Ns + "Aarsag", n.Aarsag)),
        AnnullerFordring a => new XElement(Ns + "AnnullerFordring", Id(a),
            new XElement(Ns + "FagsystemFordringId", a.FagsystemFordringId),
            new XElement(Ns + "Aarsag", a.Aarsag)),
        SkiftJuridiskAnsvarlig s => new XElement(Ns + "SkiftJuridiskAnsvarlig", Id(s),
            new XElement(Ns + "FagsystemFordringId", s.FagsystemFordringId),
            WriteParty("Debitor", s.Debitor)),
        RetFordringTilstand t => new XElement(Ns + "RetFordringTilstand", Id(t),
            new XElement(Ns + "FagsystemFordringId", t.FagsystemFordringId),
            new XElement(Ns + "Tilstand", t.Tilstand)),
        _ => throw new ArgumentOutOfRangeException(nameof(h)),
    };

    private static Handling ReadHandling(XElement e)
    {
        if (e.Name.Namespace != Ns) throw new ContractViolation($"Handling '{e.Name.LocalName}' is not in namespace {Sf1590.Namespace}.");
        var id = Uuid((string?)e.Attribute("HandlingId") ?? throw new ContractViolation($"{e.Name.LocalName} needs a HandlingId attribute."), "HandlingId");
        switch (e.Name.LocalName)
        {
            case "OpretDebitorkonto":
                var f = Required(e, "Fordring");
                var lines = f.Elements(Ns + "Delfordring").Select(d => new Delfordring(
                    Text(d, "DelfordringId"), Amount(d, "Beloeb"), OptionalText(d, "Tekst"))).ToList();
                if (lines.Count == 0) throw new ContractViolation("Fordring must hold at least one Delfordring.");
                var haeftelse = Required(f, "Haeftelse");
                return new OpretDebitorkonto(id, ReadParty(Required(e, "Debitor"), "Debitor"), new Fordring(
                    Text(f, "FagsystemFordringId"),
                    Text(f, "Fordringsart"),
                    OptionalText(f, "Tekst"),
                    DateOf(f, "Stiftelsesdato"),
                    DateOf(f, "Forfaldsdato"),
                    DateOf(f, "SidsteRettidigeBetalingsdato"),
                    lines,
                    ReadParty(Required(haeftelse, "JuridiskAnsvarlig"), "JuridiskAnsvarlig"),
                    haeftelse.Element(Ns + "JuridiskMedhaefter") is { } m ? ReadParty(m, "JuridiskMedhaefter") : null));
            case "NedskrivFordring":
                return new NedskrivFordring(id, Text(e, "FagsystemFordringId"), OptionalText(e, "DelfordringId"), Amount(e, "Beloeb"), Text(e, "Aarsag"));
            case "AnnullerFordring":
                return new AnnullerFordring(id, Text(e, "FagsystemFordringId"), Text(e, "Aarsag"));
            case "SkiftJuridiskAnsvarlig":
                return new SkiftJuridiskAnsvarlig(id, Text(e, "FagsystemFordringId"), ReadParty(Required(e, "Debitor"), "Debitor"));
            case "RetFordringTilstand":
                return new RetFordringTilstand(id, Text(e, "FagsystemFordringId"),
                    Name<Tilstand>(Text(e, "Tilstand"), "Tilstand must be Aktiv or Berostillet."));
            default:
                throw new ContractViolation($"Unknown handling '{e.Name.LocalName}'.");
        }
    }

    private static XElement WriteParty(string name, Party p) =>
        new(Ns + name,
            p.Cpr is { } cpr ? new XElement(Ns + "CPR", cpr.Digits) : new XElement(Ns + "CVR", p.Cvr!.Value.Value),
            Optional("Navn", p.Navn));

    /// <summary>
    /// A party by CPR or CVR. An impossible CPR is kept as "absent" rather than refused here: the debtor system
    /// rejects it with a business code (its rule, not the envelope's).
    /// </summary>
    private static Party ReadParty(XElement e, string name)
    {
        var cpr = OptionalText(e, "CPR");
        var cvr = OptionalText(e, "CVR");
        if ((cpr is null) == (cvr is null)) throw new ContractViolation($"{name} must hold exactly one of CPR and CVR.");
        return new Party(
            cpr is not null && Cpr.TryParse(cpr, out var c, out _) ? c : null,
            cvr is not null ? Parse<Cvr>(cvr, name + "/CVR", Cvr.TryParse) : null,
            OptionalText(e, "Navn"));
    }

    private static XElement? Optional(string name, string? value) => value is null ? null : new XElement(Ns + name, value);

    private static XAttribute Id(Handling h) => new("HandlingId", h.HandlingId);

    private static Guid Uuid(string text, string name) =>
        Guid.TryParseExact(text, "D", out var g) ? g : throw new ContractViolation($"{name} must be a UUID.");

    private delegate bool TryParser<T>(string? text, out T value, out string? error);

    private static T Parse<T>(string text, string name, TryParser<T> parse) =>
        parse(text, out var v, out _) ? v : throw new ContractViolation($"{name} is not valid.");
}

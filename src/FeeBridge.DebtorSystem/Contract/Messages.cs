namespace FeeBridge.DebtorSystem.Contract;

/// <summary>The modelled SF1590 contract's names (CONTRACTS.md §3). The official WSDL replaces them behind this project.</summary>
public static class Sf1590
{
    public const string Namespace = "urn:feebridge:modelled:sf1590:v1";
    public const string SoapNamespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string DebitorRegistreringAfsend = "DebitorRegistreringAfsend";
    public const string DaekningAfskrivningRegistreringAfsend = "DaekningAfskrivningRegistreringAfsend";
    public const string DebitorForespoergsel = "DebitorForespoergsel";

    /// <summary>The values of <c>Betalingsmaade</c> (CONTRACTS.md §3.2), exactly as spelled there.</summary>
    public static readonly IReadOnlySet<string> Betalingsmaader = new HashSet<string>(StringComparer.Ordinal)
        { "FIKort", "Betalingsservice", "MobilePay", "Betalingskort", "Bankoverfoersel", "Modregning", "Kontant" };
}

/// <summary>A debtor: a person by CPR or an organisation by CVR, with a name.</summary>
public sealed record Party(Cpr? Cpr, Cvr? Cvr, string? Navn);

/// <summary>One line of a claim (<c>Delfordring</c>).</summary>
public sealed record Delfordring(string DelfordringId, Money Beloeb, string? Tekst);

/// <summary>The claim part of <c>OpretDebitorkonto</c>.</summary>
public sealed record Fordring(
    string FagsystemFordringId,
    string Fordringsart,
    string? Tekst,
    DateOnly Stiftelsesdato,
    DateOnly Forfaldsdato,
    DateOnly SidsteRettidigeBetalingsdato,
    IReadOnlyList<Delfordring> Delfordringer,
    Party JuridiskAnsvarlig,
    Party? JuridiskMedhaefter);

/// <summary>One action in a <c>DebitorRegistreringAfsend</c>; <c>HandlingId</c> makes it idempotent.</summary>
public abstract record Handling(Guid HandlingId);

public sealed record OpretDebitorkonto(Guid HandlingId, Party Debitor, Fordring Fordring) : Handling(HandlingId);

public sealed record NedskrivFordring(Guid HandlingId, string FagsystemFordringId, string? DelfordringId, Money Beloeb, string Aarsag) : Handling(HandlingId);

public sealed record AnnullerFordring(Guid HandlingId, string FagsystemFordringId, string Aarsag) : Handling(HandlingId);

public sealed record SkiftJuridiskAnsvarlig(Guid HandlingId, string FagsystemFordringId, Party Debitor) : Handling(HandlingId);

public enum Tilstand { Aktiv, Berostillet }

public sealed record RetFordringTilstand(Guid HandlingId, string FagsystemFordringId, Tilstand Tilstand) : Handling(HandlingId);

/// <summary>The request of <c>DebitorRegistreringAfsend</c>: one shipment (<c>ForsendelseId</c>) of handlings for one municipality.</summary>
public sealed record DebitorRegistrering(Kommunekode MyndighedKode, string AnvenderSystemId, Guid ForsendelseId, IReadOnlyList<Handling> Handlinger);

public enum KvitteringStatus { Udfoert, Afvist }

/// <summary>The debtor system's business receipt for one handling.</summary>
public sealed record Kvittering(Guid HandlingId, KvitteringStatus Status, string? DebitorsystemFordringId, string? Fejlkode, string? Fejltekst);

/// <summary>The answer of <c>DebitorRegistreringAfsend</c>: one receipt per handling.</summary>
public sealed record DebitorRegistreringSvar(Guid ForsendelseId, IReadOnlyList<Kvittering> Kvitteringer);

/// <summary>
/// <c>DebitorForespoergsel</c>: the claims of one person or organisation (<see cref="Debitor"/>), or — without a
/// debtor — a page of every claim the sending system owns (<see cref="Side"/>/<see cref="SideStoerrelse"/>, then the
/// <see cref="Fortsaettelse"/> token the previous page gave).
/// </summary>
public sealed record DebitorForespoergsel(Kommunekode MyndighedKode, string AnvenderSystemId, Party? Debitor, int SideStoerrelse, string? Fortsaettelse);

/// <summary>One claim as the debtor system sees it, with what it added (interest, reminder fees).</summary>
public sealed record ForespoergselFordring(
    string FagsystemFordringId,
    string DebitorsystemFordringId,
    Money Hovedstol,
    Money Restsaldo,
    Money Renter,
    Money Rykkergebyrer,
    DateOnly SidsteRettidigeBetalingsdato,
    string Status,
    FiPaymentId BetalingsId,
    string Kreditornummer);

/// <summary>The answer: the claims, and a token for the next page when there is one.</summary>
public sealed record DebitorForespoergselSvar(IReadOnlyList<ForespoergselFordring> Fordringer, string? Fortsaettelse);

/// <summary>What happened to a claim on the debtor system's side (CONTRACTS.md §3.2).</summary>
public enum HaendelseType { Daekning, Afskrivning, Nedregulering, Tilbagefoersel, OversendtTilInddrivelse, InddrivelseTilbagekaldt, KontoLukket }

/// <summary>
/// One event the debtor system reports (<c>DaekningAfskrivningRegistreringAfsend</c>); delivered at least once, maybe out
/// of order, so <see cref="HaendelseId"/> identifies it. <see cref="Restsaldo"/> is the principal left after it.
/// </summary>
public sealed record Haendelse(Guid HaendelseId, string FagsystemFordringId, string? DelfordringId, HaendelseType Type, Money Beloeb,
    DateOnly Valoerdato, string? Betalingsmaade, Money Restsaldo);

public sealed record DaekningAfskrivningRegistrering(Kommunekode MyndighedKode, IReadOnlyList<Haendelse> Haendelser);

public enum HaendelseStatus { Modtaget, Afvist }

public sealed record HaendelseKvittering(Guid HaendelseId, HaendelseStatus Status, string? Fejltekst);

public sealed record DaekningAfskrivningSvar(IReadOnlyList<HaendelseKvittering> Kvitteringer);

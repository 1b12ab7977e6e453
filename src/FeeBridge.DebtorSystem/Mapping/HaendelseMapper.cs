using FeeBridge.DebtorSystem.Contract;
using FeeBridge.Domain.Claims;

namespace FeeBridge.DebtorSystem.Mapping;

/// <summary>The contract's event types in the ledger's words.</summary>
public static class HaendelseMapper
{
    public static DebtorEventKind KindOf(HaendelseType t) => t switch
    {
        HaendelseType.Daekning => DebtorEventKind.Covered,
        HaendelseType.Afskrivning => DebtorEventKind.WrittenOff,
        HaendelseType.Nedregulering => DebtorEventKind.AdjustedDown,
        HaendelseType.Tilbagefoersel => DebtorEventKind.PaymentReversed,
        HaendelseType.OversendtTilInddrivelse => DebtorEventKind.HandedToCollection,
        HaendelseType.InddrivelseTilbagekaldt => DebtorEventKind.CollectionRecalled,
        HaendelseType.KontoLukket => DebtorEventKind.AccountClosed,
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };
}

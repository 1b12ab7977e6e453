using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using FeeBridge.Server.Citizen;

namespace FeeBridge.Server.Staff.Console;

/// <summary>
/// What the desk says to the citizen, in Danish: one sentence or two per claim, from where it is now, and one for the
/// patron's block. Plain words a librarian can read out; figures as a Danish reader expects them.
/// </summary>
public static class DeskTexts
{
    private const string NotHere = "Biblioteket kan ikke tage imod betalingen.";

    /// <param name="line">The FI +71 line, when the debtor system gave one.</param>
    /// <param name="paymentUrl">The municipality's payment site, when configured.</param>
    /// <param name="citizenStatus">The state's status word for a claim at the municipality (overdue or not).</param>
    public static string Tell(ClaimState claim, ClaimWhereabouts where, MunicipalityRules municipality, Money owed, string? line, string? paymentUrl,
        DateOnly? lastOnTime, CitizenStatus? citizenStatus, string? rejectionCode)
    {
        var kommune = municipality.Name;
        return where switch
        {
            ClaimWhereabouts.WithLibrary => claim.HoldReason switch
            {
                HoldReason.BelowMinimum =>
                    $"Betales her på biblioteket eller på bibliotekets hjemmeside. Beløbet er under {kommune}s mindstebeløb ({Kroner.Format(municipality.Minimum)}); " +
                    "betales det ikke her, sendes det til kommunen sammen med lånerens andre gebyrer, når de tilsammen når mindstebeløbet.",
                HoldReason.CompensationNotAcknowledged =>
                    "Betales her på biblioteket eller på bibliotekets hjemmeside. Erstatningen er ikke anerkendt skriftligt, så kommunen opkræver den ikke.",
                _ => "Betales her på biblioteket eller på bibliotekets hjemmeside under »Mine gebyrer«. Kravet er fra før bibliotekets skæringsdato og sendes ikke til kommunen.",
            },
            ClaimWhereabouts.OnItsWay =>
                $"Kravet er sendt til {kommune}. Borgeren får en opkrævning i Digital Post (e-Boks) eller med posten om få dage og betaler først, når den er kommet. {NotHere}",
            ClaimWhereabouts.AtMunicipality => AtMunicipality(claim, kommune, owed, line, paymentUrl, lastOnTime, citizenStatus),
            ClaimWhereabouts.Rejected =>
                $"{kommune} kunne ikke oprette kravet{(rejectionCode is { Length: > 0 } c ? $" ({c})" : "")}. Biblioteket og kommunens opkrævning retter det; borgeren skal ikke betale noget nu.",
            ClaimWhereabouts.Paid => "Kravet er betalt. Der er intet at betale.",
            ClaimWhereabouts.WrittenOff => $"{kommune} har afskrevet kravet. Der er intet at betale.",
            ClaimWhereabouts.WithCollector =>
                "Kravet er sendt til Gældsstyrelsen til inddrivelse. Borgeren betaler til Gældsstyrelsen; spærringen hæves først, når Gældsstyrelsen melder kravet betalt.",
            _ => claim.Status == ClaimStatus.WrittenDown ? "Kravet er nedskrevet til 0 kr. Der er intet at betale." : "Kravet er annulleret. Der er intet at betale.",
        };
    }

    private static string AtMunicipality(ClaimState claim, string kommune, Money owed, string? line, string? paymentUrl, DateOnly? lastOnTime, CitizenStatus? status)
    {
        var how = (line, paymentUrl) switch
        {
            ({ } l, { } u) => $" med betalingslinjen {l} i netbanken eller på {u}",
            ({ } l, null) => $" med betalingslinjen {l} i netbanken",
            (null, { } u) => $" på {u}",
            _ => "",
        };
        var text = $"{kommune} opkræver kravet: {Kroner.Format(owed)} Betal{how}";
        text += status == CitizenStatus.Overdue || lastOnTime is null ? "." : $" senest {Kroner.Date(lastOnTime.Value)}.";
        if (claim.Status == ClaimStatus.PartiallyPaid) text += $" Der er allerede betalt {Kroner.Format(claim.Paid)}.";
        if (status == CitizenStatus.Overdue)
            text += $" Sidste rettidige betalingsdag{(lastOnTime is { } d ? $" ({Kroner.Date(d)})" : "")} er overskredet, så der kan komme rykkergebyr: betal hurtigst muligt.";
        return text + " " + NotHere;
    }

    /// <summary>The patron's claims in one sentence: what is owed where, and where to pay it.</summary>
    public static string Overall(DeskPatron p)
    {
        var open = p.Open.ToList();
        if (open.Count == 0) return "Låneren skylder ikke noget.";
        var library = open.Where(c => c.Where == ClaimWhereabouts.WithLibrary).Aggregate(Money.Zero, (sum, c) => sum + c.Owed);
        var municipality = open.Where(c => c.Where is ClaimWhereabouts.AtMunicipality or ClaimWhereabouts.OnItsWay)
            .Aggregate(Money.Zero, (sum, c) => sum + c.Owed);
        var collector = open.Where(c => c.Where == ClaimWhereabouts.WithCollector).Aggregate(Money.Zero, (sum, c) => sum + c.Owed);
        var parts = new List<string>();
        if (municipality.IsPositive)
            parts.Add($"{Kroner.Format(municipality)} til {p.Municipality.Name}{(p.PaymentUrl is { } u ? $" (betales på {u})" : "")}");
        if (library.IsPositive) parts.Add($"{Kroner.Format(library)} her på biblioteket");
        if (collector.IsPositive) parts.Add($"{Kroner.Format(collector)} til Gældsstyrelsen");
        var rejected = open.Count(c => c.Where == ClaimWhereabouts.Rejected);
        var text = parts.Count == 0 ? "Der er intet at betale lige nu." : "Låneren skylder " + string.Join(", ", parts) + ".";
        if (rejected > 0) text += $" {Kroner.Count(rejected)} krav er afvist af kommunen og venter på at blive rettet; dem skal borgeren ikke betale nu.";
        return text;
    }

    /// <summary>Whether FBS's block agrees with what is owed, in words (FBS asked, or FeeBridge's own expectation only).</summary>
    public static string Block(bool expected, Money owed, Money threshold, FbsBlockView fbs)
    {
        var figures = $"{Kroner.Format(owed)} skyldig, grænsen er {Kroner.Format(threshold)}";
        return fbs.Blocked switch
        {
            true when expected => $"Spærret i FBS for ubetalte gebyrer. Det passer med det skyldige beløb ({figures}).",
            false when !expected => $"Ikke spærret i FBS. Det passer med det skyldige beløb ({figures}).",
            true => $"FBS spærrer lånerkortet, men efter FeeBridges tal skal det ikke være spærret ({figures}). " +
                    "Se efter et krav, FBS ikke kan tage (en delbetaling eller en afskrivning), og ret det i FBS.",
            false => $"FBS spærrer ikke lånerkortet, men efter FeeBridges tal skal det være spærret ({figures}).",
            null => $"FBS: {Danish(fbs.Detail)} Efter FeeBridges tal skal lånerkortet {(expected ? "" : "ikke ")}være spærret ({figures}).",
        };
    }

    private static string Danish(string detail) => detail switch
    {
        "The library system is not FBS." => "bibliotekets system er ikke FBS.",
        "The patron id is not an FBS patron id." => "lånernummeret er ikke et FBS-lånernummer.",
        "FeeBridge has no connection to FBS." => "FeeBridge har ingen forbindelse til FBS.",
        "FBS does not know the patron." => "FBS kender ikke låneren.",
        _ => "FBS svarede ikke.",
    };
}

namespace FeeBridge.Rollout.Communication.Print;

/// <summary>
/// What a printed piece says (a poster, a desk card), as plain Danish lines written from the municipality's facts:
/// a headline, a lead, points and a footer. The PDF only lays them out, so what it says is tested here without a PDF.
/// </summary>
public sealed record PrintText(string Headline, string Lead, IReadOnlyList<string> Points, string Footer);

/// <summary>The poster for the library (A4 and A3) and the desk card beside the counter (issue 16 part 2).</summary>
public static class PrintTexts
{
    /// <summary>The poster: to a patron walking past — what changes, where to pay, the old ones, how fast.</summary>
    public static PrintText Poster(MunicipalityFacts facts)
    {
        if (!facts.IsConfigured) return NotServed(facts);
        var points = new List<string>
        {
            "Regningen kommer i din digitale postkasse (Digital Post). Er du fritaget, kommer den med posten.",
            $"Du betaler på {Site(facts)} og logger ind med MitID.",
            $"Gebyrer fra før {Dates(facts)} betaler du som hidtil på bibliotekets hjemmeside.",
        };
        if (facts.Rules is { MinimumOre: > 0 } r)
            points.Add($"Gebyrer under {DanishText.Kroner(r.MinimumOre)} samles, til de tilsammen når {DanishText.Kroner(r.MinimumOre)}, og så får du én regning.");
        points.Add(Speed(facts));
        points.Add("Biblioteket tager ikke imod betaling for de nye gebyrer. Spørg os, så hjælper vi dig med at finde vej.");
        return new PrintText("Nye gebyrer betaler du til kommunen", Lead(facts), points, Footer(facts));
    }

    /// <summary>The desk card: to the citizen at the counter, short — where to pay and what to bring (MitID).</summary>
    public static PrintText DeskCard(MunicipalityFacts facts)
    {
        if (!facts.IsConfigured) return NotServed(facts);
        var points = new List<string>
        {
            $"Betal på {Site(facts)} med MitID.",
            $"Har du ikke MitID: betal i netbanken med +71-linjen på regningen eller i Borgerservice.",
            $"Gamle gebyrer fra før {Dates(facts)}: betal som hidtil på bibliotekets hjemmeside.",
            Speed(facts),
        };
        return new PrintText("Vi tager ikke imod betaling for nye gebyrer", Lead(facts), points, Footer(facts));
    }

    private static PrintText NotServed(MunicipalityFacts facts) =>
        new("Gebyrer på biblioteket", $"{facts.Name} er ikke sat op i FeeBridge endnu. Plakaten skrives færdig, når bibliotekernes skæringsdatoer er fastsat.", [], Footer(facts));

    private static string Lead(MunicipalityFacts facts)
    {
        var dates = facts.Libraries.Select(l => l.CutOverDate).Distinct().ToList();
        return dates.Count == 1
            ? $"Fra {DanishText.Date(dates[0])} sender biblioteket nye gebyrer og erstatninger til {facts.Name}, som opkræver dem."
            : $"{facts.Name} opkræver nye gebyrer og erstatninger fra bibliotekerne: "
              + DanishText.List([.. facts.Libraries.Select(l => $"{l.Name} fra {DanishText.Date(l.CutOverDate)}")]) + ".";
    }

    private static string Dates(MunicipalityFacts facts)
    {
        var dates = facts.Libraries.Select(l => l.CutOverDate).Distinct().ToList();
        return dates.Count == 1 ? DanishText.Date(dates[0]) : "bibliotekets skæringsdato";
    }

    private static string Site(MunicipalityFacts facts) => facts.PaymentSite is { Length: > 0 } site
        ? $"kommunens betalingsside, {site.Replace("https://", "", StringComparison.Ordinal).TrimEnd('/')}"
        : "kommunens betalingsside";

    /// <summary>FeeBridge's measured figure, or no figure at all: a poster hangs for months and must not promise.</summary>
    private static string Speed(MunicipalityFacts facts) => facts.Speed is { IsMeasured: true, Median: { } m }
        ? $"Når du har betalt, ser biblioteket det typisk efter {DanishText.Duration(m)} (målt de seneste {facts.Speed.Days} dage), og du kan låne igen."
        : "Når kommunen har registreret din betaling, ophæves en spærring for gebyrer.";

    private static string Footer(MunicipalityFacts facts) => $"{facts.Name} · {DanishText.List([.. facts.Libraries.Select(l => l.Name)])}".TrimEnd(' ', '·');
}

namespace FeeBridge.Rollout.Communication.Faq;

/// <summary>A question of the bank with its answer in Markdown, filled in from the municipality's facts.</summary>
/// <param name="Id">Stable, e.g. <c>kontant</c>, for the editor's "add" button.</param>
public sealed record FaqQuestion(string Id, string Question, string AnswerMarkdown)
{
    /// <summary>The question as a FAQ section: <c>## question</c> and its answer.</summary>
    public string Markdown => $"## {Question}\n{AnswerMarkdown}\n";
}

/// <summary>
/// The questions citizens put to libraries when fees move to the municipality, as municipalities' own FAQ pages ask
/// them (issue 16 part 5: cash, no MitID, children, refunds, where the old claims went), answered from the
/// municipality's configuration: its cut-over dates, payment site, deadline, minimum and FeeBridge's measured speed.
/// An editor adds those that fit to the municipality's FAQ and words them as the municipality speaks.
/// </summary>
public static class FaqQuestionBank
{
    public static IReadOnlyList<FaqQuestion> For(MunicipalityFacts facts)
    {
        var site = facts.PaymentSite is { Length: > 0 } s ? $"[kommunens betalingsside]({s})" : "kommunens betalingsside";
        var dates = facts.Libraries.Select(l => l.CutOverDate).Distinct().ToList();
        var cutOver = dates.Count == 1 ? DanishText.Date(dates[0]) : "bibliotekets skæringsdato";
        var days = facts.Rules?.PaymentDays ?? 30;
        var list = new List<FaqQuestion>
        {
            new("kontant", "Kan jeg betale kontant på biblioteket?",
                $"Nej. Biblioteket tager ikke imod kontanter for de nye gebyrer. Du kan betale på {site}, i din netbank med +71-linjen på regningen eller i Borgerservice."),
            new("uden-mitid", "Jeg har ikke MitID. Hvordan betaler jeg?",
                "Du kan betale i din netbank med +71-linjen på regningen eller i Borgerservice. Er du fritaget for Digital Post, får du regningen som indbetalingskort med posten."),
            new("boern", "Mit barn har fået et gebyr. Hvem får regningen?",
                "Har du som forælder skrevet under på dit barns lånerkort, er det dig, der hæfter for gebyret, og regningen kommer til dig."),
            new("tilbagebetaling", "Jeg har fundet det, jeg har betalt erstatning for. Får jeg pengene tilbage?",
                "Aflever materialet på biblioteket. Så nedskriver biblioteket kravet, og har du betalt erstatningen, får du den tilbage, hvis du afleverer inden for bibliotekets frist. Gebyrer for for sen aflevering betales ikke tilbage."),
            new("gamle-krav", "Hvor er mine gamle gebyrer blevet af?",
                $"Gebyrer og erstatninger fra før {cutOver} er stadig hos biblioteket. Du ser dem under \"Betal her\" og betaler dem som hidtil på bibliotekets hjemmeside. Kun de nye sendes til {facts.Name}."),
            new("frist", "Hvornår skal jeg betale?",
                $"Du har {days} dage til at betale regningen fra {facts.Name}. Betaler du ikke til tiden, sender kommunen en rykker, og der kan komme rykkergebyr på."),
        };
        if (facts.Rules is { MinimumOre: > 0 } r)
            list.Add(new("minimum", "Hvorfor har jeg ikke fået en regning for mit lille gebyr?",
                $"Gebyrer under {DanishText.Kroner(r.MinimumOre)} venter, til dine gebyrer tilsammen når {DanishText.Kroner(r.MinimumOre)}, og så får du én samlet regning."));
        list.Add(new("hastighed", "Hvornår kan jeg låne igen, når jeg har betalt?",
            facts.Speed is { IsMeasured: true, Median: { } m, P95: { } p }
                ? $"Når kommunen har registreret din betaling, ser biblioteket den typisk efter {DanishText.Duration(m)}, og 95 % af betalingerne ses inden for {DanishText.Duration(p)} (målt de seneste {facts.Speed.Days} dage). Så ophæves spærringen."
                : "Når kommunen har registreret din betaling, ophæves spærringen for gebyrer."));
        return list;
    }
}

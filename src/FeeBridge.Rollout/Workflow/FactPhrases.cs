using FeeBridge.Rollout.Communication;

namespace FeeBridge.Rollout.Workflow;

/// <summary>
/// The municipality's facts as the phrases the flow's labels are made of. Where a fact is not configured the phrase
/// says so ("ikke sat op i FeeBridge endnu") rather than make one up.
/// </summary>
internal sealed class FactPhrases(MunicipalityFacts facts)
{
    public const string NotConfigured = "ikke sat op i FeeBridge endnu";

    public MunicipalityFacts Facts => facts;

    private bool OneCutOver => facts.Libraries.Select(l => l.CutOverDate).Distinct().Count() == 1;

    /// <summary>"1. marts 2027", or per library when they differ.</summary>
    public string CutOver => facts.Libraries.Count == 0 ? $"skæringsdatoen ({NotConfigured})"
        : OneCutOver ? DanishText.Date(facts.Libraries[0].CutOverDate)
        : DanishText.List([.. facts.Libraries.Select(l => $"{l.Name} {DanishText.Date(l.CutOverDate)}")]);

    /// <summary>The decision's question: "Oprettet før 1. marts 2027?".</summary>
    public string CutOverQuestion => facts.Libraries.Count == 0 ? $"Oprettet før skæringsdatoen? ({NotConfigured})"
        : OneCutOver ? $"Oprettet før {CutOver}?"
        : $"Oprettet før bibliotekets skæringsdato? ({CutOver})";

    /// <summary>The minimum in øre; null when the rules are not configured.</summary>
    public long? Minimum => facts.Rules?.MinimumOre;

    public string MinimumText => Minimum is { } m ? DanishText.Kroner(m) : $"minimum ({NotConfigured})";

    /// <summary>"200 kr.", or per library when they differ.</summary>
    public string BlockThreshold => facts.Libraries.Count == 0 ? $"spærregrænsen ({NotConfigured})"
        : facts.Libraries.Select(l => l.BlockThresholdOre).Distinct().Count() == 1 ? DanishText.Kroner(facts.Libraries[0].BlockThresholdOre)
        : DanishText.List([.. facts.Libraries.Select(l => $"{DanishText.Kroner(l.BlockThresholdOre)} ({l.Name})")]);

    public string PaymentDays => facts.Rules is { } r ? $"{r.PaymentDays} dage" : $"fristen ({NotConfigured})";

    /// <summary>"kommunens betalingsside (www.horsholm.dk/betaling)".</summary>
    public string PaymentSite => facts.PaymentSite is { } url ? $"kommunens betalingsside ({Shown(url)})" : "kommunens betalingsside";

    public bool Measured => facts.Speed.IsMeasured;

    /// <summary>A system's task with the measured median after it: "Melder betalingen til FBS (typisk 4 sekunder)"; unmeasured, the task alone.</summary>
    public string WithSpeed(string task) => Measured ? $"{task} (typisk {DanishText.Duration(facts.Speed.Median!.Value)})" : task;

    /// <summary>When the citizen sees a payment: "typisk efter 4 sekunder", or, unmeasured, without a figure.</summary>
    public string ShownAfter => Measured
        ? $"typisk efter {DanishText.Duration(facts.Speed.Median!.Value)}"
        : "så snart debitorsystemet har meldt den (FeeBridge har ikke målt hastigheden endnu)";

    /// <summary>The figure with what it rests on.</summary>
    public string SpeedLong => Measured
        ? $"typisk {DanishText.Duration(facts.Speed.Median!.Value)}, 95 % inden for {DanishText.Duration(facts.Speed.P95!.Value)} " +
          $"(målt af FeeBridge på {facts.Speed.Payments.ToString("N0", DanishText.Culture)} betalinger de seneste {facts.Speed.Days} dage)"
        : $"FeeBridge har ikke målt nogen betalinger de seneste {facts.Speed.Days} dage, så der er intet tal at love";

    /// <summary>An address as people read it: without the scheme and a trailing slash.</summary>
    private static string Shown(string url)
    {
        var shown = url;
        foreach (var scheme in (string[])["https://", "http://"])
            if (shown.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) shown = shown[scheme.Length..];
        return shown.TrimEnd('/');
    }
}

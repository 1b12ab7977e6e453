namespace FeeBridge.Rollout.Communication.Drafts;

/// <summary>
/// The values a draft template may use, made from <see cref="MunicipalityFacts"/> as plain Liquid values
/// (dictionaries, lists, strings, numbers, booleans) — no .NET object reaches a template, so an editor can read only
/// what is listed here, never a property FeeBridge did not mean to show. Names are Danish, without æøå, as editors
/// write them: <c>kommune.navn</c>, <c>skaeringsdato</c>, <c>biblioteker[0].navn</c>, <c>hastighed.median</c> ….
/// </summary>
public static class DraftModel
{
    /// <summary>Every top-level name, for the editor's help and to report names that are not among them.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "kommune", "opsat", "biblioteker", "skaeringsdato", "foerste_skaeringsdato", "har_minimum", "minimum", "betalingsside",
        "erstatning_uden_kvittering", "betalingsfrist_dage", "hastighed",
    ];

    public static IReadOnlyDictionary<string, object> Of(MunicipalityFacts facts)
    {
        var libraries = facts.Libraries.Select(l => (object)new Dictionary<string, object>
        {
            ["navn"] = l.Name,
            ["skaeringsdato"] = DanishText.Date(l.CutOverDate),
            ["spaerregraense"] = DanishText.Kroner(l.BlockThresholdOre),
        }).ToList();
        var dates = facts.Libraries.Select(l => l.CutOverDate).Distinct().ToList();
        var speed = facts.Speed;
        return new Dictionary<string, object>
        {
            ["kommune"] = new Dictionary<string, object> { ["kode"] = facts.Code, ["navn"] = facts.Name },
            ["opsat"] = facts.IsConfigured,
            ["biblioteker"] = libraries,
            // One date when the libraries share it; otherwise empty, and a template lists biblioteker instead.
            ["skaeringsdato"] = dates.Count == 1 ? DanishText.Date(dates[0]) : "",
            // The earliest, for a short text (an SMS) that cannot list every library.
            ["foerste_skaeringsdato"] = dates.Count > 0 ? DanishText.Date(dates.Min()) : "",
            ["har_minimum"] = facts.Rules is { MinimumOre: > 0 },
            ["minimum"] = facts.Rules is { } r ? DanishText.Kroner(r.MinimumOre) : "",
            ["betalingsside"] = facts.PaymentSite ?? "",
            ["erstatning_uden_kvittering"] = facts.Rules?.UnacknowledgedCompensation switch
            {
                CompensationRule.SentAsCivilClaim => "sendes til kommunen som civilt krav",
                CompensationRule.StaysWithLibrary => "bliver hos biblioteket",
                _ => "",
            },
            ["betalingsfrist_dage"] = facts.Rules?.PaymentDays ?? 0,
            ["hastighed"] = new Dictionary<string, object>
            {
                ["maalt"] = speed.IsMeasured,
                ["median"] = speed.Median is { } m ? DanishText.Duration(m) : "",
                ["p95"] = speed.P95 is { } p ? DanishText.Duration(p) : "",
                ["betalinger"] = speed.Payments.ToString("N0", DanishText.Culture),
                ["dage"] = speed.Days,
            },
        };
    }
}

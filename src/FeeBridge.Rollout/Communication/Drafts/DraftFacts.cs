namespace FeeBridge.Rollout.Communication.Drafts;

/// <summary>One fact a draft is written from, as a reader sees it: a stable key, a Danish label and the shown value.</summary>
/// <param name="Key">Stable across changes of the value, e.g. <c>bibliotek.722300.skaeringsdato</c>.</param>
/// <param name="Label">"Skæringsdato for Hørsholm Bibliotek".</param>
/// <param name="Value">"1. marts 2027" — the value is the fact's fingerprint: what is compared, and what is shown as old → new.</param>
public sealed record DraftFact(string Key, string Label, string Value);

/// <summary>A fact that differs from what a draft was last seen with; <c>Before</c> null for a new fact, <c>After</c> null for one gone.</summary>
public sealed record FactChange(string Key, string Label, string? Before, string? After);

/// <summary>
/// The facts the drafts are written from (issue 16: "when a fact changes — a new cut-over date — the drafts show that
/// they changed"), as the words they appear in: a change that does not change what a reader sees (4,2 → 4,4 seconds,
/// both "5 sekunder") is no change. Compared with those a draft was last approved or seen with.
/// </summary>
public static class DraftFacts
{
    public static IReadOnlyList<DraftFact> Of(MunicipalityFacts facts)
    {
        var list = new List<DraftFact> { new("kommune.navn", "Kommunens navn", facts.Name) };
        foreach (var l in facts.Libraries)
        {
            list.Add(new($"bibliotek.{l.AgencyId}.navn", $"Navn på bibliotek {l.AgencyId}", l.Name));
            list.Add(new($"bibliotek.{l.AgencyId}.skaeringsdato", $"Skæringsdato for {l.Name}", DanishText.Date(l.CutOverDate)));
            list.Add(new($"bibliotek.{l.AgencyId}.spaerregraense", $"Spærregrænse for {l.Name}", DanishText.Kroner(l.BlockThresholdOre)));
        }
        if (facts.Rules is { } r)
        {
            list.Add(new("minimum", "Minimum", r.MinimumOre > 0 ? DanishText.Kroner(r.MinimumOre) : "intet minimum"));
            list.Add(new("betalingsfrist", "Betalingsfrist", $"{r.PaymentDays} dage"));
            list.Add(new("erstatning", "Erstatning uden kvittering", r.UnacknowledgedCompensation == CompensationRule.SentAsCivilClaim ? "civilt krav hos kommunen" : "bliver hos biblioteket"));
        }
        list.Add(new("betalingsside", "Betalingsside", facts.PaymentSite ?? "ikke sat op"));
        list.Add(new("hastighed.median", "Målt hastighed, typisk", facts.Speed is { IsMeasured: true, Median: { } m } ? DanishText.Duration(m) : "ikke målt"));
        list.Add(new("hastighed.p95", "Målt hastighed, 95 %", facts.Speed is { IsMeasured: true, P95: { } p } ? DanishText.Duration(p) : "ikke målt"));
        return list;
    }

    /// <summary>What differs between the facts seen and those now, in the order of <paramref name="now"/>, then those gone.</summary>
    public static IReadOnlyList<FactChange> Changes(IReadOnlyList<DraftFact> seen, IReadOnlyList<DraftFact> now)
    {
        var before = seen.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var after = now.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var changes = new List<FactChange>();
        foreach (var f in now)
        {
            if (!before.TryGetValue(f.Key, out var old)) changes.Add(new(f.Key, f.Label, null, f.Value));
            else if (!string.Equals(old.Value, f.Value, StringComparison.Ordinal)) changes.Add(new(f.Key, f.Label, old.Value, f.Value));
        }
        changes.AddRange(seen.Where(f => !after.Contains(f.Key)).Select(f => new FactChange(f.Key, f.Label, f.Value, null)));
        return changes;
    }
}

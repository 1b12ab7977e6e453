namespace FeeBridge.Rollout.Selection;

/// <summary>
/// Turns panel probabilities into <see cref="Lottery.Size"/> equally likely tickets. Largest remainder (Hamilton's
/// method): each panel first gets ⌊1000·p⌋ tickets, and the tickets left go one each to the panels with the largest
/// fractional parts, ties to the panel listed first. Deterministic — the reference implementation (sortition-algorithms)
/// floors the same way but hands out the rest by pipage rounding, at random. Every ticket is a compliant panel, so the
/// quotas hold whatever the rounding; a chance moves by less than 1/1000 per panel holding that applicant whose
/// count was rounded (the result reports the largest such move).
/// </summary>
public static class LotteryRounding
{
    /// <summary>Tickets per panel, summing to <paramref name="tickets"/>.</summary>
    public static int[] Round(IReadOnlyList<double> probabilities, int tickets = Lottery.Size)
    {
        var scaled = probabilities.Select(p => p * tickets).ToArray();
        var counts = scaled.Select(s => (int)Math.Floor(s)).ToArray();
        var left = tickets - counts.Sum();
        foreach (var j in Enumerable.Range(0, scaled.Length).OrderByDescending(j => scaled[j] - counts[j]).ThenBy(j => j).Take(Math.Max(0, left)))
            counts[j]++;
        return counts;
    }
}

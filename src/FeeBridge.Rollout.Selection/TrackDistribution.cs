namespace FeeBridge.Rollout.Selection;

/// <summary>How a track's distribution was found.</summary>
public enum SelectionMethod
{
    /// <summary>Everyone fits: one panel, everyone's chance is 1.</summary>
    Everyone,
    /// <summary>LEXIMIN to the end: the smallest chance as high as it can be, then the next smallest, and so on.</summary>
    Leximin,
    /// <summary>The time limit came first: the smallest chance as high as the panels found allow (MAXIMIN), the rest not levelled.</summary>
    Maximin,
}

/// <summary>
/// A lottery over quota-compliant panels: <see cref="Probabilities"/>[j] for <see cref="Panels"/>[j] (they sum to 1),
/// and each applicant's chance (<see cref="Marginals"/>, indexed like the pool). <see cref="PanelsGenerated"/> counts
/// every panel the column generation found, <see cref="OracleCalls"/> the integer programs solved.
/// </summary>
public sealed record TrackDistribution(
    IReadOnlyList<Panel> Panels,
    IReadOnlyList<double> Probabilities,
    IReadOnlyList<double> Marginals,
    SelectionMethod Method,
    int PanelsGenerated,
    int OracleCalls,
    int Stages)
{
    /// <summary>The smallest chance of anyone in the pool (0 for an empty pool).</summary>
    public double MinProbability => Marginals.Count == 0 ? 0 : Marginals.Min();

    /// <summary>The largest chance of anyone in the pool.</summary>
    public double MaxProbability => Marginals.Count == 0 ? 0 : Marginals.Max();

    /// <summary>Each member's chance under panel probabilities <paramref name="probabilities"/>.</summary>
    internal static double[] MarginalsOf(int members, IReadOnlyList<Panel> panels, IReadOnlyList<double> probabilities)
    {
        var m = new double[members];
        for (var j = 0; j < panels.Count; j++)
            foreach (var i in panels[j].Members) m[i] += probabilities[j];
        return m;
    }
}

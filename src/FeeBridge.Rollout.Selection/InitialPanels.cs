namespace FeeBridge.Rollout.Selection;

/// <summary>
/// A first, varied set of panels, so column generation starts near its answer: multiplicative weights (each round
/// the panel of largest weight; its members' weights shrink by 0.8, a repeat evens all weights out a little), then
/// one panel for each applicant no panel holds yet — or the finding that no compliant panel can hold them. The
/// reference starts the weights at random; here they start equal and differ only by the members' order
/// (1 − 0.01·i/n), so the same pool always gets the same panels.
/// </summary>
internal static class InitialPanels
{
    public static List<Panel> Find(TrackPool pool, PanelOracle oracle, int rounds, out bool[] coverable)
    {
        var n = pool.Members.Count;
        var weights = Enumerable.Range(0, n).Select(i => 1 - 0.01 * i / n).ToArray();
        var panels = new List<Panel>();
        var known = new HashSet<Panel>();
        coverable = new bool[n];
        for (var round = 0; round < rounds; round++)
        {
            var panel = oracle.Best(weights);
            if (panel is null) return panels; // no compliant panel at all
            if (known.Add(panel))
            {
                panels.Add(panel);
                foreach (var i in panel.Members) { weights[i] *= 0.8; coverable[i] = true; }
            }
            else
            {
                for (var i = 0; i < n; i++) weights[i] = 0.9 * weights[i] + 0.1;
            }
            var sum = weights.Sum();
            for (var i = 0; i < n; i++) weights[i] *= n / sum;
        }
        for (var i = 0; i < n; i++)
        {
            if (coverable[i]) continue;
            if (oracle.Containing(i) is not { } panel) continue;
            if (known.Add(panel)) panels.Add(panel);
            foreach (var m in panel.Members) coverable[m] = true;
        }
        return panels;
    }
}

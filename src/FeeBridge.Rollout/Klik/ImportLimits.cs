namespace FeeBridge.Rollout.Klik;

/// <summary>
/// How much the importer reads before refusing (a KLIK task is a page or two: sources/000-003 are under 10 kB).
/// The limits keep a hostile or mistaken upload from costing more than a moment.
/// </summary>
public sealed record ImportLimits(int MaxTextBytes, int MaxTextCharacters, int MaxPdfBytes, int MaxPdfPages, int MaxLines)
{
    /// <summary>2 MB of text, 10 MB and 50 pages of PDF, 20,000 lines.</summary>
    public static ImportLimits Default { get; } = new(2 * 1024 * 1024, 2 * 1024 * 1024, 10 * 1024 * 1024, 50, 20_000);
}

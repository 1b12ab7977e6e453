namespace FeeBridge.Rollout.Selection;

/// <summary>
/// How long LEXIMIN may run per track before MAXIMIN over the panels found so far is taken instead, and how many
/// rounds of multiplicative weights seed the panels (more rounds: fewer column-generation steps later).
/// </summary>
public sealed record SelectionOptions(TimeSpan TimeLimit, int InitialRoundsPerApplicant = 1)
{
    /// <summary>60 s per track, one seeding round per applicant.</summary>
    public static SelectionOptions Default { get; } = new(TimeSpan.FromSeconds(60));

    internal int InitialRounds(int members) => Math.Max(1, InitialRoundsPerApplicant * members);
}

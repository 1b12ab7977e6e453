namespace FeeBridge.Rollout.Projects;

/// <summary>Compares names the way a reader does: case and runs of white space do not make two names different.</summary>
internal static class Wording
{
    public static bool SameText(string a, string b) =>
        string.Equals(Collapse(a), Collapse(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>Trims and turns every run of white space into one space.</summary>
    public static string Collapse(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

namespace FeeBridge.Rollout.Communication.Drafts;

/// <summary>The drafts FeeBridge writes first, per channel, before a municipality edits them (embedded Liquid templates).</summary>
public static class DefaultDrafts
{
    /// <summary>The text for the library's self-service site: which lists it shows, paying needs MitID, older claims, how fast a payment shows.</summary>
    public static string Website { get; } = Read("website.liquid");

    private static string Read(string name)
    {
        using var stream = typeof(DefaultDrafts).Assembly.GetManifestResourceStream("FeeBridge.Rollout.Drafts." + name)
            ?? throw new InvalidOperationException($"The draft {name} is missing from the build.");
        return new StreamReader(stream).ReadToEnd();
    }
}

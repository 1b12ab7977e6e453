using System.Collections.Concurrent;

namespace FeeBridge.Rollout.Communication.Drafts;

/// <summary>The drafts FeeBridge writes first, per channel, before a municipality edits them (embedded Liquid templates).</summary>
public static class DefaultDrafts
{
    private static readonly ConcurrentDictionary<string, string> Read = new(StringComparer.Ordinal);

    /// <summary>The text for the library's self-service site: which lists it shows, paying needs MitID, older claims, how fast a payment shows.</summary>
    public static string Website => For(DraftChannels.Website.Id);

    /// <summary>The default template of a channel (<see cref="DraftChannels"/>), by its id.</summary>
    public static string For(string channelId) => Read.GetOrAdd(channelId, static id =>
    {
        using var stream = typeof(DefaultDrafts).Assembly.GetManifestResourceStream("FeeBridge.Rollout.Drafts." + id + ".liquid")
            ?? throw new InvalidOperationException($"The draft {id}.liquid is missing from the build.");
        return new StreamReader(stream).ReadToEnd();
    });
}

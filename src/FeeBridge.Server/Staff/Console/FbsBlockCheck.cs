using System.Collections.Concurrent;
using System.Globalization;
using FeeBridge.Application;
using FeeBridge.Application.LibrarySystem;
using FeeBridge.LibrarySystem.Fbs;

namespace FeeBridge.Server.Staff.Console;

/// <summary>What FBS says of a patron's block, when it could be asked.</summary>
/// <param name="Asked">False when FBS is not this agency's library system, or the patron id is not an FBS id.</param>
/// <param name="Blocked">FBS's own <c>E</c> block; null when FBS was not asked, did not answer or does not know the patron.</param>
public sealed record FbsBlockView(bool Asked, bool? Blocked, string Detail, DateTimeOffset? AsOf);

/// <summary>
/// Asks FBS (its patron call) whether it blocks a patron for fees, so the desk sees whether FBS's block matches what
/// is owed. Kept briefly per patron, and bounded in time: the desk's page never waits long for FBS.
/// </summary>
public sealed class FbsBlockCheck(LibraryConnections connections, Tenants tenants, TimeProvider clock, ILogger<FbsBlockCheck> log)
{
    private static readonly TimeSpan Keep = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<(string, long), FbsBlockView> _recent = new();

    public async Task<FbsBlockView> ForAsync(string agencyId, string patronId, CancellationToken ct)
    {
        if (!tenants.UsesFbs(agencyId)) return new(false, null, "The library system is not FBS.", null);
        if (!long.TryParse(patronId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return new(false, null, "The patron id is not an FBS patron id.", null);
        if (connections.Fbs is not { } fbs) return new(false, null, "FeeBridge has no connection to FBS.", null);
        var now = clock.GetUtcNow();
        if (_recent.TryGetValue((agencyId, id), out var known) && known.AsOf is { } at && now - at < Keep) return known;

        FbsBlockView view;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            var blocks = await fbs.PatronBlocksAsync(agencyId, id, timeout.Token);
            view = blocks.Known
                ? new(true, blocks.BlockedForFees, blocks.BlockedForFees ? "FBS blocks the patron for fees (E)." : "FBS does not block the patron for fees.", now)
                : new(true, null, "FBS does not know the patron.", now);
        }
        catch (Exception e) when (e is TransientLibraryFailure or LibraryRefusal or OperationCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning("FBS did not answer a block look-up for agency {Agency}: {Reason}", agencyId, e.GetType().Name);
            return new(true, null, "FBS did not answer.", null);
        }
        if (_recent.Count > 10_000) _recent.Clear();
        _recent[(agencyId, id)] = view;
        return view;
    }
}

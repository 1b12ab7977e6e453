using System.Collections.Concurrent;
using FeeBridge.DebtorSystem;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.Domain.Claims;
using FeeBridge.Application.DebtorSystem;
using FeeBridge.Application;

namespace FeeBridge.Application.Claims;

/// <summary>What the debtor system said of one debtor's claims, and how fresh that is.</summary>
/// <param name="Claims">By <c>FagsystemFordringId</c>; null when it never answered.</param>
/// <param name="AsOf">When it last answered.</param>
/// <param name="UnreachableSince">Set while it does not answer: since when.</param>
public sealed record DebtorSystemView(IReadOnlyDictionary<string, ForespoergselFordring>? Claims, DateTimeOffset? AsOf, DateTimeOffset? UnreachableSince)
{
    /// <summary>Two answers (two liable parties) as one: every claim of either, as old as the older, unreachable if either is.</summary>
    public static DebtorSystemView Merge(DebtorSystemView a, DebtorSystemView b) => new(
        a.Claims is null || b.Claims is null ? a.Claims ?? b.Claims : a.Claims.Concat(b.Claims).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Value),
        a.AsOf is null || b.AsOf is null ? null : (a.AsOf < b.AsOf ? a.AsOf : b.AsOf),
        a.UnreachableSince ?? b.UnreachableSince);
}

/// <summary>
/// Interest and reminder fees are the debtor system's own figures: asked for with <c>DebitorForespoergsel</c> (by the
/// liable person or organisation) and kept briefly, so a busy desk or page does not hammer the debtor system. When
/// it does not answer, the last answer is given with its time, and since when it has been unreachable.
/// </summary>
public sealed class DebtorBalances(DebtorSystemConnections connections, FeeBridgeOptions options, TimeProvider clock, ILogger<DebtorBalances> log)
{
    private readonly ConcurrentDictionary<(string Municipality, DebtorId Party), Entry> _cache = new();

    private sealed record Entry(DebtorSystemView View, DateTimeOffset Expires);

    public async Task<DebtorSystemView> ForAsync(Kommunekode municipality, DebtorId party, CancellationToken ct)
    {
        var key = (municipality.Value, party);
        var now = clock.GetUtcNow();
        _cache.TryGetValue(key, out var cached);
        if (cached is not null && now < cached.Expires) return cached.View;

        DebtorSystemView view;
        try
        {
            view = new DebtorSystemView(await InquireAsync(municipality, party, ct), now, null);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Never the party in the log: it may be a CPR number.
            log.LogWarning("The debtor system of municipality {Municipality} did not answer a balance look-up: {Reason}", municipality, e.GetType().Name);
            view = new DebtorSystemView(cached?.View.Claims, cached?.View.AsOf, cached?.View.UnreachableSince ?? now);
        }
        // Kept for 75-100 % of the cache time, at random: answers fetched together (a busy morning, a benchmark's
        // warm-up) do not all expire together and ask the debtor system again in one burst.
        _cache[key] = new Entry(view, now + TimeSpan.FromSeconds(options.Balance.CacheSeconds * (0.75 + 0.25 * Random.Shared.NextDouble())));
        return view;
    }

    private async Task<Dictionary<string, ForespoergselFordring>> InquireAsync(Kommunekode municipality, DebtorId party, CancellationToken ct)
    {
        var connection = connections.For(municipality.Value) ?? throw new TransientDebtorSystemFailure("No connection to this debtor system.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(options.Balance.TimeoutMilliseconds));
        var claims = new Dictionary<string, ForespoergselFordring>(StringComparer.Ordinal);
        string? next = null;
        for (var page = 0; page < 20; page++)
        {
            var answer = await connection.Client.InquireAsync(connection.Endpoint,
                new DebitorForespoergsel(municipality, DebtorSystemDispatcher.AnvenderSystemId, new Party(party.Cpr, party.Cvr, null), 100, next), timeout.Token);
            foreach (var c in answer.Fordringer) claims[c.FagsystemFordringId] = c;
            next = answer.Fortsaettelse;
            if (next is null) break;
        }
        return claims;
    }
}

using System.Globalization;
using FeeBridge.Persistence;

namespace FeeBridge.Application.Observability;

/// <summary>What the page says about how fast a payment shows, and the measurement behind it.</summary>
/// <param name="Payments">Payments measured (the last <paramref name="Days"/> days).</param>
/// <param name="Median">Half of them showed within this.</param>
/// <param name="P95">95 % showed within this.</param>
public sealed record PaymentSpeedStatement(int Payments, int Days, TimeSpan? Median, TimeSpan? P95, string Text);

/// <summary>
/// Measures, from FeeBridge's own inbox, how long payments took from the debtor system's report to being on the claim
/// (and so on this page, and on their way to the library). Worked out at most once per
/// <c>Citizen:SpeedCacheSeconds</c>.
/// </summary>
public sealed class PaymentSpeed(FeeBridgeStore store, Tenants tenants, TimeProvider clock, FeeBridgeOptions options)
{
    private const int Days = 7;
    private const int MaxSamples = 10_000;
    private sealed record Measured(PaymentSpeedStatement Statement, DateTimeOffset At);
    private volatile Measured? _last;

    public async Task<PaymentSpeedStatement> StatementAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_last is { } last && now - last.At < TimeSpan.FromSeconds(options.Citizen.SpeedCacheSeconds)) return last.Statement;
        var samples = (await store.Inbox.PaymentApplyMillisecondsAsync(tenants.Municipalities.Select(m => m.Code.Value), now.AddDays(-Days), MaxSamples, ct)).Order().ToList();
        var statement = Describe(samples);
        _last = new Measured(statement, now);
        return statement;
    }

    /// <summary>The statement for measured durations (milliseconds, ascending).</summary>
    public static PaymentSpeedStatement Describe(IReadOnlyList<long> ascendingMilliseconds)
    {
        if (ascendingMilliseconds.Count == 0)
            return new PaymentSpeedStatement(0, Days, null, null,
                "Der er ikke målt nogen betalinger de seneste 7 dage. En betaling vises her, så snart kommunens system har meldt den til os.");
        var median = TimeSpan.FromMilliseconds(Percentile(ascendingMilliseconds, 0.50));
        var p95 = TimeSpan.FromMilliseconds(Percentile(ascendingMilliseconds, 0.95));
        var count = ascendingMilliseconds.Count.ToString("N0", CultureInfo.GetCultureInfo("da-DK"));
        return new PaymentSpeedStatement(ascendingMilliseconds.Count, Days, median, p95,
            $"Når kommunen har registreret en betaling, vises den her typisk efter {Duration(median)}, og 95 % af betalingerne inden for {Duration(p95)} " +
            $"(målt på {count} betalinger de seneste 7 dage). Biblioteket får besked samtidig, så en spærring for gebyrer ophæves.");
    }

    // Nearest rank: the smallest value with at least p of the samples at or below it.
    private static long Percentile(IReadOnlyList<long> ascending, double p) =>
        ascending[Math.Clamp((int)Math.Ceiling(p * ascending.Count) - 1, 0, ascending.Count - 1)];

    /// <summary>Rounded up, in words: "under 1 sekund", "4 sekunder", "2 minutter", "3 timer" (the rollout's texts use the same words).</summary>
    public static string Duration(TimeSpan t) => global::FeeBridge.Rollout.Communication.DanishText.Duration(t);
}

using FeeBridge.DebtorSystem.Contract;
using FeeBridge.Domain.Claims;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Inbox;

/// <summary>
/// Counts the work, not the time: <see cref="ClaimState.EventsFolded"/> is process-wide, so these run alone
/// (after every parallel test) and nothing else folds meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkCounters
{
    public const string Name = "work counters";
}

/// <summary>
/// Issue 14: one delivery of 2,000 reports for one claim took three minutes to apply and stalled the Claims API,
/// because every report refolded the claim's whole history (and every batch read it again). Applying n reports to a
/// claim must cost O(n): each event folded a few times at most, the history read once.
/// </summary>
[Collection(WorkCounters.Name)]
public abstract class ApplyCostTests(StoreKind kind) : IDisposable
{
    private const int N = 2000;
    // No dispatcher: the claim stays queued, and nothing but the applier reads it while the reports are applied.
    private readonly FeeBridgeHost _host = new(kind, settings: new()
    {
        ["FeeBridge:Inbox:PollMilliseconds"] = "20", ["FeeBridge:Dispatcher:Enabled"] = "false",
    });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task TwoThousandReportsOnOneClaim_FoldEachEventAFewTimes_AndReadTheHistoryOnce()
    {
        var library = _host.Library();
        (await library.PutClaim("710100", "hot", ClaimBodies.Fee(patronId: "P-hot", amount: "120.00"))).EnsureSuccessStatusCode();
        var id = "710100-hot";
        var delivery = Enumerable.Range(0, N).Select(i => Reports.Of(id, HaendelseType.Daekning, "0.01", Money.FromOre(12000 - i - 1).ToString())).ToArray();

        var readBefore = _host.Store.Ledger.EventsRead;
        var foldedBefore = ClaimState.EventsFolded;
        var started = DateTime.UtcNow;
        (await _host.CreateClient().SendAsync("101", delivery)).ShouldAllBe(k => k.Status == HaendelseStatus.Modtaget);
        Console.WriteLine($"{kind}: received in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        await Eventually.Until(() => _host.Store.Inbox.CountsAsync(default), c => c.GetValueOrDefault("applied") == N, 120);
        var read = _host.Store.Ledger.EventsRead - readBefore;
        var folded = ClaimState.EventsFolded - foldedBefore;

        // Per report refolded: about N²/2 = 2,000,000 events folded; read again per batch of 200: about 11,000 read.
        folded.ShouldBeLessThanOrEqualTo(4L * N, $"{folded} events folded for {N} reports");
        read.ShouldBeLessThanOrEqualTo(N, $"{read} stored events read for {N} reports");
        var took = DateTime.UtcNow - started;
        var claim = await library.GetClaim("710100", "hot");
        ((string)claim["paid"]!).ShouldBe("20.00");
        ((bool)claim["needsReconciliation"]!).ShouldBeFalse();
        Console.WriteLine($"{kind}: {N} reports received and applied in {took.TotalSeconds:F1} s; {folded} events folded, {read} read");
    }

    /// <summary>
    /// Deliveries at once on one claim (a busy debtor system): each takes the claim from memory, waits for its patron's
    /// lock and finds the claim moved on by the one before. What moved it was a delivery of this process, so the
    /// claim as that one committed it is in memory too: the history is not read again per delivery (in
    /// <c>bench/run.sh feedback</c> about a tenth less CPU per report; docs/performance.md, 2026-12-04).
    /// </summary>
    [Fact]
    public async Task DeliveriesAtOnceOnOneClaim_TakeItFromMemory_NotOneHistoryReadEach()
    {
        const int History = 400, AtOnce = 16;
        var library = _host.Library();
        (await library.PutClaim("710100", "busy", ClaimBodies.Fee(patronId: "P-busy", amount: "120.00"))).EnsureSuccessStatusCode();
        var id = "710100-busy";
        var client = _host.CreateClient();
        (await client.SendAsync("101", Enumerable.Range(0, History).Select(i => Reports.Of(id, HaendelseType.Daekning, "0.01", Money.FromOre(12000 - i - 1).ToString())).ToArray()))
            .ShouldAllBe(k => k.Status == HaendelseStatus.Modtaget);

        var readBefore = _host.Store.Ledger.EventsRead;
        var answers = await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(i =>
            _host.CreateClient().SendAsync("101", Reports.Of(id, HaendelseType.Daekning, "1.00", "0.00"))));
        var read = _host.Store.Ledger.EventsRead - readBefore;

        answers.ShouldAllBe(a => a.Single().Status == HaendelseStatus.Modtaget);
        ((string)(await library.GetClaim("710100", "busy"))["paid"]!).ShouldBe("20.00");
        // Read again per delivery that found the claim moved on: up to (AtOnce − 1) × History events. A read remains
        // where a delivery takes the lock in the instant between the other's commit and its remembering the claim.
        Console.WriteLine($"{kind}: {AtOnce} deliveries at once read {read} stored events");
        read.ShouldBeLessThan(AtOnce / 4 * History, $"{read} stored events read for {AtOnce} deliveries of one report");
    }
}

[Trait("store", "sqlite")]
public sealed class ApplyCostOnSqlite() : ApplyCostTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class ApplyCostOnPostgres() : ApplyCostTests(StoreKind.Postgres);

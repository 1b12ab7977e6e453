using FeeBridge.Persistence;
using FeeBridge.Application;
using FeeBridge.Application.Workers;

namespace FeeBridge.Application.Inbox;

/// <summary>
/// Applies stored reports to the ledger: leases a batch from the inbox (several processes share the work), applies
/// it in one transaction, and wakes the library-side delivery. A process that dies mid-batch leaves the rows to be
/// leased again when the lease ends; the ledger takes each <c>HaendelseId</c> once.
/// </summary>
public sealed class DebtorReportApplier(FeeBridgeStore store, FeeBridgeOptions options, TimeProvider clock, InboxSignal inbox, NoticeSignal notices, ILogger<DebtorReportApplier> log)
    : LeasedWorker(log)
{
    private readonly string _owner = LeaseOwner.New();

    protected override bool Enabled => options.Inbox.ApplyEnabled;

    // Several loops: while one waits for its commit, another applies.
    protected override int Loops => options.Inbox.Workers;

    protected override string FailureText => "Applying debtor-system reports failed; trying again.";

    protected override async Task<bool> RoundAsync(CancellationToken ct)
    {
        var o = options.Inbox;
        var batch = await store.Inbox.LeaseAsync(_owner, o.BatchSize, clock.GetUtcNow(), TimeSpan.FromSeconds(o.LeaseSeconds), ct);
        if (batch.Count == 0) return false;
        await store.Inbox.ApplyAsync(batch, clock.GetUtcNow(), ct);
        notices.Wake();
        return true;
    }

    protected override Task IdleAsync(CancellationToken ct) => inbox.WaitAsync(TimeSpan.FromMilliseconds(options.Inbox.PollMilliseconds), ct);
}

using FeeBridge.Persistence;
using FeeBridge.Application;
using FeeBridge.Application.Workers;

namespace FeeBridge.Application.Inbox;

/// <summary>
/// Applies stored reports to the ledger: takes a batch from the inbox and applies it in one transaction (several
/// processes share the work: the rows are locked, and others skip them), then wakes the library-side delivery. A
/// process that dies mid-batch rolls back, leaving the rows pending; the ledger takes each <c>HaendelseId</c> once.
/// </summary>
public sealed class DebtorReportApplier(FeeBridgeStore store, FeeBridgeOptions options, TimeProvider clock, InboxSignal inbox, NoticeSignal notices, ILogger<DebtorReportApplier> log)
    : LeasedWorker(log)
{
    protected override bool Enabled => options.Inbox.ApplyEnabled;

    // Several loops: while one waits for its commit, another applies.
    protected override int Loops => options.Inbox.Workers;

    protected override string FailureText => "Applying debtor-system reports failed; trying again.";

    protected override async Task<bool> RoundAsync(CancellationToken ct)
    {
        if (await store.Inbox.ApplyNextAsync(options.Inbox.BatchSize, clock.GetUtcNow(), ct) == 0) return false;
        notices.Wake();
        return true;
    }

    protected override Task IdleAsync(CancellationToken ct) => inbox.WaitAsync(TimeSpan.FromMilliseconds(options.Inbox.PollMilliseconds), ct);
}

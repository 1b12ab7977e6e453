using FeeBridge.Application.Workers;

namespace FeeBridge.Application.Rollout.Sending;

/// <summary>
/// Runs <see cref="CommunicationSender"/> every <see cref="CommunicationOptions.IntervalSeconds"/>, and at once when a
/// send is recorded (<see cref="CommunicationSendSignal"/>). Several processes may run it: the delivery leases keep
/// them from sending to one recipient twice, and a process started after another stopped finishes its sends.
/// </summary>
public sealed class CommunicationSendWorker(CommunicationSender sender, CommunicationSendSignal signal, CommunicationOptions options,
    ILogger<CommunicationSendWorker> log) : LeasedWorker(log)
{
    protected override bool Enabled => true;

    protected override string FailureText => "Sending from the communication plan failed; trying again at the next round.";

    protected override async Task<bool> RoundAsync(CancellationToken ct)
    {
        var result = await sender.RunAsync(ct);
        if (result.Accepted + result.Failed + result.Reported + result.Completed > 0)
            log.LogInformation("Communication plan: {Accepted} sent, {Failed} refused, {Reported} SMS reported, {Completed} sends finished.",
                result.Accepted, result.Failed, result.Reported, result.Completed);
        return false;
    }

    protected override Task IdleAsync(CancellationToken ct) => signal.WaitAsync(TimeSpan.FromSeconds(Math.Max(1, options.IntervalSeconds)), ct);
}

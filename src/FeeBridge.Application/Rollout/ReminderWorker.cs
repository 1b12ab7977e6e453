using FeeBridge.Application.Workers;
using MimeKit;

namespace FeeBridge.Application.Rollout;

/// <summary>
/// Sends the deadline reminders (issue 15): a <see cref="ReminderRound"/> every
/// <see cref="ReminderOptions.IntervalSeconds"/>. Off without <see cref="MailOptions.Host"/>, and, with a word in the
/// log, when the sender or the reminder settings are wrong. Several processes may run it: the reminder log's leases
/// keep them from sending one reminder twice.
/// </summary>
public sealed class ReminderWorker(ReminderRound round, MailOptions options, ILogger<ReminderWorker> log) : LeasedWorker(log)
{
    private readonly Lazy<bool> _enabled = new(() => Check(options, log));

    protected override bool Enabled => _enabled.Value;

    protected override string FailureText => "Sending deadline reminders failed; trying again at the next round.";

    // One round per period: the schedule changes by the day, not by the minute.
    protected override async Task<bool> RoundAsync(CancellationToken ct)
    {
        var result = await round.RunAsync(ct);
        if (result.Sent + result.Bounced > 0)
            log.LogInformation("Deadline reminders: {Sent} sent, {Bounced} refused by the mail server, {Resent} of them sent again after an interruption.",
                result.Sent, result.Bounced, result.Resent);
        return false;
    }

    protected override Task IdleAsync(CancellationToken ct) => Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.Reminders.IntervalSeconds)), ct);

    private static bool Check(MailOptions options, ILogger log)
    {
        if (string.IsNullOrWhiteSpace(options.Host) || !options.Reminders.Enabled) return false;
        if (!MailboxAddress.TryParse(options.From, out _))
        {
            log.LogError("FeeBridge:Mail:From is not a mail address; no deadline reminders are sent.");
            return false;
        }
        var preferences = ReminderRound.PreferencesOf(options.Reminders);
        if (!preferences.IsAccepted)
        {
            log.LogError("FeeBridge:Mail:Reminders is wrong ({Problem}); no deadline reminders are sent.", preferences.ToString());
            return false;
        }
        return true;
    }
}

using System.Globalization;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Reminders;
using FeeBridge.Rollout.Workspace;
using MimeKit;

namespace FeeBridge.Application.Rollout;

/// <summary>What a round did: mails the server took, recipients it refused, reminders left for another round.</summary>
public sealed record ReminderRoundResult(int Sent, int Bounced, int Resent, int Skipped);

/// <summary>
/// One look at the schedule: every open task with a deadline, for its accountable and its performer, gives at most
/// the reminder due now by that person's own choices (<see cref="ReminderPreferenceStore"/>; the deployment's
/// <see cref="ReminderOptions"/> for whoever made none) (<see cref="ReminderSchedule.DueNow(MunicipalTask, EmailAddress, ReminderPreferences, DateTimeOffset)"/>),
/// and each is sent once through the SMTP server.
/// <para>
/// Once, whatever happens to the process: SMTP offers no exactly-once, so the choice is where the gap sits. Recording
/// after sending is at-least-once, and a crash between the two mails the person again on every restart, silently.
/// Recording before, and nothing more, is at-most-once: a crash in between loses the reminder, silently. So the key
/// is recorded first with a lease (<see cref="ReminderLog.ClaimAsync"/>) and confirmed after the server took the mail
/// (<see cref="ReminderLog.ConfirmAsync"/>); a reminder recorded and never confirmed is sent again by the first round
/// after the lease — nothing is lost. What remains is a crash in the moment between the server's "250 OK" and the
/// confirmation: then the person gets it twice, never silently (the resend is logged as one) and with the same
/// Message-Id, which mail programs that fold duplicates fold.
/// </para>
/// Addresses that bounced before are skipped (the municipality sees a warning in its role gallery; once the address
/// is corrected or the bounce cleared, the reminder due then goes out). Logs name tasks and kinds, never addresses.
/// </summary>
public sealed class ReminderRound(FeeBridgeStore store, MailOptions options, TimeProvider clock, ILogger<ReminderRound> log, IOwnAddress? self = null)
{
    /// <summary>The preferences from <see cref="ReminderOptions"/>, or the refusals saying why they are wrong.</summary>
    public static Outcome<ReminderPreferences> PreferencesOf(ReminderOptions o)
    {
        var days = new List<int>();
        foreach (var part in o.DaysBefore.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var d))
                return Outcome<ReminderPreferences>.Refuse("FeeBridge:Mail:Reminders:DaysBefore", $"'{part}' er ikke et antal dage.");
            days.Add(d);
        }
        if (!TimeOnly.TryParseExact(o.SendFrom, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
            return Outcome<ReminderPreferences>.Refuse("FeeBridge:Mail:Reminders:SendFrom", $"'{o.SendFrom}' er ikke et klokkeslæt (TT:MM).");
        return ReminderPreferences.Create(days, o.RepeatOverdueEveryDays == 0 ? null : o.RepeatOverdueEveryDays, from);
    }

    public async Task<ReminderRoundResult> RunAsync(CancellationToken ct)
    {
        var preferences = PreferencesOf(options.Reminders);
        if (!preferences.IsAccepted) throw new InvalidOperationException($"FeeBridge:Mail:Reminders is wrong: {preferences}");
        var from = MailboxAddress.Parse(options.From ?? throw new InvalidOperationException("FeeBridge:Mail:From is not set."));
        var now = clock.GetUtcNow();

        // Each person's own choices where they made them (one read per round), else the deployment's.
        var own = await store.Rollout.ReminderPreferences.AllAsync(null, ct);
        ReminderPreferences For(MunicipalTask task, EmailAddress person) =>
            own.TryGetValue((task.Municipality, person), out var p) ? p.Preferences : preferences.Value!;
        var due = (await store.Rollout.Tasks.OpenWithDeadlineAsync(ct))
            .SelectMany(task => PeopleOf(task).Select(person => (Task: task, Reminder: ReminderSchedule.DueNow(task, person, For(task, person), now))))
            .Where(d => d.Reminder is not null)
            .ToList();
        if (due.Count == 0) return new ReminderRoundResult(0, 0, 0, 0);

        var bounced = (await store.Rollout.Organisations.BouncedAsync([.. due.Select(d => d.Reminder!.Person).Distinct()], ct))
            .Select(b => b.Address).ToHashSet();
        int sent = 0, refused = 0, resent = 0, skipped = 0;
        var baseUrl = BaseUrl();
        await using var mailer = new SmtpMailer(options);
        foreach (var (task, reminder) in due)
        {
            if (bounced.Contains(reminder!.Person)) { skipped++; continue; }
            var (claim, attempt) = await store.Rollout.Reminders.ClaimAsync(reminder.IdempotencyKey, now, TimeSpan.FromSeconds(options.Reminders.LeaseSeconds), ct);
            if (claim == ReminderClaim.Skip) { skipped++; continue; }
            if (claim == ReminderClaim.Resend)
            {
                resent++;
                log.LogWarning("Reminder {Kind} for task {TaskId} of {Municipality} was recorded but never confirmed; sending it again (attempt {Attempt}). " +
                    "If the earlier attempt reached the mail server, the person gets it twice, with the same Message-Id.",
                    ReminderKinds.Id(reminder.Kind), task.TaskId, task.Municipality.Value, attempt);
            }

            var delivery = await mailer.SendAsync(ReminderMail.Compose(reminder, task, from, baseUrl), ct);
            var at = clock.GetUtcNow();
            if (delivery.Accepted)
            {
                await store.Rollout.Reminders.ConfirmAsync(reminder.IdempotencyKey, ReminderOutcome.Sent, at, ct);
                sent++;
                continue;
            }
            // Refused for good: the address is shown as bounced in the gallery; this reminder is settled, not retried.
            await store.Rollout.Organisations.RecordBounceAsync(reminder.Person, at, delivery.Refusal!, ct);
            await store.Rollout.Reminders.ConfirmAsync(reminder.IdempotencyKey, ReminderOutcome.Bounced, at, ct);
            refused++;
            log.LogWarning("The mail server refused the recipient of reminder {Kind} for task {TaskId} of {Municipality}; the address is marked as bounced.",
                ReminderKinds.Id(reminder.Kind), task.TaskId, task.Municipality.Value);
        }
        return new ReminderRoundResult(sent, refused, resent, skipped);
    }

    private static IEnumerable<EmailAddress> PeopleOf(MunicipalTask task) =>
        new[] { task.Accountable, task.Performer }.OfType<EmailAddress>().Distinct();

    private Uri? BaseUrl() =>
        !string.IsNullOrWhiteSpace(options.Reminders.PublicBaseUrl) ? new Uri(options.Reminders.PublicBaseUrl) : self?.Current;
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Communication.Plan;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;
using MimeKit;

namespace FeeBridge.Application.Rollout.Sending;

/// <summary>What a round did: recipients sent to (taken by the server or gateway), refused, SMS reported, sends finished.</summary>
public sealed record SendRoundResult(int Accepted, int Failed, int Reported, int Completed);

/// <summary>
/// Works off the communication plan's sends (issue 16 part 4). Each recipient is claimed with a lease before it is sent
/// to and settled after (<see cref="CommunicationSendStore"/>), so a process that stops mid-send leaves the rest to the
/// next round of any process, and no recipient is held by two. E-mail goes through the configured SMTP server
/// (<see cref="SmtpMailer"/>); a recipient refused for good (5xx) is failed with the server's reason and marked as
/// bounced, which the role gallery shows. SMS go to the <see cref="ISmsProvider"/>, are accepted or refused at once,
/// and are asked about until delivered or failed. What remains, as with the reminders, is a crash between the server's
/// "250 OK" and the settle: then the recipient gets it twice, with the same Message-Id (an SMS with the same client
/// reference, which a gateway answers with the first). When every recipient is settled the send is finished:
/// its plan row is marked done and the rollout task it belongs to (26 internal, or the external one) gets the
/// evidence "Sendt til N modtagere den …". Logs name sends, never addresses or numbers.
/// </summary>
public sealed class CommunicationSender(FeeBridgeStore store, MailOptions mail, CommunicationOptions options, TimeProvider clock,
    ILogger<CommunicationSender> log, ISmsProvider? sms = null)
{
    public const string Actor = "FeeBridge (afsendelse)";

    public bool CanMail => !string.IsNullOrWhiteSpace(mail.Host) && MailboxAddress.TryParse(mail.From, out _);
    public bool CanSms => sms is not null;

    public async Task<SendRoundResult> RunAsync(CancellationToken ct)
    {
        int accepted = 0, failed = 0, reported = 0, completed = 0;
        var sends = store.Rollout.CommunicationSends;
        var lease = TimeSpan.FromSeconds(Math.Max(1, options.LeaseSeconds));
        var work = await sends.UnsentAsync(clock.GetUtcNow(), ct);
        var cache = new Dictionary<string, StoredSend>(StringComparer.Ordinal);
        SmtpMailer? mailer = null;
        try
        {
            foreach (var item in work)
            {
                if (!await sends.ClaimAsync(item.SendId, item.Recipient, clock.GetUtcNow(), lease, ct)) continue;
                if (!cache.TryGetValue(item.SendId, out var send)) cache[item.SendId] = send = (await sends.FindAsync(item.SendId, ct))!;
                try
                {
                    var ok = item.Channel == "sms"
                        ? await SubmitSmsAsync(send, item.Recipient, ct)
                        : await MailAsync(send, item.Recipient, mailer ??= new SmtpMailer(mail), ct);
                    if (ok) accepted++; else failed++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Unreachable server, 4xx, time-out: the recipient stays held until its lease ends, then is tried again.
                    log.LogWarning(e, "Sending {Channel} of send {SendId} to one recipient failed for now; it is tried again after the lease.", item.Channel, item.SendId);
                    if (mailer is not null) { await mailer.DisposeAsync(); mailer = null; }
                }
            }
        }
        finally
        {
            if (mailer is not null) await mailer.DisposeAsync();
        }

        if (sms is not null)
        {
            foreach (var item in await sends.AwaitingReportAsync(ct))
            {
                var send = cache.GetValueOrDefault(item.SendId) ?? (await sends.FindAsync(item.SendId, ct))!;
                var delivery = send.Deliveries.First(d => d.Recipient == item.Recipient);
                if (delivery.ProviderId is null) continue;
                var report = await sms.StatusAsync(delivery.ProviderId, ct);
                if (report.State == SmsReportState.Pending) continue;
                await sends.SettleAsync(item.SendId, item.Recipient, report.State == SmsReportState.Delivered ? DeliveryState.Delivered : DeliveryState.Failed,
                    report.Reason, null, clock.GetUtcNow(), ct);
                reported++;
            }
        }

        // The row and the evidence first, then the mark: "finished" means its consequences are written. Writing them
        // twice (two processes, or a crash before the mark) changes nothing: the row is done already, the evidence the same.
        foreach (var (municipality, sendId) in await sends.UncompletedAsync(ct))
        {
            await FinishAsync((await sends.FindAsync(municipality, sendId, ct))!, ct);
            if (await sends.CompleteAsync(sendId, clock.GetUtcNow(), ct)) completed++;
        }
        return new SendRoundResult(accepted, failed, reported, completed);
    }

    private async Task<bool> MailAsync(StoredSend send, string recipient, SmtpMailer mailer, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(mail.From!));
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = send.Subject ?? "";
        // The same Message-Id on a resend, so mail programs that fold duplicates fold it.
        message.MessageId = $"{send.SendId}.{Hash(recipient)}@feebridge";
        message.Body = new TextPart("plain") { Text = send.Text };
        var delivery = await mailer.SendAsync(message, ct);
        var at = clock.GetUtcNow();
        if (delivery.Accepted)
        {
            await store.Rollout.CommunicationSends.SettleAsync(send.SendId, recipient, DeliveryState.Accepted, null, null, at, ct);
            return true;
        }
        await store.Rollout.CommunicationSends.SettleAsync(send.SendId, recipient, DeliveryState.Failed, delivery.Refusal, null, at, ct);
        if (EmailAddress.TryParse(recipient, out var address, out _)) await store.Rollout.Organisations.RecordBounceAsync(address, at, delivery.Refusal!, ct);
        log.LogWarning("The mail server refused a recipient of send {SendId} of {Municipality}; the address is marked as bounced.", send.SendId, send.Municipality.Value);
        return false;
    }

    private async Task<bool> SubmitSmsAsync(StoredSend send, string number, CancellationToken ct)
    {
        if (sms is null) throw new InvalidOperationException("No SMS provider is configured.");
        var submission = await sms.SubmitAsync(number, send.Text, $"{send.SendId}:{Hash(number)}", ct);
        await store.Rollout.CommunicationSends.SettleAsync(send.SendId, number, submission.Accepted ? DeliveryState.Accepted : DeliveryState.Failed,
            submission.Refusal, submission.ProviderId, clock.GetUtcNow(), ct);
        return submission.Accepted;
    }

    /// <summary>The send is finished: its row done, its task's evidence written — when at least one recipient was reached.</summary>
    private async Task FinishAsync(StoredSend send, CancellationToken ct)
    {
        // Reached: taken by the mail server, or reported delivered by the SMS gateway (a finished SMS send has no 'accepted' left).
        var reached = send.Deliveries.Count(d => d.State is DeliveryState.Accepted or DeliveryState.Delivered);
        var at = clock.GetUtcNow();
        var row = await store.Rollout.CommunicationPlans.FindAsync(send.Municipality, send.RowId, ct);
        log.LogInformation("Send {SendId} of {Municipality} finished: {Reached} of {Total} recipients reached.", send.SendId, send.Municipality.Value, reached, send.Deliveries.Count);
        if (reached == 0 || row is null) return;
        if (row.Row.Status != PlanRowStatus.Done)
            await store.Rollout.CommunicationPlans.UpdateAsync(send.Municipality, row.Row with { Status = PlanRowStatus.Done }, null, new TaskActor(Actor, at), ct);
        var check = row.Row.Task == PlanTask.Internal ? EvidenceCheckId.InternalCommunicationSent : EvidenceCheckId.ExternalCommunicationSent;
        var what = send.Channel == "sms" ? "SMS" : $"e-mail «{send.Subject}»";
        var day = DanishText.Date(Domain.Routing.PaymentDeadline.LocalDate(send.CreatedAt));
        await store.Rollout.Evidence.SaveAsync(send.Municipality,
            [new EvidenceCheckResult(check, true, string.Create(CultureInfo.InvariantCulture, $"Sendt til {reached} {(reached == 1 ? "modtager" : "modtagere")} den {day} ({what}: {row.Row.Occasion})."), at)], ct);
    }

    private static string Hash(string recipient) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipient.ToLowerInvariant())))[..16];
}

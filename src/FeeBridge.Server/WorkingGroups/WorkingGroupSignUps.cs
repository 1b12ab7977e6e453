using System.Security.Cryptography;
using FeeBridge.Application;
using FeeBridge.Application.Rollout;
using FeeBridge.Persistence;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.WorkingGroups;
using FeeBridge.Server.Staff;
using MimeKit;

namespace FeeBridge.Server.WorkingGroups;

/// <summary>An application's answer: the decision, and for an accepted one whether the receipt went ("sent", "not-configured", "failed").</summary>
public sealed record SignUpResult(SignUpDecision Decision, string? Receipt);

/// <summary>
/// A project leader's application, for the API and the sign-up page alike: the municipality's gallery read, the rules
/// of <see cref="SignUpRules"/> decided under the group's lock with every application so far, the audit entry and the
/// receipt mail to the applicant (a mail that cannot go is logged; the application stands).
/// </summary>
public sealed class WorkingGroupSignUps(FeeBridgeStore store, StaffAudit audit, TimeProvider clock, MailOptions mail, ILogger<WorkingGroupSignUps> log, IOwnAddress? self = null)
{
    public async Task<SignUpResult> ApplyAsync(StaffUser user, WorkingGroup group, Kommunekode municipality, ApplicationDraft draft, CancellationToken ct)
    {
        var gallery = (await store.Rollout.Organisations.FindAsync(municipality, ct))?.Organisation ?? MunicipalOrganisation.Empty;
        var applicationId = NewApplicationId();
        var now = clock.GetUtcNow();
        var decision = await store.Rollout.WorkingGroups.ApplyAsync(group.Id,
            existing => SignUpRules.Decide(group, draft, municipality, gallery, existing, applicationId, user.UserName, now), ct);
        if (decision.Application is not { } a) return new SignUpResult(decision, null);
        await audit.RecordAsync(user, "rollout.working-group.applied", $"working-group/{group.Id}/{a.Id}", null, $"track {a.Track}, municipality {a.Municipality.Value}", ct);
        return new SignUpResult(decision, await SendReceiptAsync(group, a, ct));
    }

    // 48 random bits as 12 lower-case hex digits after "ans-": unguessable enough for an id that is no secret, and
    // nothing about the applicant in it.
    private static string NewApplicationId() => "ans-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    private async Task<string> SendReceiptAsync(WorkingGroup group, GroupApplication a, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(mail.Host) || string.IsNullOrEmpty(mail.From)) return "not-configured";
        try
        {
            await using var mailer = new SmtpMailer(mail);
            var baseUrl = !string.IsNullOrWhiteSpace(mail.Reminders.PublicBaseUrl) ? new Uri(mail.Reminders.PublicBaseUrl) : self?.Current;
            var delivery = await mailer.SendAsync(ApplicationReceiptMail.Compose(group, a, MailboxAddress.Parse(mail.From), baseUrl), ct);
            if (delivery.Accepted) return "sent";
            log.LogWarning("The receipt for application {ApplicationId} was refused: {Refusal}", a.Id, delivery.Refusal);
            return "failed";
        }
        catch (Exception e) when (e is IOException or MailKit.ProtocolException or MailKit.CommandException or System.Net.Sockets.SocketException or TimeoutException)
        {
            log.LogWarning("The receipt for application {ApplicationId} could not be sent: {Reason}", a.Id, e.Message);
            return "failed";
        }
    }
}

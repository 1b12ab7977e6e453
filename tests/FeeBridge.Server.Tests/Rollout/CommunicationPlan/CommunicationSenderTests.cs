using FeeBridge.Application;
using FeeBridge.Application.Rollout.Sending;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Communication.Plan;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Tests.Infrastructure;
using FeeBridge.Server.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeeBridge.Server.Tests.Rollout.CommunicationPlan;

/// <summary>
/// The sender's rounds on an injected clock (no waiting): an SMS is accepted by the sandbox gateway, stays accepted
/// while the gateway has not reported, and is delivered or failed once it has; only then is the send finished, its
/// row done and the external task's evidence dated with the day of the send in Copenhagen.
/// </summary>
public abstract class CommunicationSenderTests(StoreKind kind)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Kommunekode Vejen = Kommunekode.Parse("575");
    // 23:30 UTC on 31 December is already 1 January in Copenhagen.
    private static readonly DateTimeOffset T0 = new(2026, 12, 31, 23, 30, 0, TimeSpan.Zero);

    private static MunicipalityFacts Facts() => new("575", "Vejen Kommune", new MunicipalRules(10000, CompensationRule.StaysWithLibrary, 30),
        [new LibraryFacts("757500", "Vejen Bibliotekerne", new DateOnly(2027, 2, 1), 20000)], null, MeasuredPaymentSpeed.NotMeasured());

    [Fact]
    public async Task AnSms_WaitsForTheGatewaysReport_ThenTheSendFinishes_ItsRowDone_AndTheEvidenceDatedInCopenhagen()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var clock = new ManualClock(T0);
        var sender = new CommunicationSender(db.Store, new MailOptions(), new CommunicationOptions { LeaseSeconds = 60 }, clock,
            NullLogger<CommunicationSender>.Instance, new SandboxSmsProvider(clock));
        sender.CanMail.ShouldBeFalse();
        sender.CanSms.ShouldBeTrue();
        await db.Rollout.CommunicationPlans.EnsureAsync(Vejen, () => DefaultPlan.For(Facts(), MunicipalOrganisation.Empty), new TaskActor("pl", T0), None);
        var (send, _) = await db.Rollout.CommunicationSends.RecordAsync(Vejen, "k-1", "d-09", "sms", null, "Gebyrer betales nu på kommunens side.",
            ["+4520123456", "+4530120000"], new TaskActor("pl", T0), None);

        var first = await sender.RunAsync(None);
        first.ShouldBe(new SendRoundResult(2, 0, 0, 0));
        (await db.Rollout.CommunicationSends.FindAsync(send.SendId, None))!.Deliveries.ShouldAllBe(d => d.State == DeliveryState.Accepted);
        // The gateway has not reported yet: nothing finishes, the row is still planned.
        (await sender.RunAsync(None)).ShouldBe(new SendRoundResult(0, 0, 0, 0));
        (await db.Rollout.CommunicationPlans.FindAsync(Vejen, "d-09", None))!.Row.Status.ShouldBe(PlanRowStatus.Planned);

        clock.Advance(SandboxSmsProvider.ReportAfter);
        (await sender.RunAsync(None)).ShouldBe(new SendRoundResult(0, 0, 2, 1));
        var done = (await db.Rollout.CommunicationSends.FindAsync(send.SendId, None))!;
        done.CompletedAt.ShouldBe(T0 + SandboxSmsProvider.ReportAfter);
        done.Deliveries.Single(d => d.Recipient == "+4520123456").State.ShouldBe(DeliveryState.Delivered);
        var failed = done.Deliveries.Single(d => d.Recipient == "+4530120000");
        (failed.State, failed.Reason).ShouldBe((DeliveryState.Failed, "Nummeret er ikke i brug."));
        (await db.Rollout.CommunicationPlans.FindAsync(Vejen, "d-09", None))!.Row.Status.ShouldBe(PlanRowStatus.Done);
        (await db.Rollout.CommunicationPlans.HistoryAsync(Vejen, None)).Last().Who.ShouldBe(CommunicationSender.Actor);
        var evidence = (await db.Rollout.Evidence.LatestAsync(Vejen, None)).ShouldHaveSingleItem();
        evidence.CheckId.ShouldBe(EvidenceCheckId.ExternalCommunicationSent);
        evidence.Detail.ShouldStartWith("Sendt til 1 modtager den 1. januar 2027 (SMS: SMS til lånere tilmeldt SMS-ordningen)");
        // Finished is finished: another round does nothing.
        (await sender.RunAsync(None)).ShouldBe(new SendRoundResult(0, 0, 0, 0));
    }

    [Fact]
    public async Task TheSandboxGateway_AnswersARepeatedReferenceWithTheFirstSubmission_AndRefusesBlockedNumbers()
    {
        var clock = new ManualClock(T0);
        var gateway = new SandboxSmsProvider(clock);
        var a = await gateway.SubmitAsync("+4520123456", "x", "ref-1", None);
        clock.Advance(TimeSpan.FromSeconds(5));
        var again = await gateway.SubmitAsync("+4520123456", "x", "ref-1", None);
        again.ProviderId.ShouldBe(a.ProviderId);
        (await gateway.StatusAsync(a.ProviderId!, None)).State.ShouldBe(SmsReportState.Delivered);
        var blocked = await gateway.SubmitAsync("+4540129999", "x", "ref-2", None);
        (blocked.Accepted, blocked.ProviderId).ShouldBe((false, null));
        blocked.Refusal.ShouldNotBeNullOrWhiteSpace();
        // A restarted gateway (a new instance) still answers for what the old one took.
        (await new SandboxSmsProvider(clock).StatusAsync(a.ProviderId!, None)).State.ShouldBe(SmsReportState.Delivered);
    }
}

[Trait("store", "sqlite")]
public sealed class CommunicationSenderOnSqlite() : CommunicationSenderTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class CommunicationSenderOnPostgres() : CommunicationSenderTests(StoreKind.Postgres);

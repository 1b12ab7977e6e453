using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Communication.Plan;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Tests.Infrastructure;
using static FeeBridge.Server.Tests.Storage.RolloutSamples;

namespace FeeBridge.Server.Tests.Storage;

/// <summary>
/// The communication plan's store (issue 16 parts 1 and 4) on both databases: the default plan written once however
/// many first reads race, edits kept with their history, a changed row refused to a stale editor, and sends recorded
/// once per idempotency key with every recipient claimed by exactly one sender.
/// </summary>
public abstract class CommunicationPlanStoreTests(StoreKind kind)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Kommunekode Billund = Kommunekode.Parse("530");
    private static readonly Kommunekode Esbjerg = Kommunekode.Parse("561");

    private static MunicipalityFacts Facts() => new("530", "Billund Kommune", new MunicipalRules(10000, CompensationRule.StaysWithLibrary, 30),
        [new LibraryFacts("753000", "Billund Bibliotekerne", new DateOnly(2027, 3, 1), 20000)], null, MeasuredPaymentSpeed.NotMeasured());

    [Fact]
    public async Task TheDefaultPlan_IsWrittenOnce_WhenEightFirstReadsRace()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var plans = db.Rollout.CommunicationPlans;
        (await plans.IsGeneratedAsync(Billund, None)).ShouldBeFalse();
        var start = new TaskCompletionSource();
        var readers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await plans.EnsureAsync(Billund, () => DefaultPlan.For(Facts(), Gallery()), By($"reader-{i}", T0), None);
        })).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(readers);

        var expected = DefaultPlan.For(Facts(), Gallery());
        answers.ShouldAllBe(a => a.Count == expected.Count);
        answers[0].Select(r => r.Row.RowId).ShouldBe(expected.Select(r => r.RowId));
        (await db.ScalarAsync("SELECT COUNT(*) FROM rollout_comm_plan_rows WHERE municipality = '530'")).ShouldBe(expected.Count);
        (await plans.HistoryAsync(Billund, None)).Count.ShouldBe(expected.Count);
        (await plans.HistoryAsync(Billund, None)).ShouldAllBe(h => h.Action == "generated");
        // Generated once: a plan emptied by its editor stays empty.
        foreach (var r in answers[0]) (await plans.DeleteAsync(Billund, r.Row.RowId, By("pl", T0.AddMinutes(1)), None)).ShouldBeTrue();
        (await plans.EnsureAsync(Billund, () => DefaultPlan.For(Facts(), Gallery()), By("pl", T0.AddMinutes(2)), None)).ShouldBeEmpty();
        (await plans.RowsAsync(Esbjerg, None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnEdit_IsKeptWithItsHistory_AndAStaleEditorIsRefused()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var plans = db.Rollout.CommunicationPlans;
        var draft = new PlanRowDraft("Møde med ledelsen", ["management"], ["Budskab"], "Opbakning", "meeting", ["Book møde"], Anne.Value, "2027-01-15", null, null, "planned");
        var row = PlanRowValidation.Validate(draft, "r-1", Gallery()).Value!;
        var added = await plans.AddAsync(Esbjerg, row, By("pl", T0), None);
        added.Revision.ShouldBe(1);

        var changed = await plans.UpdateAsync(Esbjerg, row with { Status = PlanRowStatus.InProgress }, 1, By("pl", T0.AddMinutes(1)), None);
        changed.Outcome.ShouldBe(PlanWriteOutcome.Written);
        changed.Row!.Revision.ShouldBe(2);
        var stale = await plans.UpdateAsync(Esbjerg, row with { Occasion = "Gammel" }, 1, By("other", T0.AddMinutes(2)), None);
        stale.Outcome.ShouldBe(PlanWriteOutcome.Conflict);
        (await plans.FindAsync(Esbjerg, "r-1", None))!.Row.Occasion.ShouldBe("Møde med ledelsen");
        (await plans.UpdateAsync(Esbjerg, row with { RowId = "r-none" }, null, By("pl", T0), None)).Outcome.ShouldBe(PlanWriteOutcome.NotFound);

        (await plans.DeleteAsync(Esbjerg, "r-1", By("pl", T0.AddMinutes(3)), None)).ShouldBeTrue();
        (await plans.DeleteAsync(Esbjerg, "r-1", By("pl", T0.AddMinutes(4)), None)).ShouldBeFalse();
        var history = await plans.HistoryAsync(Esbjerg, None);
        history.Select(h => h.Action).ShouldBe(["added", "changed", "deleted"]);
        history[1].Before!.ShouldContain("\"planned\"");
        history[1].After!.ShouldContain("\"in-progress\"");
        history[2].After.ShouldBeNull();
        history[2].Who.ShouldBe("pl");
    }

    [Fact]
    public async Task ASend_IsRecordedOncePerKey_AndEachRecipientIsClaimedByOneSender()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var sends = db.Rollout.CommunicationSends;
        string[] recipients = ["a@billund.dk", "b@billund.dk", "A@billund.dk"];
        var (first, created) = await sends.RecordAsync(Billund, "key-1", "d-01", "email", "Emne", "Tekst", recipients, By("pl", T0), None);
        created.ShouldBeTrue();
        first.Deliveries.Count.ShouldBe(2); // one address is one person whatever its case
        first.Deliveries.ShouldAllBe(d => d.State == DeliveryState.Pending);
        var (again, createdAgain) = await sends.RecordAsync(Billund, "key-1", "d-01", "email", "Emne", "Tekst", recipients, By("pl", T0.AddSeconds(1)), None);
        createdAgain.ShouldBeFalse();
        again.SendId.ShouldBe(first.SendId);
        (await db.ScalarAsync("SELECT COUNT(*) FROM rollout_comm_sends")).ShouldBe(1);

        // Eight senders race for one recipient: one gets it.
        var start = new TaskCompletionSource();
        var racers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await sends.ClaimAsync(first.SendId, "a@billund.dk", T0, TimeSpan.FromMinutes(5), None);
        })).ToList();
        start.SetResult();
        (await Task.WhenAll(racers)).Count(x => x).ShouldBe(1);
        // Held: not handed out again until the lease ends; then taken over, the attempt counted.
        (await sends.UnsentAsync(T0.AddMinutes(1), None)).Select(w => w.Recipient).ShouldBe(["b@billund.dk"]);
        (await sends.ClaimAsync(first.SendId, "a@billund.dk", T0.AddMinutes(6), TimeSpan.FromMinutes(5), None)).ShouldBeTrue();

        await sends.SettleAsync(first.SendId, "a@billund.dk", DeliveryState.Accepted, null, null, T0.AddMinutes(6), None);
        (await sends.CompleteAsync(first.SendId, T0.AddMinutes(6), None)).ShouldBeFalse(); // b is still pending
        (await sends.ClaimAsync(first.SendId, "b@billund.dk", T0.AddMinutes(6), TimeSpan.FromMinutes(5), None)).ShouldBeTrue();
        await sends.SettleAsync(first.SendId, "b@billund.dk", DeliveryState.Failed, "550 5.1.1 No such mailbox", null, T0.AddMinutes(6), None);
        // A final state is final.
        await sends.SettleAsync(first.SendId, "b@billund.dk", DeliveryState.Accepted, null, null, T0.AddMinutes(7), None);
        (await sends.UncompletedAsync(None)).ShouldBe([(Billund, first.SendId)]);
        (await sends.CompleteAsync(first.SendId, T0.AddMinutes(7), None)).ShouldBeTrue();
        (await sends.CompleteAsync(first.SendId, T0.AddMinutes(8), None)).ShouldBeFalse();

        var done = (await sends.FindAsync(Billund, first.SendId, None))!;
        done.CompletedAt.ShouldNotBeNull();
        done.Deliveries.Single(d => d.Recipient == "a@billund.dk").Attempts.ShouldBe(2);
        var b = done.Deliveries.Single(d => d.Recipient == "b@billund.dk");
        (b.State, b.Reason).ShouldBe((DeliveryState.Failed, "550 5.1.1 No such mailbox"));
        (await sends.SendsAsync(Esbjerg, None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnSmsTakenByTheGateway_WaitsForItsReport()
    {
        await using var db = await RolloutTestStore.OpenAsync(kind);
        var sends = db.Rollout.CommunicationSends;
        var (send, _) = await sends.RecordAsync(Billund, "sms-1", "d-09", "sms", null, "Gebyrer betales nu på kommunens side.", ["+4520123456"], By("pl", T0), None);
        (await sends.ClaimAsync(send.SendId, "+4520123456", T0, TimeSpan.FromMinutes(5), None)).ShouldBeTrue();
        await sends.SettleAsync(send.SendId, "+4520123456", DeliveryState.Accepted, null, "sbx-1", T0, None);
        (await sends.AwaitingReportAsync(None)).ShouldHaveSingleItem().Recipient.ShouldBe("+4520123456");
        await sends.SettleAsync(send.SendId, "+4520123456", DeliveryState.Delivered, null, null, T0.AddSeconds(2), None);
        (await sends.AwaitingReportAsync(None)).ShouldBeEmpty();
        (await sends.FindAsync(send.SendId, None))!.Deliveries.Single().ProviderId.ShouldBe("sbx-1");
    }
}

[Trait("store", "sqlite")]
public sealed class CommunicationPlanStoreOnSqlite() : CommunicationPlanStoreTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class CommunicationPlanStoreOnPostgres() : CommunicationPlanStoreTests(StoreKind.Postgres);

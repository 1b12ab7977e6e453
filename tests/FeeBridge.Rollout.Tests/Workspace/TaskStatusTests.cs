using FeeBridge.Rollout.Workspace;
using static FeeBridge.Rollout.Tests.Workspace.Fixtures;

namespace FeeBridge.Rollout.Tests.Workspace;

/// <summary>Status (CONTRACTS.md §6: not-started, in-progress, done, not-relevant) and the evidence rule (issue 15 part 5).</summary>
public sealed class TaskStatusTests
{
    private static readonly EvidenceVerdict None = EvidenceVerdict.NoChecks;
    private static readonly TaskActor Later = By(at: T0.AddHours(2));

    [Fact]
    public void ACopy_StartsNotStarted_WithNobodyAssigned_AndOneHistoryEntry()
    {
        var outcome = TaskCommands.CopyOf("t-23", Koebenhavn, Task23(), By());
        var task = Accepted(outcome);
        task.Status.ShouldBe(MunicipalTaskStatus.NotStarted);
        task.Origin.ShouldBe(TaskOrigin.MasterCopy);
        (task.Accountable, task.Performer, task.Deadline).ShouldBe((null, null, null));
        task.Revision.ShouldBe(1);
        var entry = outcome.Value!.Entries.ShouldHaveSingleItem();
        entry.Field.ShouldBe("task");
        entry.After!.ShouldContain("version 1");
    }

    [Fact]
    public void ALocalTask_NeedsATitle_AndHasNoMasterId()
    {
        RefusedOn(TaskCommands.NewLocal("l-1", Koebenhavn, new LocalTaskDraft(Project, "  "), By()), "title").Reason.ShouldContain("titel");
        var task = Accepted(TaskCommands.NewLocal("l-1", Koebenhavn, new LocalTaskDraft(Project, " Bestil plakater ", Waves: ["Bølge 1", " "]), By()));
        task.Origin.ShouldBe(TaskOrigin.Local);
        task.Fields.MasterTaskId.ShouldBeNull();
        task.Fields.Title.ShouldBe("Bestil plakater");
        task.Fields.Waves.ShouldBe(["Bølge 1"]);
    }

    [Fact]
    public void AStatusChange_IsOneHistoryEntry_WithWhoWhenBeforeAndAfter_AndRaisesTheRevision()
    {
        var outcome = TaskCommands.SetStatus(Copy(), MunicipalTaskStatus.InProgress, null, None, Later);
        var task = Accepted(outcome);
        task.Status.ShouldBe(MunicipalTaskStatus.InProgress);
        task.Revision.ShouldBe(2);
        task.UpdatedAt.ShouldBe(Later.At);
        outcome.Value!.Entries.ShouldBe([new TaskHistoryEntry("t-23", Later.Who, Later.At, "status", "not-started", "in-progress")]);
    }

    [Fact]
    public void AskingForTheStatusItHas_ChangesNothing_AndWritesNoHistory()
    {
        var task = Copy();
        var outcome = TaskCommands.SetStatus(task, MunicipalTaskStatus.NotStarted, null, None, Later);
        outcome.Value!.Changed.ShouldBeFalse();
        outcome.Value.Task.ShouldBeSameAs(task);
    }

    [Fact]
    public void NotRelevant_NeedsAReason()
    {
        RefusedOn(TaskCommands.SetStatus(Copy(), MunicipalTaskStatus.NotRelevant, " ", None, Later), "reason").Reason.ShouldContain("ikke er relevant");
        var outcome = TaskCommands.SetStatus(Copy(), MunicipalTaskStatus.NotRelevant, "Vi har ingen skolebiblioteker", None, Later);
        Accepted(outcome).NotRelevantReason.ShouldBe("Vi har ingen skolebiblioteker");
        outcome.Value!.Entries.Select(e => e.Field).ShouldBe(["status", "notRelevantReason"]);
    }

    [Fact]
    public void LeavingNotRelevant_DropsTheReason_AndTheHistoryKeepsIt()
    {
        var notRelevant = Accepted(TaskCommands.SetStatus(Copy(), MunicipalTaskStatus.NotRelevant, "Ikke aktuelt", None, Later));
        var outcome = TaskCommands.SetStatus(notRelevant, MunicipalTaskStatus.InProgress, null, None, Later);
        Accepted(outcome).NotRelevantReason.ShouldBeNull();
        outcome.Value!.Entries.ShouldContain(e => e.Field == "notRelevantReason" && e.Before == "Ikke aktuelt" && e.After == null);
    }

    [Fact]
    public void ANewReasonForANotRelevantTask_IsAChange()
    {
        var notRelevant = Accepted(TaskCommands.SetStatus(Copy(), MunicipalTaskStatus.NotRelevant, "Ikke aktuelt", None, Later));
        var outcome = TaskCommands.SetStatus(notRelevant, MunicipalTaskStatus.NotRelevant, "Klares af nabokommunen", None, Later);
        Accepted(outcome).NotRelevantReason.ShouldBe("Klares af nabokommunen");
        outcome.Value!.Entries.ShouldHaveSingleItem().Field.ShouldBe("notRelevantReason");
    }

    [Fact]
    public void Done_WhileACheckFails_WithoutAReason_IsRefused_NamingTheCheck()
    {
        var verdict = Verdict([EvidenceCheckId.DebtorEndpoint], new EvidenceCheckResult(EvidenceCheckId.DebtorEndpoint, false, "Intet svar", T0));
        var refusal = RefusedOn(TaskCommands.SetStatus(Copy(), MunicipalTaskStatus.Done, null, verdict, Later), "reason");
        refusal.Reason.ShouldContain(EvidenceChecks.Of(EvidenceCheckId.DebtorEndpoint).Title);
    }

    [Fact]
    public void Done_WhileACheckFails_WithAReason_IsAccepted_AndFlaggedForAudit()
    {
        var verdict = Verdict([EvidenceCheckId.DebtorEndpoint, EvidenceCheckId.CutOverDates],
            new EvidenceCheckResult(EvidenceCheckId.DebtorEndpoint, false, "Intet svar", T0),
            new EvidenceCheckResult(EvidenceCheckId.CutOverDates, true, "2 af 2 biblioteker", T0));
        var outcome = TaskCommands.SetStatus(Copy(), MunicipalTaskStatus.Done, "Testmiljøet er nede; produktion svarer", verdict, Later);
        var task = Accepted(outcome);
        task.Status.ShouldBe(MunicipalTaskStatus.Done);
        task.EvidenceOverride.ShouldNotBeNull();
        task.EvidenceOverride.UnconfirmedChecks.ShouldBe([EvidenceCheckId.DebtorEndpoint]);
        task.EvidenceOverride.Who.ShouldBe(Later.Who);
        var audit = outcome.Value!.Entries.Where(e => e.ForAudit).ShouldHaveSingleItem();
        audit.Field.ShouldBe("evidenceOverride");
        audit.After!.ShouldContain("debtor-endpoint");
    }

    [Fact]
    public void Done_WhenACheckHasNeverRun_NeedsAReasonToo()
    {
        var verdict = Verdict([EvidenceCheckId.FirstClaimRegistered]);
        RefusedOn(TaskCommands.SetStatus(Copy(), MunicipalTaskStatus.Done, null, verdict, Later), "reason");
    }

    [Fact]
    public void Done_WhenEveryCheckPasses_NeedsNoReason_AndIsNotFlagged()
    {
        var verdict = Verdict([EvidenceCheckId.FirstClaimRegistered], new EvidenceCheckResult(EvidenceCheckId.FirstClaimRegistered, true, "Krav 4711 registreret", T0));
        var outcome = TaskCommands.SetStatus(Copy(), MunicipalTaskStatus.Done, null, verdict, Later);
        Accepted(outcome).EvidenceOverride.ShouldBeNull();
        outcome.Value!.Entries.ShouldAllBe(e => !e.ForAudit);
    }

    [Fact]
    public void ReopeningADoneTask_DropsTheOverride()
    {
        var verdict = Verdict([EvidenceCheckId.LoopTimeMeasured]);
        var done = Accepted(TaskCommands.SetStatus(Copy(), MunicipalTaskStatus.Done, "Målt manuelt", verdict, Later));
        var outcome = TaskCommands.SetStatus(done, MunicipalTaskStatus.InProgress, null, verdict, Later);
        Accepted(outcome).EvidenceOverride.ShouldBeNull();
        outcome.Value!.Entries.ShouldContain(e => e.Field == "evidenceOverride" && e.Before == "Målt manuelt" && e.After == null);
    }

    private static EvidenceVerdict Verdict(IReadOnlyList<EvidenceCheckId> required, params EvidenceCheckResult[] results) => EvidenceVerdict.Of(required, results);
}

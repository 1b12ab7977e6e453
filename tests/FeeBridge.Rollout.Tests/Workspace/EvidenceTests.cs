using FeeBridge.Rollout.Workspace;
using static FeeBridge.Rollout.Tests.Workspace.Fixtures;

namespace FeeBridge.Rollout.Tests.Workspace;

/// <summary>The checks of issue 15 part 5, the rule mapping master tasks to them, and the verdict on a task.</summary>
public sealed class EvidenceTests
{
    [Fact]
    public void TheRegistry_NamesTheSixChecks_WithUniqueIds_AndDanishTitles()
    {
        EvidenceChecks.All.Select(c => c.Check).ShouldBe(Enum.GetValues<EvidenceCheckId>());
        EvidenceChecks.All.Select(c => c.Id).ShouldBeUnique();
        EvidenceChecks.Of(EvidenceCheckId.DebtorEndpoint).Title.ShouldContain("DebitorForespoergsel");
        EvidenceChecks.Of(EvidenceCheckId.FirstPaymentConfirmed).Title.ShouldContain("FBS har bekræftet");
        EvidenceChecks.Find("cut-over-dates")!.Check.ShouldBe(EvidenceCheckId.CutOverDates);
        EvidenceChecks.Find("nonsense").ShouldBeNull();
    }

    [Fact]
    public void ARuleById_AppliesToThatMasterTask_OnlyInItsProject()
    {
        var rules = new EvidenceRules([EvidenceRule.ById("41", [EvidenceCheckId.LibraryApiKeyUsed], Project)]);
        rules.ChecksFor(Copy(Master("41", "Opsæt adgang"))).ShouldBe([EvidenceCheckId.LibraryApiKeyUsed]);
        rules.ChecksFor(Copy(Master("42", "Opsæt adgang"))).ShouldBeEmpty();
        rules.ChecksFor(Copy(Master("41", "Opsæt adgang", project: "Ydelsesrefusion"))).ShouldBeEmpty();
    }

    [Fact]
    public void ARuleByTitleKeyword_IgnoresCase_AndRulesAddUp_OncePerCheck()
    {
        var checks = EvidenceRules.Default.ChecksFor(Copy(Master("50", "Idriftsæt integrationen til DEBITORSYSTEMET")));
        checks.ShouldBe(Enum.GetValues<EvidenceCheckId>().Where(c => c is not (EvidenceCheckId.InternalCommunicationSent or EvidenceCheckId.ExternalCommunicationSent)));
        EvidenceRules.Default.ChecksFor(Copy(Master("51", "Test integrationen"))).ShouldBe([EvidenceCheckId.FirstClaimRegistered, EvidenceCheckId.FirstPaymentConfirmed]);
    }

    [Fact]
    public void Task23_HasNoChecks_AndTasks26And27_AreConfirmedByWhatTheCommunicationPlanSent()
    {
        EvidenceRules.Default.ChecksFor(Copy()).ShouldBeEmpty();
        EvidenceRules.Default.ChecksFor(Copy(Master("26", "Forbered og kommunikér internt"))).ShouldBe([EvidenceCheckId.InternalCommunicationSent]);
        // The external task's OCR'd document (sources/001) lost its id and spells the verb "kommunikeér".
        EvidenceRules.Default.ChecksFor(Copy(Master("27", "Forbered og kommunikeér eksternt") with { MasterTaskId = null })).ShouldBe([EvidenceCheckId.ExternalCommunicationSent]);
    }

    [Fact]
    public void ALocalTask_HasNoChecks_WhateverItsTitle()
    {
        var local = Accepted(TaskCommands.NewLocal("l-1", Koebenhavn, new LocalTaskDraft(Project, "Test af debitorsystemet"), By()));
        EvidenceRules.Default.ChecksFor(local).ShouldBeEmpty();
    }

    [Fact]
    public void TheVerdict_UsesTheLatestResultOfEachCheck()
    {
        EvidenceCheckId[] required = [EvidenceCheckId.DebtorEndpoint, EvidenceCheckId.CutOverDates];
        var verdict = EvidenceVerdict.Of(required,
        [
            new(EvidenceCheckId.DebtorEndpoint, true, "Svarede", T0.AddHours(2)),
            new(EvidenceCheckId.DebtorEndpoint, false, "Intet svar", T0),
            new(EvidenceCheckId.CutOverDates, true, "Alle har en dato", T0),
            new(EvidenceCheckId.CutOverDates, false, "Et bibliotek mangler", T0.AddHours(1)),
            new(EvidenceCheckId.LoopTimeMeasured, false, "Ikke relevant her", T0),
        ]);
        verdict.Failing.ShouldBe([EvidenceCheckId.CutOverDates]);
        verdict.Latest.Select(r => r.Detail).ShouldBe(["Svarede", "Et bibliotek mangler"]);
        verdict.Confirmed.ShouldBeFalse();
    }

    [Fact]
    public void ACheckThatHasNotRun_IsUnconfirmed()
    {
        var verdict = EvidenceVerdict.Of([EvidenceCheckId.DebtorEndpoint, EvidenceCheckId.LoopTimeMeasured],
            [new(EvidenceCheckId.DebtorEndpoint, true, "Svarede", T0)]);
        verdict.NotRun.ShouldBe([EvidenceCheckId.LoopTimeMeasured]);
        verdict.Failing.ShouldBeEmpty();
        verdict.Unconfirmed.ShouldBe([EvidenceCheckId.LoopTimeMeasured]);
    }

    [Fact]
    public void ATaskWithoutChecks_IsConfirmed() => EvidenceVerdict.For(Copy(), EvidenceRules.Default, []).Confirmed.ShouldBeTrue();
}

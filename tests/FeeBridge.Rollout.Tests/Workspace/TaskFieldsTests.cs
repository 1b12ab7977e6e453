using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;
using static FeeBridge.Rollout.Tests.Workspace.Fixtures;

namespace FeeBridge.Rollout.Tests.Workspace;

/// <summary>Accountable and performer from the role gallery, deadline, notes, attachments.</summary>
public sealed class TaskFieldsTests
{
    [Fact]
    public void AnAccountableOutsideTheRoleGallery_IsRefused()
    {
        var refusal = RefusedOn(TaskCommands.SetAccountable(Copy(), Outsider, Gallery(), By()), "accountable");
        refusal.Reason.ShouldContain("someone@example.com");
        refusal.Reason.ShouldContain("rollegalleri");
    }

    [Fact]
    public void APerformerOutsideTheRoleGallery_IsRefused() =>
        RefusedOn(TaskCommands.SetPerformer(Copy(), Outsider, Gallery(), By()), "performer");

    [Fact]
    public void APersonOfTheGallery_IsSet_InTheGallerysSpelling()
    {
        var outcome = TaskCommands.SetAccountable(Copy(), EmailAddress.Parse("ANNE.HANSEN@KK.DK"), Gallery(), By());
        var task = Accepted(outcome);
        task.Accountable!.Value.Value.ShouldBe("Anne.Hansen@kk.dk");
        outcome.Value!.Entries.ShouldHaveSingleItem().ShouldBe(new TaskHistoryEntry("t-23", By().Who, T0, "accountable", null, "Anne.Hansen@kk.dk"));
    }

    [Fact]
    public void ClearingThePerformer_IsAChange_AndClearingAgainIsNot()
    {
        var assigned = Accepted(TaskCommands.SetPerformer(Copy(), Bo, Gallery(), By()));
        var cleared = TaskCommands.SetPerformer(assigned, null, Gallery(), By());
        Accepted(cleared).Performer.ShouldBeNull();
        cleared.Value!.Entries.ShouldHaveSingleItem().Before.ShouldBe("bo@kk.dk");
        TaskCommands.SetPerformer(cleared.Value.Task, null, Gallery(), By()).Value!.Changed.ShouldBeFalse();
    }

    [Fact]
    public void TheDeadline_IsADate_WrittenToTheHistoryAsYyyyMmDd()
    {
        var outcome = TaskCommands.SetDeadline(Copy(), new DateOnly(2024, 1, 22), By());
        Accepted(outcome).Deadline.ShouldBe(new DateOnly(2024, 1, 22));
        outcome.Value!.Entries.ShouldHaveSingleItem().After.ShouldBe("2024-01-22");
        TaskCommands.SetDeadline(outcome.Value.Task, new DateOnly(2024, 1, 22), By()).Value!.Changed.ShouldBeFalse();
    }

    [Fact]
    public void ANote_IsAdded_WithWhoAndWhen_AndAnEmptyOneIsRefused()
    {
        RefusedOn(TaskCommands.AddNote(Copy(), " \n", By()), "note");
        var task = Accepted(TaskCommands.AddNote(Copy(), "Møde med økonomi 12/3", By("bo@kk.dk")));
        task.Notes.ShouldBe([new TaskNote("bo@kk.dk", T0, "Møde med økonomi 12/3")]);
        Accepted(TaskCommands.AddNote(task, "Aftalt", By())).Notes.Count.ShouldBe(2);
    }

    [Fact]
    public void TheSameFileTwice_IsRefused_AndDetachingKeepsItInTheHistory()
    {
        var file = new AttachmentMetadata("plan.pdf", "application/pdf", 1234, new string('a', 64));
        var attached = Accepted(TaskCommands.Attach(Copy(), file, By()));
        RefusedOn(TaskCommands.Attach(attached, file with { Name = "kopi.pdf" }, By()), "file").Reason.ShouldContain("plan.pdf");
        var detached = TaskCommands.Detach(attached, file.Sha256, By());
        Accepted(detached).Attachments.ShouldBeEmpty();
        detached.Value!.Entries.ShouldHaveSingleItem().Before!.ShouldContain("plan.pdf");
        RefusedOn(TaskCommands.Detach(detached.Value.Task, file.Sha256, By()), "file");
    }
}

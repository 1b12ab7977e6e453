using FeeBridge.Rollout.Workspace;
using static FeeBridge.Rollout.Tests.Workspace.Fixtures;

namespace FeeBridge.Rollout.Tests.Workspace;

/// <summary>CONTRACTS.md §6 PATCH <c>{status?, accountable?, performer?, deadline?, note?}</c>: "every change kept in its history".</summary>
public sealed class TaskPatchTests
{
    [Fact]
    public void APatch_AppliesEveryField_WritesAnEntryEach_AndRaisesTheRevisionOnce()
    {
        var patch = new TaskPatch
        {
            Status = "in-progress",
            Accountable = PatchField<string?>.Set("anne.hansen@kk.dk"),
            Performer = PatchField<string?>.Set("bo@kk.dk"),
            Deadline = PatchField<string?>.Set("2026-03-30"),
            Note = "Vi starter",
        };
        var outcome = patch.Apply(Copy(), Gallery(), EvidenceVerdict.NoChecks, By());
        var task = Accepted(outcome);
        (task.Status, task.Accountable, task.Performer, task.Deadline).ShouldBe((MunicipalTaskStatus.InProgress, Anne, Bo, new DateOnly(2026, 3, 30)));
        task.Notes.ShouldHaveSingleItem().Text.ShouldBe("Vi starter");
        outcome.Value!.Entries.Select(e => e.Field).ShouldBe(["accountable", "performer", "deadline", "status", "notes"]);
        task.Revision.ShouldBe(2);
    }

    [Fact]
    public void APatchWithAnyRefusal_ChangesNothing_AndNamesEveryBadField()
    {
        var task = Copy();
        var patch = new TaskPatch
        {
            Status = "finished",
            Accountable = PatchField<string?>.Set("not-an-address"),
            Performer = PatchField<string?>.Set("someone@example.com"),
            Deadline = PatchField<string?>.Set("30-03-2026"),
            Note = "ok",
        };
        var outcome = patch.Apply(task, Gallery(), EvidenceVerdict.NoChecks, By());
        outcome.IsAccepted.ShouldBeFalse();
        outcome.Refusals.Select(r => r.Field).ShouldBe(["accountable", "performer", "deadline", "status"]);
    }

    [Fact]
    public void AnAbsentField_IsLeft_AndANullOneIsCleared()
    {
        var task = Accepted(new TaskPatch { Accountable = PatchField<string?>.Set("bo@kk.dk"), Deadline = PatchField<string?>.Set("2026-03-30") }
            .Apply(Copy(), Gallery(), EvidenceVerdict.NoChecks, By()));
        var cleared = Accepted(new TaskPatch { Deadline = PatchField<string?>.Set(null) }.Apply(task, Gallery(), EvidenceVerdict.NoChecks, By()));
        cleared.Deadline.ShouldBeNull();
        cleared.Accountable.ShouldBe(Bo);
    }

    [Fact]
    public void AnEmptyPatch_ChangesNothing()
    {
        var task = Copy();
        var outcome = new TaskPatch().Apply(task, Gallery(), EvidenceVerdict.NoChecks, By());
        outcome.Value!.Changed.ShouldBeFalse();
        outcome.Value.Task.Revision.ShouldBe(task.Revision);
    }

    [Fact]
    public void TheReasonField_CarriesTheNotRelevantReason() =>
        Accepted(new TaskPatch { Status = "not-relevant", Reason = "Løses centralt" }.Apply(Copy(), Gallery(), EvidenceVerdict.NoChecks, By()))
            .NotRelevantReason.ShouldBe("Løses centralt");
}

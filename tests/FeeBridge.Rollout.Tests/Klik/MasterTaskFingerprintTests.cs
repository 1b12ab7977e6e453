using FeeBridge.Rollout.Klik;
using static FeeBridge.Rollout.Tests.Klik.KlikSources;

namespace FeeBridge.Rollout.Tests.Klik;

/// <summary>
/// CONTRACTS.md §6: "Importing the same text again changes nothing; a changed text for the same id makes a new
/// version" — the fingerprint tells the two apart; the field diff shows a municipality what changed.
/// </summary>
public sealed class MasterTaskFingerprintTests
{
    [Fact]
    public void TheSameTextTwice_HasTheSameFingerprint()
    {
        var (first, second) = (Draft(PdfText26), Draft(PdfText26));
        first.Fingerprint().ShouldBe(second.Fingerprint());
        first.Fingerprint().Length.ShouldBe(64, "SHA-256 in hex");
        first.ChangedFields(second).ShouldBeEmpty();
    }

    [Fact]
    public void TheSameTaskInAnotherRendering_HasTheSameFingerprint()
    {
        var original = Draft(PdfText26);
        Draft(KlikRenderer.ToTabExport(original)).Fingerprint().ShouldBe(original.Fingerprint());
    }

    [Fact]
    public void AChangedText_HasAnotherFingerprint_AndNamesTheChangedFields()
    {
        var original = Draft(PdfText26);
        var changed = Draft(PdfText26
            .Replace("naturligvis kunne svare på", "kunne svare på", StringComparison.Ordinal)
            .Replace("Anbefalet udfører Projektleder", "Anbefalet udfører Projektejer", StringComparison.Ordinal));
        changed.Fingerprint().ShouldNotBe(original.Fingerprint());
        original.ChangedFields(changed).ShouldBe(["description", "recommendedPerformer"]);
    }

    [Fact]
    public void Warnings_AreNotPartOfTheFingerprint_ButOfEquality()
    {
        var draft = Draft(OcrTextExternal);
        draft.Warnings.ShouldNotBeEmpty();
        var silent = draft with { Warnings = [] };
        silent.Fingerprint().ShouldBe(draft.Fingerprint());
        silent.ShouldNotBe(draft);
        draft.ChangedFields(silent).ShouldBeEmpty();
    }

    [Fact]
    public void EveryContractField_IsComparedByTheDiff()
    {
        // CONTRACTS.md §6 master task JSON, less "version" (the store's) and "warnings" (not the task's content).
        var draft = Draft(PdfText26);
        var other = draft with
        {
            Project = "fbs2", MasterTaskId = 1, Title = "t", Phase = "p", Theme = "t", Priority = new TaskPriority(1, "x"),
            Infrastructure = false, Waves = [], Goal = "g", Description = "d", Method = [], Result = "r",
            RecommendedPerformer = "x", InvolvedParties = [], Links = [],
        };
        draft.ChangedFields(other).ShouldBe([
            "project", "masterTaskId", "title", "phase", "theme", "priority", "infrastructure", "waves", "goal",
            "description", "method", "result", "recommendedPerformer", "involvedParties", "links",
        ]);
    }
}

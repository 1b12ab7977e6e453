using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.Rollout.Tests.WorkingGroups;

/// <summary>
/// CONTRACTS.md §7 <c>POST /{id}/applications</c>: "a second application from the same municipality for the same
/// track → 409; a role the applicant does not hold in the municipality's organisation → 422; after the deadline → 409".
/// </summary>
public sealed class SignUpRulesTests
{
    private static readonly WorkingGroup Group = WorkingGroupValidation.Validate(Fbs2WorkingGroup.Draft("2027-03-03"), MunicipalityRegister.Denmark).Value!;
    private static readonly Kommunekode Holbaek = Kommunekode.Parse("316");
    private static readonly DateTimeOffset Before = new(2027, 3, 3, 22, 59, 59, TimeSpan.Zero);
    private static readonly DateTimeOffset AtDeadline = new(2027, 3, 3, 23, 0, 0, TimeSpan.Zero);

    private static MunicipalOrganisation Gallery() => OrganisationValidation.Validate(new OrganisationDraft(
        [
            new RoleDraft("projektleder", [new PersonDraft("Anne Holm", "anne@holb.dk", true)]),
            new RoleDraft("superbruger", [new PersonDraft("Bo Lund", "bo@holb.dk", true), new PersonDraft("Anne Holm", "anne@holb.dk", false)]),
        ], [])).Value!;

    private static SignUpDecision Decide(ApplicationDraft draft, IReadOnlyList<GroupApplication>? existing = null, DateTimeOffset? now = null) =>
        SignUpRules.Decide(Group, draft, Holbaek, Gallery(), existing ?? [], "app-1", "projektleder-316", now ?? Before);

    private static readonly ApplicationDraft Anne = new("implementering", "Anne Holm", "anne@holb.dk", "projektleder", "folkebibliotek");

    [Fact]
    public void AProjectLeaderInTheGallery_IsAccepted_ForTheImplementationTrack()
    {
        var d = Decide(Anne);
        d.IsAccepted.ShouldBeTrue();
        d.Application!.ShouldBe(new GroupApplication("app-1", Group.Id, "implementering", Holbaek, "Anne Holm", EmailAddress.Parse("anne@holb.dk"),
            RoleId.Projektleder, LibraryType.Folkebibliotek, Before, "projektleder-316"));
    }

    [Fact]
    public void AtOrAfterTheDeadline_NothingIsTaken_Conflict()
    {
        var d = Decide(Anne, now: AtDeadline);
        (d.IsAccepted, d.Kind).ShouldBe((false, SignUpRefusalKind.Conflict));
        d.Refusals.Single().Reason.ShouldContain("til og med 3. marts 2027");
    }

    [Fact]
    public void ASecondApplicationFromTheMunicipalityForTheTrack_IsAConflict()
    {
        var first = Decide(Anne).Application!;
        var d = Decide(new ApplicationDraft("implementering", "Bo Lund", "bo@holb.dk", "projektleder", "skolebibliotek"), [first]);
        d.Kind.ShouldBe(SignUpRefusalKind.Conflict);
        d.Refusals.Single().Field.ShouldBe("track");
    }

    [Fact]
    public void OnePersonOneTrack_TheSamePersonCannotApplyForTheOtherTrack_ButSomeoneElseCan()
    {
        var first = Decide(Anne).Application!;
        var again = Decide(new ApplicationDraft("uddannelse", "Anne Holm", "ANNE@holb.dk", "superbruger", "folkebibliotek"), [first]);
        (again.Kind, again.Refusals.Single().Field).ShouldBe((SignUpRefusalKind.Conflict, "email"));
        Decide(new ApplicationDraft("uddannelse", "Bo Lund", "bo@holb.dk", "superbruger", "folkebibliotek"), [first]).IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public void ARoleTheTrackDoesNotTake_OrThePersonDoesNotHold_IsInvalid()
    {
        var wrongTrack = Decide(Anne with { Track = "uddannelse" });
        (wrongTrack.Kind, wrongTrack.Refusals.Single().Field).ShouldBe((SignUpRefusalKind.Invalid, "role"));
        wrongTrack.Refusals.Single().Reason.ShouldContain("superbruger eller systemadministrator");
        var notHeld = Decide(new ApplicationDraft("implementering", "Bo Lund", "bo@holb.dk", "projektleder", "folkebibliotek"));
        (notHeld.Kind, notHeld.Refusals.Single().Field).ShouldBe((SignUpRefusalKind.Invalid, "role"));
        notHeld.Refusals.Single().Reason.ShouldContain("står ikke som projektleder i kommunens rollegalleri");
    }

    [Fact]
    public void MissingOrWrongFields_AreAllNamed()
    {
        var d = Decide(new ApplicationDraft("ukendt", "", "ikke-en-adresse", "chef", "privat"));
        d.Kind.ShouldBe(SignUpRefusalKind.Invalid);
        d.Refusals.Select(r => r.Field).ShouldBe(["track", "name", "email", "role", "libraryType"]);
    }
}

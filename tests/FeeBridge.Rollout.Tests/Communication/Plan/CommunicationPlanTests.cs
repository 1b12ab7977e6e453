using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Communication.Plan;
using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Rollout.Tests.Communication.Plan;

/// <summary>
/// The communication plan's rules (issue 16 part 1; DOMAIN.md §8 "a plan's columns in practice: occasion, audience,
/// key messages, aim, channel, actions, owner, date, status — tied to the milestones and kept alive after go-live").
/// </summary>
public sealed class CommunicationPlanTests
{
    private static readonly EmailAddress Leader = EmailAddress.Parse("pl@kommune.dk");
    private static readonly EmailAddress Coordinator = EmailAddress.Parse("oeir@kommune.dk");

    private static MunicipalOrganisation Gallery() => OrganisationValidation.Validate(new OrganisationDraft(
    [
        new RoleDraft("projektleder", [new PersonDraft("Pia Leder", "PL@kommune.dk", true)]),
        new RoleDraft("oeir-koordinator", [new PersonDraft("Ole Økonomi", "oeir@kommune.dk", true)]),
    ], [])).Value!;

    private static MunicipalityFacts Facts(params DateOnly[] cutOvers) => new("530", "Billund Kommune",
        new MunicipalRules(10000, CompensationRule.SentAsCivilClaim, 30),
        [.. cutOvers.Select((d, i) => new LibraryFacts($"75300{i}", $"Bibliotek {i}", d, 20000))],
        "https://www.billund.dk/betal", MeasuredPaymentSpeed.NotMeasured());

    private static PlanRowDraft Draft(string? owner = "pl@kommune.dk", string? date = null, string? milestone = "first-cut-over", int? offset = -14) =>
        new("Informationsmøde", ["library-staff"], ["Betaling tages ikke ved skranken."], "Personalet kan svare", "meeting",
            ["Book møde"], owner, date, milestone, offset, "planned");

    // DOMAIN.md §8 "tied to the milestones": a date relative to the first agency's cut-over follows the configuration.
    [Fact]
    public void ARelativeDate_IsResolvedFromTheFirstCutOver_AndMovesWithIt()
    {
        var date = PlanDate.Relative(PlanMilestone.FirstCutOver, -14);
        date.Resolve(Facts(new DateOnly(2027, 3, 1), new DateOnly(2027, 2, 15))).ShouldBe(new DateOnly(2027, 2, 1));
        date.Resolve(Facts(new DateOnly(2027, 4, 1))).ShouldBe(new DateOnly(2027, 3, 18));
        PlanDate.Relative(PlanMilestone.LastCutOver, 30).Resolve(Facts(new DateOnly(2027, 3, 1), new DateOnly(2027, 2, 15))).ShouldBe(new DateOnly(2027, 3, 31));
        date.Text(Facts(new DateOnly(2027, 3, 1))).ShouldBe("14 dage før første biblioteks overgangsdato (15. februar 2027)");
        // Not configured yet: no guessed day.
        date.Resolve(Facts()).ShouldBeNull();
        date.Text(Facts()).ShouldBe("14 dage før første biblioteks overgangsdato (ingen overgangsdato endnu)");
    }

    [Fact]
    public void ARowIsOverdue_WhenItsDayHasPassed_AndItIsNotDone()
    {
        var row = PlanRowValidation.Validate(Draft(), "r-1", Gallery()).Value!;
        var facts = Facts(new DateOnly(2027, 3, 1)); // the row's day: 15 February 2027
        row.IsOverdue(facts, new DateOnly(2027, 2, 15)).ShouldBeFalse();
        row.IsOverdue(facts, new DateOnly(2027, 2, 16)).ShouldBeTrue();
        (row with { Status = PlanRowStatus.Done }).IsOverdue(facts, new DateOnly(2027, 2, 16)).ShouldBeFalse();
        row.IsOverdue(Facts(), new DateOnly(2030, 1, 1)).ShouldBeFalse();
    }

    // DOMAIN.md §8 "KOMBIT mails only people registered in the role gallery": the owner is a person of the gallery.
    [Fact]
    public void TheOwner_MustBeAPersonOfTheRoleGallery()
    {
        var outcome = PlanRowValidation.Validate(Draft(owner: "someone@else.dk"), "r-1", Gallery());
        outcome.IsAccepted.ShouldBeFalse();
        outcome.Refusals.ShouldContain(r => r.Field == "owner");
        PlanRowValidation.Validate(Draft(owner: "PL@KOMMUNE.DK"), "r-1", Gallery()).Value!.Owner.ShouldBe(Leader);
        PlanRowValidation.Validate(Draft(owner: null), "r-1", Gallery()).Value!.Owner.ShouldBeNull();
    }

    [Fact]
    public void ABadRow_IsRefusedWithEveryReasonAtOnce()
    {
        var outcome = PlanRowValidation.Validate(new PlanRowDraft(" ", ["everyone"], null, null, "fax", null, "x", "2027-02-30", "first-cut-over", null, "maybe"), "r-1", Gallery());
        outcome.Refusals.Select(r => r.Field).ShouldBe(["occasion", "audiences[0]", "channel", "status", "owner", "date"], ignoreOrder: true);
        PlanRowValidation.Validate(Draft(date: "2027-02-28", milestone: null), "r", Gallery()).Value!.Date.Fixed.ShouldBe(new DateOnly(2027, 2, 28));
        PlanRowValidation.Validate(Draft(date: "2027-02-28"), "r", Gallery()).Refusals.ShouldContain(r => r.Field == "date");
        PlanRowValidation.Validate(Draft(offset: 400), "r", Gallery()).Refusals.ShouldContain(r => r.Field == "offsetDays");
    }

    [Fact]
    public void ARow_SurvivesTheDraftRoundTrip()
    {
        var row = PlanRowValidation.Validate(Draft(), "r-1", Gallery()).Value!;
        var again = PlanRowValidation.Validate(PlanRowDraft.Of(row), "r-1", null).Value!;
        PlanRowDraft.Of(again).ShouldBeEquivalentTo(PlanRowDraft.Of(row));
    }

    // Task 26 (internal: meetings, intranet, management e-mail, FAQ, the flow) and its external twin (website,
    // newsletter, SMS to patrons, posters): the default plan has a row for each channel the tasks name.
    [Fact]
    public void TheDefaultPlan_CoversTheChannelsOfTasks26And27_WithTheMunicipalitysFacts()
    {
        var facts = Facts(new DateOnly(2027, 3, 1));
        var plan = DefaultPlan.For(facts, Gallery());
        plan.Select(r => r.Channel).Distinct().Order().ShouldBe(Enum.GetValues<PlanChannel>());
        plan.Select(r => r.RowId).ShouldBeUnique();
        plan.ShouldContain(r => r.Task == PlanTask.Internal && r.Audiences.Contains(PlanAudience.Management) && r.Channel == PlanChannel.Email);
        plan.ShouldContain(r => r.Task == PlanTask.External && r.Audiences.Contains(PlanAudience.SmsPatrons) && r.Channel == PlanChannel.Sms);
        plan.Where(r => r.Audiences.SequenceEqual([PlanAudience.FinanceStaff])).ShouldAllBe(r => r.Owner == Coordinator);
        plan.First().Owner.ShouldBe(Leader);
        var text = string.Join("\n", plan.SelectMany(r => r.KeyMessages));
        text.ShouldContain("1. marts 2027");
        text.ShouldContain("https://www.billund.dk/betal");
        text.ShouldContain("100 kr.");
        text.ShouldContain("civilretlige");
        // Kept alive after go-live: a follow-up after the last library moved.
        plan.ShouldContain(r => r.Date.Milestone == PlanMilestone.LastCutOver && r.Date.OffsetDays > 0);
        // Every default row passes the rules an edited row must pass.
        plan.ShouldAllBe(r => PlanRowValidation.Validate(PlanRowDraft.Of(r), r.RowId, Gallery()).IsAccepted);
        // An empty gallery: nobody is named rather than someone made up.
        DefaultPlan.For(facts, MunicipalOrganisation.Empty).ShouldAllBe(r => r.Owner == null);
    }
}

using FeeBridge.Rollout.Organisation;
using static FeeBridge.Rollout.Tests.Organisation.OrganisationValidationTests;

namespace FeeBridge.Rollout.Tests.Organisation;

/// <summary>
/// DOMAIN.md §8: "KOMBIT mails only people registered in the role gallery: an empty role, or an address that
/// bounces, means the municipality misses information; one primær per role gets some mails."
/// </summary>
public sealed class OrganisationWarningsTests
{
    [Fact]
    public void AnEmptyGallery_WarnsOfEveryRoleAndEveryCompetence_NamingEach()
    {
        var warnings = OrganisationWarnings.Of(MunicipalOrganisation.Empty);
        warnings.Where(w => w.Kind == OrganisationWarningKind.EmptyRole).Select(w => w.Role).ShouldBe(Roles.All.Select(r => r.Id));
        warnings.Where(w => w.Kind == OrganisationWarningKind.UncoveredCompetence).Select(w => w.Competence).ShouldBe(Competences.All.Select(c => c.Id));
        warnings.Single(w => w.Role == "oeir-koordinator").Message.ShouldContain("ØiR-koordinator");
        warnings.Single(w => w.Competence == "inddrivelsesindsats-psrm").Message.ShouldContain("PSRM");
    }

    [Fact]
    public void ARoleWithPeopleButNoPrimary_IsWarnedOf()
    {
        var gallery = Valid(Role("superbruger", Person("Dorte", "dorte@kk.dk"), Person("Eva", "eva@kk.dk")), Role("projektleder", Person("Anne", "anne@kk.dk", true)));
        var warnings = OrganisationWarnings.Of(gallery);
        var noPrimary = warnings.Where(w => w.Kind == OrganisationWarningKind.NoPrimary).ShouldHaveSingleItem();
        noPrimary.Role.ShouldBe("superbruger");
        noPrimary.KindId.ShouldBe("no-primary");
        warnings.ShouldNotContain(w => w.Role == "projektleder");
    }

    [Fact]
    public void MoreThanOneProjectLeader_IsWarnedOf()
    {
        // DOMAIN.md §8: "projektleder (one per municipality, KOMBIT's primary contact …)".
        var gallery = Valid(Role("projektleder", Person("Anne", "anne@kk.dk", true), Person("Bo", "bo@kk.dk")));
        OrganisationWarnings.Of(gallery).ShouldContain(w => w.Kind == OrganisationWarningKind.SeveralProjectLeaders && w.Role == "projektleder");
    }

    [Fact]
    public void ACoveredCompetence_IsNotWarnedOf()
    {
        var gallery = OrganisationValidation.Validate(new OrganisationDraft([Role("projektleder", Person("Anne", "anne@kk.dk", true))],
            [new CompetenceDraft("kommunikation", ["anne@kk.dk"], null)])).Value!;
        var uncovered = OrganisationWarnings.Of(gallery).Where(w => w.Kind == OrganisationWarningKind.UncoveredCompetence).Select(w => w.Competence).ToList();
        uncovered.Count.ShouldBe(6);
        uncovered.ShouldNotContain("kommunikation");
    }

    [Fact]
    public void ABouncedAddress_IsWarnedOf_InEveryRoleItHolds()
    {
        var gallery = Valid(Role("projektleder", Person("Anne", "anne@kk.dk", true)), Role("klik-administrator", Person("Anne", "anne@kk.dk", true)),
            Role("projektejer", Person("Carl", "carl@kk.dk", true)));
        var bounced = OrganisationWarnings.Of(gallery, new HashSet<EmailAddress> { EmailAddress.Parse("ANNE@kk.dk") })
            .Where(w => w.Kind == OrganisationWarningKind.BouncedAddress).ToList();
        bounced.Select(w => w.Role).ShouldBe(["projektleder", "klik-administrator"]);
        bounced.ShouldAllBe(w => w.Email == "anne@kk.dk" && w.Message.Contains("kom retur"));
    }

    private static MunicipalOrganisation Valid(params RoleDraft[] roles)
    {
        var outcome = OrganisationValidation.Validate(new OrganisationDraft(roles, []));
        outcome.IsAccepted.ShouldBeTrue(outcome.ToString());
        return outcome.Value;
    }
}

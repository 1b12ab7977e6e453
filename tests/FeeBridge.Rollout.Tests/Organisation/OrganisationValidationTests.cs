using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Rollout.Tests.Organisation;

/// <summary>CONTRACTS.md §6 organisation: roles with people, competences covered by people of the gallery.</summary>
public sealed class OrganisationValidationTests
{
    [Fact]
    public void TheRoles_AreTheEightOfDomain8_WithTheContractsIds()
    {
        // CONTRACTS.md §6: "roles include projektejer, projektleder, oeir-koordinator, klik-administrator, superbruger, systemadministrator".
        Roles.All.Select(r => r.Id).ShouldBe(["projektejer", "projektleder", "oeir-koordinator", "klik-administrator", "superbruger",
            "systemadministrator", "bibliotekspersonale", "debitorpersonale"]);
        Roles.All.Select(r => r.Role).ShouldBe(Enum.GetValues<RoleId>());
        Roles.Of(RoleId.OeirKoordinator).Title.ShouldBe("ØiR-koordinator");
    }

    [Fact]
    public void TheCompetences_AreTheSevenOfTask23_InItsOrder()
    {
        Competences.All.Count.ShouldBe(7);
        Competences.All.Select(c => c.Competence).ShouldBe(Enum.GetValues<CompetenceId>());
        Competences.All.Select(c => c.Id).ShouldBeUnique();
        // sources/003: "Viden om den planlagte inddrivelsesindsats på biblioteksområdet (PSRM)".
        Competences.Of(CompetenceId.Inddrivelsesindsats).Title.ShouldContain("PSRM");
        Competences.Of(CompetenceId.Systemadministration).Title.ShouldContain("Serviceplatformen");
        Competences.Of(CompetenceId.KommunensBetalingsmuligheder).Title.ShouldContain("p-bøder");
    }

    [Fact]
    public void AValidGallery_IsAccepted_WithEveryRoleAndCompetence_InOrder()
    {
        var outcome = OrganisationValidation.Validate(new OrganisationDraft(
            [
                Role("debitorpersonale", Person("Bo Jensen", "bo@kk.dk")),
                Role("projektleder", Person("Anne Hansen", "anne@kk.dk", primary: true)),
            ],
            [new CompetenceDraft("kommunikation", ["ANNE@kk.dk"], new DateOnly(2026, 4, 1))]));
        outcome.IsAccepted.ShouldBeTrue(outcome.ToString());
        var gallery = outcome.Value;
        gallery.RoleMembers.Select(r => r.Id).ShouldBe(Roles.All.Select(r => r.Id));
        gallery.Members(RoleId.Projektleder).People.ShouldBe([new RolePerson("Anne Hansen", EmailAddress.Parse("anne@kk.dk"), true)]);
        gallery.Members(RoleId.Projektejer).People.ShouldBeEmpty();
        gallery.CompetenceCovers.Count.ShouldBe(7);
        gallery.CompetenceCovers[(int)CompetenceId.Kommunikation].ShouldSatisfyAllConditions(
            c => c.CoveredBy.ShouldBe([EmailAddress.Parse("anne@kk.dk")]),
            c => c.From.ShouldBe(new DateOnly(2026, 4, 1)));
        gallery.Contains(EmailAddress.Parse("bo@kk.dk")).ShouldBeTrue();
        gallery.Holds(EmailAddress.Parse("bo@kk.dk"), RoleId.Debitorpersonale).ShouldBeTrue();
        gallery.Holds(EmailAddress.Parse("bo@kk.dk"), RoleId.Projektleder).ShouldBeFalse();
        gallery.EmptyRoleCount.ShouldBe(6);
    }

    [Fact]
    public void OnePerson_MayHoldSeveralRoles()
    {
        var outcome = OrganisationValidation.Validate(new OrganisationDraft(
            [Role("projektleder", Person("Anne Hansen", "anne@kk.dk", true)), Role("klik-administrator", Person("Anne Hansen", "anne@kk.dk", true))], []));
        outcome.IsAccepted.ShouldBeTrue(outcome.ToString());
        outcome.Value.People.Count.ShouldBe(1);
    }

    [Fact]
    public void EveryMistake_IsRefused_NamingItsField()
    {
        var outcome = OrganisationValidation.Validate(new OrganisationDraft(
            [
                Role("projektleder", Person("", "anne@kk.dk", true), Person("Bo", "bo@kk", false)),
                Role("chef", Person("Carl", "carl@kk.dk")),
                Role("superbruger", Person("Dorte", "dorte@kk.dk", true), Person("Eva", "eva@kk.dk", true)),
                Role("projektleder"),
                Role("systemadministrator", Person("Finn", "finn@kk.dk"), Person("Finn F.", "FINN@kk.dk")),
                Role("projektejer", Person("Dorthe", "dorte@kk.dk")),
            ],
            [
                new CompetenceDraft("kommunikation", ["carl@kk.dk", "x"], null),
                new CompetenceDraft("jura", [], null),
                new CompetenceDraft("kommunikation", [], null),
            ]));
        outcome.IsAccepted.ShouldBeFalse();
        outcome.Refusals.Select(r => r.Field).ShouldBe(
        [
            "roles[0].people[0].name",       // a name is required
            "roles[0].people[1].email",      // a valid address
            "roles[1].role",                 // a known role
            "roles[2].people",               // at most one primary
            "roles[3].role",                 // a role once
            "roles[4].people[1].email",      // a person once per role
            "roles[5].people[0].name",       // one address, one name
            "competences[0].coveredBy[0]",   // only people of the gallery cover a competence
            "competences[0].coveredBy[1]",
            "competences[1].competence",     // a known competence
            "competences[2].competence",     // a competence once
        ]);
        outcome.Refusals.ShouldAllBe(r => r.Reason.Length > 0);
        outcome.Refusals.Single(r => r.Field == "roles[2].people").Reason.ShouldContain("Superbruger");
    }

    internal static RoleDraft Role(string role, params PersonDraft[] people) => new(role, people);

    internal static PersonDraft Person(string name, string email, bool primary = false) => new(name, email, primary);
}

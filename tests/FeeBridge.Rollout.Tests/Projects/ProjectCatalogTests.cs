using FeeBridge.Rollout.Projects;

namespace FeeBridge.Rollout.Tests.Projects;

/// <summary>DOMAIN.md §8: phases, themes, waves, priorities "differ per project …, so they are data, not an enum".</summary>
public sealed class ProjectCatalogTests
{
    private static readonly ProjectCatalog Shipped = ProjectCatalog.Shipped;

    [Fact]
    public void TheShippedCatalog_HasTheDebtorIntegrationAndFbs2()
    {
        Shipped.Projects.Select(p => p.Id).ShouldBe(["fbs-debitorintegration", "fbs2"]);
        Shipped.Find("fbs2")!.Name.ShouldBe("FBS 2.0");
        Shipped.Find("kys").ShouldBeNull();
    }

    [Theory]
    [InlineData("FBS - Fælles Biblioteksystem", "fbs-debitorintegration")] // sources/000-002
    [InlineData("FBS - Fælles Bibliotekssystem", "fbs-debitorintegration")] // sources/003
    [InlineData("fbs  -  fælles biblioteksystem", "fbs-debitorintegration")]
    [InlineData("FBS 2.0", "fbs2")]
    public void AProject_IsFoundByTheNameItsDocumentsCarry(string name, string id) =>
        Shipped.FindByDocumentName(name)!.Id.ShouldBe(id);

    [Fact]
    public void AnUnknownName_FindsNoProject() => Shipped.FindByDocumentName("Kommunernes Ydelsessystem").ShouldBeNull();

    [Fact]
    public void ThePriorityScale_KnowsOnlyLevelThree_AndMarksTheRestAsGuesses()
    {
        // DOMAIN.md §8: "No public source gives KLIK's … priority scale beyond … "Prioritet 3 - anbefalet"."
        foreach (var project in Shipped.Projects)
        {
            project.Priority(3).ShouldBe(new PriorityLevel(3, "anbefalet"));
            project.Priorities.Where(p => p.Level != 3).ShouldAllBe(p => p.Assumed);
        }
    }

    [Fact]
    public void TheDocumentsPhaseAndTheme_AreKnown_NotAssumed()
    {
        var debtor = Shipped.Find("fbs-debitorintegration")!;
        debtor.Phases.Single(p => p.Name == "Fase 2: Forberedelse").Assumed.ShouldBeFalse();
        debtor.Phases.Count(p => !p.Assumed).ShouldBe(1, "the documents show one phase; the others are marked as guesses");
        debtor.Themes.Single(t => t.Name == "Organisering og arbejdsgange").Assumed.ShouldBeFalse();
        debtor.Themes.Select(t => t.Name).ShouldContain("Kompetenceudvikling");
        debtor.Waves.ShouldHaveSingleItem().Name.ShouldBe("FBS - Fælles Biblioteksystem - FBS – testbølge");
    }

    [Fact]
    public void EveryProject_HasTheRolesOfContractsSection6()
    {
        // CONTRACTS.md §6: "roles include projektejer, projektleder, oeir-koordinator, klik-administrator, superbruger, systemadministrator".
        foreach (var project in Shipped.Projects)
        {
            project.Roles.Select(r => r.Id).ShouldBe(
                ["projektejer", "projektleder", "oeir-koordinator", "klik-administrator", "superbruger", "systemadministrator",
                 "biblioteksmedarbejder", "oekonomimedarbejder"], ignoreOrder: true);
            project.FindRole("ØiR-koordinator")!.Id.ShouldBe("oeir-koordinator");
            project.FindRole("debitor-/økonomimedarbejdere")!.Id.ShouldBe("oekonomimedarbejder");
            project.FindRole("biblioteksfolk")!.Id.ShouldBe("biblioteksmedarbejder");
        }
    }

    [Fact]
    public void ACatalogWithAProjectTwice_IsRefused() =>
        Should.Throw<FormatException>(() => ProjectCatalog.Parse("""
            { "projects": [
              { "id": "a", "name": "A", "documentNames": [], "phases": [], "themes": [], "waves": [], "priorities": [], "roles": [] },
              { "id": "a", "name": "B", "documentNames": [], "phases": [], "themes": [], "waves": [], "priorities": [], "roles": [] } ] }
            """)).Message.ShouldContain("appears twice");
}

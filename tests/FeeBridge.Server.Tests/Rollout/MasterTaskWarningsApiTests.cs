using System.Text.Json.Nodes;
using FeeBridge.Rollout.Klik;
using FeeBridge.Rollout.Projects;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout;

/// <summary>
/// CONTRACTS.md §6: the master task JSON carries "<c>warnings</c> naming each field the importer was unsure of (OCR
/// repairs, a missing field)", and a municipality's task is "master task fields plus …". Sandbox mode imports the OCR
/// source document (001) at start; its warnings must come back from the master task list and from every copy.
/// </summary>
public abstract class MasterTaskWarningsApiTests(RolloutSite site)
{
    private const string Project = "fbs-debitorintegration";

    /// <summary>What the importer says about 001 when it is the first of the project's tasks, as at the sandbox's start.</summary>
    private static MasterTaskDraft SeededOcrDraft()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Rollout", "Sources", "001_2e8c465e1d983d6a.txt"));
        return KlikImporter.Parse(KlikDocument.FromText(text), ProjectCatalog.Shipped.Find(Project)!).ShouldBeOfType<KlikImportResult.Parsed>().Draft;
    }

    private static List<string> Warnings(JsonNode task) => [.. task["warnings"]!.AsArray().Select(w => (string)w!)];

    [Fact]
    public async Task TheOcrDocumentsWarnings_ComeBackFromTheMasterTasks_AndFromTheMunicipalitysCopy()
    {
        var expected = SeededOcrDraft();
        expected.Warnings.ShouldNotBeEmpty();

        using var kombit = await site.StaffAsync("kombit");
        var masters = await (await kombit.GetAsync($"/api/v1/rollout/projects/{Project}/master-tasks")).Array();
        var master = masters.Single(m => (string?)m!["title"] == expected.Title)!;
        Warnings(master).ShouldBe(expected.Warnings);
        // The tasks read from clean text have nothing to warn about.
        masters.Where(m => m != master).ShouldAllBe(m => m!["warnings"]!.AsArray().Count == 0);

        using var leader = await site.StaffAsync("projektleder-190");
        var copy = (await (await leader.GetAsync($"/api/v1/rollout/municipalities/190/tasks?project={Project}")).Array())
            .Single(t => (string?)t!["title"] == expected.Title)!;
        Warnings(copy).ShouldBe(expected.Warnings);
        var one = await (await leader.GetAsync($"/api/v1/rollout/municipalities/190/tasks/{copy["taskId"]}")).Json();
        Warnings(one).ShouldBe(expected.Warnings);
    }
}

[Trait("store", "sqlite")]
public sealed class MasterTaskWarningsApiOnSqlite(SqliteRolloutSite site) : MasterTaskWarningsApiTests(site), IClassFixture<SqliteRolloutSite>;

[Trait("store", "postgresql")]
public sealed class MasterTaskWarningsApiOnPostgres(PostgresRolloutSite site) : MasterTaskWarningsApiTests(site), IClassFixture<PostgresRolloutSite>;

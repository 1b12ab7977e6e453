using FeeBridge.Persistence.Rollout;
using FeeBridge.Persistence.Schema;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Storage;

/// <summary>
/// DESIGN.md "one migration sequence per bounded context": the rollout's schema lives beside the ledger's in one
/// database, each recorded in its own version table, each refusing a database newer than it knows.
/// </summary>
public abstract class RolloutStoreTests(StoreKind kind)
{
    [Fact]
    public async Task TheRolloutAndTheLedger_EachRecordTheirOwnVersions()
    {
        using var host = new FeeBridgeHost(kind);
        var dialect = host.Store.Dialect;
        (await dialect.ScalarAsync("SELECT MAX(version) FROM schema_migrations")).ShouldBe(Migrations.Latest);
        (await dialect.ScalarAsync("SELECT MAX(version) FROM rollout_schema_migrations")).ShouldBe(RolloutStore.Sequence.Latest);

        // Running both again (a second process starting) changes nothing.
        await host.Store.MigrateAsync(CancellationToken.None);
        (await dialect.ScalarAsync("SELECT COUNT(*) FROM rollout_schema_migrations")).ShouldBe(RolloutStore.Sequence.Latest);
    }

    [Fact]
    public async Task AProjectDefinition_IsKept_AndSavingItAgainReplacesIt()
    {
        using var host = new FeeBridgeHost(kind);
        var store = host.Store.Rollout;
        var t0 = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        await store.SaveProjectAsync("fbs2", """{"phases":["Fase 1"]}""", t0, CancellationToken.None);
        await store.SaveProjectAsync("fbs-debitorintegration", """{"phases":[]}""", t0, CancellationToken.None);
        await store.SaveProjectAsync("fbs2", """{"phases":["Fase 1","Fase 2"]}""", t0.AddHours(1), CancellationToken.None);

        var projects = await store.ProjectsAsync(CancellationToken.None);
        projects.Select(p => p.ProjectId).ShouldBe(["fbs-debitorintegration", "fbs2"]);
        projects[1].DefinitionJson.ShouldBe("""{"phases":["Fase 1","Fase 2"]}""");
        projects[1].UpdatedAt.ShouldBe(t0.AddHours(1));
    }

    [Fact]
    public async Task ADatabaseWithANewerRolloutSchema_IsRefused_NamingTheContext()
    {
        using var host = new FeeBridgeHost(kind);
        await host.Store.Dialect.ExecAsync($"INSERT INTO rollout_schema_migrations (version, applied_at) VALUES ({RolloutStore.Sequence.Latest + 1}, 0)");
        var e = await Should.ThrowAsync<InvalidOperationException>(() => host.Store.MigrateAsync(CancellationToken.None));
        e.Message.ShouldContain("the rollout schema version");
    }

}

[Trait("store", "sqlite")]
public sealed class RolloutStoreOnSqlite() : RolloutStoreTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class RolloutStoreOnPostgres() : RolloutStoreTests(StoreKind.Postgres);

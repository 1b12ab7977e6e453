using FeeBridge.Persistence.Schema;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Storage;

/// <summary>
/// CONTRACTS.md §5: "Every staff action and every view of a full CPR number is written to an append-only audit log
/// (who, when, what, which record)". Append-only is the database's rule, not only the store's manners.
/// </summary>
public abstract class AuditStoreTests(StoreKind kind)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Entries_AreListedNewestFirst_AndFilteredByTimeActorAndRecord()
    {
        using var host = new FeeBridgeHost(kind);
        var audit = host.Store.Audit;
        await audit.AppendAsync(T0, "projektleder-101", "rollout.task.changed", "rollout/101/task-26", null, """{"status":"done"}""", default);
        await audit.AppendAsync(T0.AddMinutes(1), "kombit", "rollout.master-task.imported", "rollout/fbs-debitorintegration/26", null, null, default);
        await audit.AppendAsync(T0.AddMinutes(2), "bibliotekar", "claim.debtor.revealed", "claim/710100/B1", "Borgeren ringede", null, default);

        var all = await audit.ListAsync(null, null, null, null, 10, default);
        all.Select(e => e.Actor).ShouldBe(["bibliotekar", "kombit", "projektleder-101"]);
        all[0].Reason.ShouldBe("Borgeren ringede");
        all[0].At.ShouldBe(T0.AddMinutes(2));
        (await audit.ListAsync(T0.AddMinutes(1), null, null, null, 10, default)).Count.ShouldBe(2);
        (await audit.ListAsync(null, "kombit", null, null, 10, default)).Single().Action.ShouldBe("rollout.master-task.imported");
        (await audit.ListAsync(null, null, "rollout/101/task-26", null, 10, default)).Single().Detail.ShouldBe("""{"status":"done"}""");
        (await audit.ListAsync(null, null, null, all[1].Id, 10, default)).Single().Actor.ShouldBe("projektleder-101");
    }

    [Theory]
    [InlineData("UPDATE audit_log SET actor = 'someone else'")]
    [InlineData("DELETE FROM audit_log")]
    public async Task TheDatabase_RefusesToRewriteOrRemoveAnEntry(string statement)
    {
        using var host = new FeeBridgeHost(kind);
        await host.Store.Audit.AppendAsync(T0, "admin", "config.changed", "config", null, null, default);

        await Should.ThrowAsync<Exception>(() => host.Store.Dialect.ExecAsync(statement));
        (await host.Store.Audit.ListAsync(null, null, null, null, 10, default)).Single().Actor.ShouldBe("admin");
    }
}

[Trait("store", "sqlite")]
public sealed class AuditStoreOnSqlite() : AuditStoreTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class AuditStoreOnPostgres() : AuditStoreTests(StoreKind.Postgres);

using System.Globalization;
using System.Text;
using FeeBridge.Persistence.Staff;
using FeeBridge.Server.Staff.Pages.Console;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Storage;

/// <summary>
/// The finance queue's reads (CONTRACTS.md §8 queue): every kind is counted for the tabs, but only up to
/// <see cref="StaffConsoleStore.CountUpTo"/> (a person needs "1.000+", not the exact size of a backlog), and only
/// the asked kind's page is read.
/// </summary>
public abstract class FinanceQueueStoreTests(StoreKind kind)
{
    private static async Task RefusedReportsAsync(FeeBridgeHost host, string municipality, int n)
    {
        var sql = new StringBuilder("INSERT INTO inbox (haendelse_id, municipality, fagsystem_fordring_id, type, beloeb_ore, value_date, restsaldo_ore, state, reason, received_at, lease_until) VALUES ");
        for (var i = 0; i < n; i++)
            sql.Append(CultureInfo.InvariantCulture, $"{(i > 0 ? "," : "")}('{Guid.NewGuid():D}', '{municipality}', '710100-X{i}', 'covered', 100, '2026-12-01', 0, 'refused', 'Ukendt krav', {i}, 0)");
        await host.Store.Dialect.ExecAsync(sql.ToString());
    }

    [Fact]
    public async Task EachKindIsCountedUpToTheCap_AndOnlyTheAskedKindsPageIsRead()
    {
        using var host = new FeeBridgeHost(kind);
        await RefusedReportsAsync(host, "101", StaffConsoleStore.CountUpTo + 5);
        var queue = host.Store.StaffConsole;
        DateTimeOffset longAgo = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var refused = await queue.QueueAsync("101", ["710100"], QueueKind.Refused, 20, 3, longAgo, false, default);
        refused.Counts[QueueKind.Refused].ShouldBe(StaffConsoleStore.CountUpTo);
        refused.Items.Count.ShouldBe(20);
        refused.Items.ShouldAllBe(i => i.Kind == QueueKind.Refused);
        refused.Items[0].Reference.ShouldBe("710100-X0"); // oldest first

        var attention = await queue.QueueAsync("101", ["710100"], QueueKind.Attention, 20, 3, longAgo, false, default);
        attention.Items.ShouldBeEmpty();
        attention.Counts[QueueKind.Refused].ShouldBe(StaffConsoleStore.CountUpTo); // the tabs still say how many

        var all = await queue.QueueAsync("101", ["710100"], null, 20, 3, longAgo, false, default);
        all.Items.Count.ShouldBe(20);
        (await queue.QueueAsync("147", ["147000"], null, 20, 3, longAgo, false, default)).Counts.Values.Sum().ShouldBe(0);
    }

    [Fact]
    public async Task StuckHandlings_AreCountedUpToTheCap_AndSaySoWithTheOldestWaiting()
    {
        using var host = new FeeBridgeHost(kind);
        var sql = new StringBuilder("INSERT INTO outbox (municipality, agency_id, claim_id, seq, handling_id, kind, state, attempts, not_before, lease_until, created_at) VALUES ");
        for (var i = 0; i < StaffConsoleStore.CountUpTo + 5; i++)
            sql.Append(CultureInfo.InvariantCulture, $"{(i > 0 ? "," : "")}('101', '710100', 'S{i}', 2, '{Guid.NewGuid():D}', 'DebitorRegistrering', 'pending', 0, 0, 0, {1_000_000 + i})");
        await host.Store.Dialect.ExecAsync(sql.ToString());

        var page = await host.Store.StaffConsole.QueueAsync("101", ["710100"], QueueKind.Stuck, 20, 3, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), false, default);
        var stuck = page.Items.ShouldHaveSingleItem();
        stuck.Count.ShouldBe(StaffConsoleStore.CountUpTo);
        stuck.Reason.ShouldContain($"{StaffConsoleStore.CountUpTo} or more handlings wait");
        stuck.Since.ShouldBe(Persistence.Claims.ClaimCodec.FromMicros(1_000_000));
    }

    [Fact]
    public async Task CountsStayRight_AfterAResendAndADismissal_AndRefusedRegistrationsAreNotRefusedChanges()
    {
        // Hjørring (0860) and its library: the queue's partial indexes (migration step 4) must count exactly what waits.
        using var host = new FeeBridgeHost(kind);
        var sql = new StringBuilder("INSERT INTO outbox (municipality, agency_id, claim_id, seq, handling_id, kind, state, attempts, not_before, lease_until, receipt_code, receipt_text, created_at) VALUES ");
        string[] kinds = ["OpretDebitorkonto", "OpretDebitorkonto", "OpretDebitorkonto", "NedskrivFordring", "AnnullerFordring"];
        for (var i = 0; i < kinds.Length; i++)
            sql.Append(CultureInfo.InvariantCulture, $"{(i > 0 ? "," : "")}('860', '786000', 'Q{i}', 2, '{Guid.NewGuid():D}', '{kinds[i]}', 'rejected', 1, 0, 0, 'AFVIST', 'Afvist', {1_780_000_000_000_000 + i})");
        await host.Store.Dialect.ExecAsync(sql.ToString());
        await RefusedReportsAsync(host, "860", 2);
        var queue = host.Store.StaffConsole;
        DateTimeOffset longAgo = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Task<QueuePage> Read() => queue.QueueAsync("860", ["786000"], null, 20, 3, longAgo, false, default);

        var before = await Read();
        before.Counts[QueueKind.Handling].ShouldBe(2); // the three refused registrations are rejected claims' business, not refused changes
        before.Counts[QueueKind.Refused].ShouldBe(2);
        before.Items.Where(i => i.Kind == QueueKind.Handling).Select(i => i.Reference).ShouldBe(["NedskrivFordring", "AnnullerFordring"], ignoreOrder: true);

        var handling = before.Items.First(i => i.Kind == QueueKind.Handling && i.Reference == "NedskrivFordring");
        (await queue.ResendHandlingAsync(long.Parse(handling.ItemId["handling:".Length..], CultureInfo.InvariantCulture), "860", DateTimeOffset.UtcNow, default)).ShouldBeTrue();
        var report = before.Items.First(i => i.Kind == QueueKind.Refused);
        await queue.RecordResolutionAsync(report.ItemId, report.Version, "860", "dismiss", "test", "set i FBS", DateTimeOffset.UtcNow, default);

        var after = await Read();
        after.Counts[QueueKind.Handling].ShouldBe(1);
        after.Counts[QueueKind.Refused].ShouldBe(1);
        after.Counts[QueueKind.Stuck].ShouldBe(0); // resent once, tried twice: on its way, not stuck
        after.Items.ShouldNotContain(i => i.ItemId == handling.ItemId || i.ItemId == report.ItemId);
        after.Items.Count.ShouldBe(2);
    }

    [Fact]
    public void ACountAtTheCap_IsShownAsThatManyPlus()
    {
        FinanceModel.Count(StaffConsoleStore.CountUpTo).ShouldBe("1.000+");
        FinanceModel.Count(999).ShouldBe("999");
        FinanceModel.Count(0).ShouldBe("0");
    }
}

[Trait("store", "sqlite")]
public sealed class FinanceQueueStoreOnSqlite() : FinanceQueueStoreTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class FinanceQueueStoreOnPostgres() : FinanceQueueStoreTests(StoreKind.Postgres);

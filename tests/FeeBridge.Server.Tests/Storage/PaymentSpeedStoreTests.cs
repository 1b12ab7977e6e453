using System.Globalization;
using System.Text;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Storage;

/// <summary>
/// What the citizen page's payment speed is measured from: applied payments (<c>Daekning</c>) of the last days, newest
/// first, read municipality by municipality along the staff console's day index (no inbox index of its own).
/// </summary>
public abstract class PaymentSpeedStoreTests(StoreKind kind)
{
    [Fact]
    public async Task AppliedPaymentsOfTheAskedMunicipalities_NewestFirst_UpToTheMax_AndNothingElse()
    {
        using var host = new FeeBridgeHost(kind);
        var since = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var at = Persistence.Claims.ClaimCodec.ToMicros(since);
        const long Second = 1_000_000;
        // (municipality, type, state, received after since in s, applied after receiving in ms)
        (string M, string Type, string State, long ReceivedS, long? AppliedMs)[] rows =
        [
            ("101", "covered", "applied", 10, 5), ("101", "covered", "applied", 30, 7), ("751", "covered", "applied", 20, 900),
            ("751", "covered", "applied", 40, 2_000), ("101", "adjusted-down", "applied", 50, 1), ("101", "covered", "refused", 60, null),
            ("101", "covered", "pending", 70, null), ("147", "covered", "applied", 80, 3), ("101", "covered", "applied", -10, 4),
        ];
        var sql = new StringBuilder("INSERT INTO inbox (haendelse_id, municipality, fagsystem_fordring_id, type, beloeb_ore, value_date, restsaldo_ore, state, received_at, applied_at, lease_until) VALUES ");
        sql.AppendJoin(", ", rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"('{Guid.NewGuid():D}', '{r.M}', '710100-S', '{r.Type}', 100, '2026-12-01', 0, '{r.State}', {at + r.ReceivedS * Second}, {(r.AppliedMs is { } ms ? (at + r.ReceivedS * Second + ms * 1000).ToString(CultureInfo.InvariantCulture) : "NULL")}, 0)")));
        await host.Store.Dialect.ExecAsync(sql.ToString());

        (await host.Store.Inbox.PaymentApplyMillisecondsAsync(["101", "751"], since, 10, default)).ShouldBe([2_000L, 7, 900, 5]);
        (await host.Store.Inbox.PaymentApplyMillisecondsAsync(["101", "751"], since, 2, default)).ShouldBe([2_000L, 7]);
        (await host.Store.Inbox.PaymentApplyMillisecondsAsync(["147"], since, 10, default)).ShouldBe([3L]);
        (await host.Store.Inbox.PaymentApplyMillisecondsAsync([], since, 10, default)).ShouldBeEmpty();
    }
}

[Trait("store", "sqlite")]
public sealed class PaymentSpeedStoreOnSqlite() : PaymentSpeedStoreTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class PaymentSpeedStoreOnPostgres() : PaymentSpeedStoreTests(StoreKind.Postgres);

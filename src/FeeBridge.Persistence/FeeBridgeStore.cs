using FeeBridge.Persistence.Access;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Inbox;
using FeeBridge.Persistence.Notices;
using FeeBridge.Persistence.Outbox;
using FeeBridge.Persistence.Schema;
using FeeBridge.Persistence.Security;

namespace FeeBridge.Persistence;

/// <summary>
/// The storage of one FeeBridge deployment: PostgreSQL when a connection string is given, else SQLite in the data
/// directory. Same schema and behaviour on both.
/// </summary>
public sealed class FeeBridgeStore : IAsyncDisposable
{
    private FeeBridgeStore(StoreDialect dialect, CprProtector protector)
    {
        Dialect = dialect;
        Claims = new ClaimStore(dialect, new ClaimCodec(protector));
        ApiKeys = new ApiKeyStore(dialect);
        Outbox = new OutboxStore(dialect);
        Inbox = new InboxStore(dialect);
        Notices = new NoticeStore(dialect);
        Sessions = new SessionStore(dialect);
    }

    public StoreDialect Dialect { get; }
    public ClaimStore Claims { get; }
    public ApiKeyStore ApiKeys { get; }
    public OutboxStore Outbox { get; }
    public InboxStore Inbox { get; }
    public NoticeStore Notices { get; }
    public SessionStore Sessions { get; }

    public static FeeBridgeStore Open(string? postgresConnectionString, string dataDirectory, CprProtector protector)
    {
        StoreDialect dialect = string.IsNullOrWhiteSpace(postgresConnectionString)
            ? new SqliteDialect(Path.Combine(dataDirectory, "feebridge.db"))
            : new PostgresDialect(postgresConnectionString);
        return new FeeBridgeStore(dialect, protector);
    }

    /// <summary>Creates or upgrades the schema. Safe to call from several processes at once.</summary>
    public Task MigrateAsync(CancellationToken ct) => Migrations.ApplyAsync(Dialect, ct);

    public async ValueTask DisposeAsync()
    {
        await Claims.DisposeAsync();
        await Dialect.DisposeAsync();
    }
}

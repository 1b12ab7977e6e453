using FeeBridge.Persistence.Access;
using FeeBridge.Persistence.Audit;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Inbox;
using FeeBridge.Persistence.Monitoring;
using FeeBridge.Persistence.Notices;
using FeeBridge.Persistence.Outbox;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Persistence.Schema;
using FeeBridge.Persistence.Security;
using FeeBridge.Persistence.Staff;

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
        Ledger = new ClaimLedger(dialect, new ClaimCodec(protector));
        Claims = new ClaimQueries(dialect, Ledger);
        Intake = new ClaimIntakeStore(dialect, Ledger, Claims);
        ApiKeys = new ApiKeyStore(dialect);
        Outbox = new OutboxStore(dialect, Ledger);
        Circuits = new CircuitStore(dialect);
        Inbox = new InboxStore(dialect, Ledger);
        Notices = new NoticeStore(dialect);
        Monitoring = new MonitoringStore(dialect);
        Rollout = new RolloutStore(dialect);
        Sessions = new SessionStore(dialect);
        Audit = new AuditStore(dialect);
        StaffConsole = new StaffConsoleStore(dialect, Ledger);
    }

    public StoreDialect Dialect { get; }
    /// <summary>The claim ledger: commands on claims, and the append every other face writes through.</summary>
    public ClaimLedger Ledger { get; }

    /// <summary>Reading claims: one with its history, pages of summaries, a patron's, a liable party's.</summary>
    public ClaimQueries Claims { get; }

    /// <summary>New claims from the library system, routed as they are stored.</summary>
    public ClaimIntakeStore Intake { get; }

    /// <summary>Handlings for the debtor systems, and the receipts they answer with.</summary>
    public ApiKeyStore ApiKeys { get; }
    public OutboxStore Outbox { get; }
    /// <summary>The debtor systems' open circuits, as every process sees them.</summary>
    public CircuitStore Circuits { get; }
    /// <summary>The debtor systems' reports (payments, write-offs, hand-offs), stored and then applied.</summary>
    public InboxStore Inbox { get; }
    public NoticeStore Notices { get; }
    public MonitoringStore Monitoring { get; }
    public RolloutStore Rollout { get; }
    public SessionStore Sessions { get; }

    /// <summary>The append-only audit log: every staff action and every view of a full CPR number.</summary>
    public AuditStore Audit { get; }

    /// <summary>The staff console's reads (patron search, timelines, the finance queue, totals) and queue operations.</summary>
    public StaffConsoleStore StaffConsole { get; }

    public static FeeBridgeStore Open(string? postgresConnectionString, string dataDirectory, CprProtector protector)
    {
        StoreDialect dialect = string.IsNullOrWhiteSpace(postgresConnectionString)
            ? new SqliteDialect(Path.Combine(dataDirectory, "feebridge.db"))
            : new PostgresDialect(postgresConnectionString);
        return new FeeBridgeStore(dialect, protector);
    }

    /// <summary>Creates or upgrades the schema of each bounded context. Safe to call from several processes at once.</summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        await Migrations.ApplyAsync(Dialect, ct);
        await RolloutStore.Sequence.ApplyAsync(Dialect, ct);
        await AuditStore.Sequence.ApplyAsync(Dialect, ct);
        await StaffConsoleStore.Sequence.ApplyAsync(Dialect, ct);
        await Ledger.FillDebtorHashesAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await Intake.DisposeAsync();
        await Dialect.DisposeAsync();
    }
}

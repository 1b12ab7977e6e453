using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Rollout.Municipalities;

namespace FeeBridge.Persistence.Rollout;

/// <summary>A rollout project's definition (phases, themes, waves, priority scale — data, not code) as the rollout writes it.</summary>
public sealed record StoredProject(string ProjectId, string DefinitionJson, DateTimeOffset UpdatedAt);

/// <summary>
/// The rollout's own store (DESIGN.md: one store per face, one migration sequence per bounded context). It shares
/// the database with the ledger but none of its tables, and its schema grows in <see cref="Sequence"/>, recorded in
/// <c>rollout_schema_migrations</c>. Its faces: <see cref="MasterTasks"/>, <see cref="Tasks"/> (with history and
/// attachments), <see cref="Organisations"/> (with bounced addresses), <see cref="FeedTokens"/>,
/// <see cref="Reminders"/>, <see cref="ReminderPreferences"/>, <see cref="Evidence"/>, <see cref="Progress"/>,
/// <see cref="Drafts"/> and <see cref="Faqs"/>.
/// </summary>
/// <param name="dialect">The database.</param>
/// <param name="register">The municipalities every master task is copied to; <see cref="MunicipalityRegister.Denmark"/> (all 98) unless given.</param>
public sealed class RolloutStore(StoreDialect dialect, MunicipalityRegister? register = null)
{
    /// <summary>KOMBIT's master tasks, versioned; an import writes every municipality's copy with it.</summary>
    public MasterTaskStore MasterTasks { get; } = new(dialect, register ?? MunicipalityRegister.Denmark);
    /// <summary>The municipalities' tasks: copies and local tasks, their history and attachments.</summary>
    public MunicipalTaskStore Tasks { get; } = new(dialect);
    /// <summary>The role galleries and the addresses that bounced.</summary>
    public OrganisationStore Organisations { get; } = new(dialect);
    /// <summary>The calendar feed links' token hashes.</summary>
    public FeedTokenStore FeedTokens { get; } = new(dialect);
    /// <summary>The reminders sent, once each.</summary>
    public ReminderLog Reminders { get; } = new(dialect);
    /// <summary>Each person's own reminder choices.</summary>
    public ReminderPreferenceStore ReminderPreferences { get; } = new(dialect);
    /// <summary>The latest result of FeeBridge's own checks per municipality.</summary>
    public EvidenceStore Evidence { get; } = new(dialect);
    /// <summary>Working groups, their applications and their lottery (CONTRACTS.md §7).</summary>
    public WorkingGroupStore WorkingGroups { get; } = new(dialect);
    /// <summary>The communication plans (issue 16 part 1), their rows and history.</summary>
    public CommunicationPlanStore CommunicationPlans { get; } = new(dialect);
    /// <summary>What the communication plan sent, to whom, and what became of each (issue 16 part 4).</summary>
    public CommunicationSendStore CommunicationSends { get; } = new(dialect);
    /// <summary>KOMBIT's overview across all municipalities.</summary>
    public ProgressStore Progress { get; } = new(dialect, new OrganisationStore(dialect), register ?? MunicipalityRegister.Denmark);
    /// <summary>The municipalities' draft templates with their history, and the facts each draft was last seen with.</summary>
    public DraftStore Drafts { get; } = new(dialect);
    /// <summary>The municipalities' FAQs, every version, and the one published for /borger.</summary>
    public FaqStore Faqs { get; } = new(dialect);

    public static readonly MigrationSequence Sequence = new("the rollout", "rollout_schema_migrations",
    [
        (1, """
            -- A project's definition as JSON: the rollout's model owns its shape, the store only keeps it.
            CREATE TABLE rollout_projects (
                project_id         TEXT PRIMARY KEY,
                definition         TEXT NOT NULL,
                updated_at         {int64} NOT NULL
            );
            """, null),
        (2, """
            -- Master tasks, one row per version, never rewritten. master_key is 'id:<Master-opgave ID>', or
            -- 'title:<title>' for a task whose document lost its id; fields is the version's MasterTaskFields as JSON.
            CREATE TABLE rollout_master_tasks (
                project            TEXT NOT NULL,
                master_key         TEXT NOT NULL,
                version            INTEGER NOT NULL,
                master_task_id     TEXT,
                fingerprint        TEXT NOT NULL,
                fields             TEXT NOT NULL,
                changed_fields     TEXT NOT NULL,
                imported_at        {int64} NOT NULL,
                imported_by        TEXT NOT NULL,
                PRIMARY KEY (project, master_key, version)
            );
            -- The municipalities' tasks: the whole MunicipalTask as JSON (what is read back) beside the columns that
            -- are filtered and counted in SQL, written from the same task. origin: master-copy | local; status: the
            -- wire ids; deadline: YYYY-MM-DD; waves: a JSON array. One copy per municipality per master task.
            CREATE TABLE rollout_tasks (
                task_id            TEXT PRIMARY KEY,
                municipality       TEXT NOT NULL,
                project            TEXT NOT NULL,
                origin             TEXT NOT NULL,
                master_key         TEXT,
                status             TEXT NOT NULL,
                deadline           TEXT,
                phase              TEXT NOT NULL,
                theme              TEXT NOT NULL,
                waves              TEXT NOT NULL,
                revision           INTEGER NOT NULL,
                task               TEXT NOT NULL,
                created_at         {int64} NOT NULL,
                updated_at         {int64} NOT NULL
            );
            CREATE UNIQUE INDEX rollout_tasks_copy ON rollout_tasks (project, master_key, municipality) WHERE master_key IS NOT NULL;
            CREATE INDEX rollout_tasks_municipality ON rollout_tasks (municipality, project, status);
            CREATE INDEX rollout_tasks_progress ON rollout_tasks (project, origin);
            CREATE INDEX rollout_tasks_deadlines ON rollout_tasks (deadline) WHERE deadline IS NOT NULL;
            -- Every change of every task, appended and never changed (steps 3 and 4 make the database refuse it).
            CREATE TABLE rollout_task_history (
                id                 {identity},
                task_id            TEXT NOT NULL,
                at                 {int64} NOT NULL,
                who                TEXT NOT NULL,
                field              TEXT NOT NULL,
                before_value       TEXT,
                after_value        TEXT,
                for_audit          INTEGER NOT NULL
            );
            CREATE INDEX rollout_task_history_task ON rollout_task_history (task_id, id);
            -- A task marked done against its checks: an auditor finds them all without reading every change.
            CREATE INDEX rollout_task_history_audit ON rollout_task_history (id) WHERE for_audit = 1;
            -- Attached files with their bytes; a removed file keeps its row (removed_at set), as its history does.
            CREATE TABLE rollout_attachments (
                id                 {identity},
                task_id            TEXT NOT NULL,
                sha256             TEXT NOT NULL,
                name               TEXT NOT NULL,
                content_type       TEXT NOT NULL,
                size               {int64} NOT NULL,
                content            {blob} NOT NULL,
                attached_at        {int64} NOT NULL,
                attached_by        TEXT NOT NULL,
                removed_at         {int64},
                removed_by         TEXT
            );
            CREATE UNIQUE INDEX rollout_attachments_current ON rollout_attachments (task_id, sha256) WHERE removed_at IS NULL;
            -- A municipality's role gallery as the contract's JSON; empty_roles for the progress overview.
            CREATE TABLE rollout_organisations (
                municipality       TEXT PRIMARY KEY,
                gallery            TEXT NOT NULL,
                version            INTEGER NOT NULL,
                empty_roles        INTEGER NOT NULL,
                updated_at         {int64} NOT NULL,
                updated_by         TEXT NOT NULL
            );
            -- Addresses whose mail came back, keyed lower-cased (one address is one person in any case).
            CREATE TABLE rollout_bounced_addresses (
                address_key        TEXT PRIMARY KEY,
                address            TEXT NOT NULL,
                bounced_at         {int64} NOT NULL,
                reason             TEXT NOT NULL
            );
            -- Calendar feed links: only the SHA-256 of each token, one per person per municipality.
            CREATE TABLE rollout_feed_tokens (
                municipality       TEXT NOT NULL,
                owner_key          TEXT NOT NULL,
                owner              TEXT NOT NULL,
                token_hash         TEXT NOT NULL UNIQUE,
                issued_at          {int64} NOT NULL,
                PRIMARY KEY (municipality, owner_key)
            );
            -- Reminders sent, by idempotency key: the primary key lets each be recorded once, whoever races.
            CREATE TABLE rollout_reminders_sent (
                reminder_key       TEXT PRIMARY KEY,
                sent_at            {int64} NOT NULL
            );
            -- The latest result of each of FeeBridge's own checks per municipality; check_id is the wire id.
            CREATE TABLE rollout_evidence (
                municipality       TEXT NOT NULL,
                check_id           TEXT NOT NULL,
                passed             INTEGER NOT NULL,
                detail             TEXT NOT NULL,
                checked_at         {int64} NOT NULL,
                PRIMARY KEY (municipality, check_id)
            );
            """, null),
        (3, """
            -- The task history is append-only: the database refuses to change or remove an entry, whoever asks.
            CREATE TRIGGER rollout_task_history_no_update BEFORE UPDATE ON rollout_task_history
            BEGIN SELECT RAISE(ABORT, 'rollout_task_history is append-only'); END;
            CREATE TRIGGER rollout_task_history_no_delete BEFORE DELETE ON rollout_task_history
            BEGIN SELECT RAISE(ABORT, 'rollout_task_history is append-only'); END;
            """, "sqlite"),
        (4, """
            -- Step 3 for PostgreSQL, which also refuses TRUNCATE.
            CREATE FUNCTION rollout_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
            END
            $$;
            CREATE TRIGGER rollout_task_history_no_change BEFORE UPDATE OR DELETE ON rollout_task_history
                FOR EACH ROW EXECUTE FUNCTION rollout_append_only();
            CREATE TRIGGER rollout_task_history_no_truncate BEFORE TRUNCATE ON rollout_task_history
                FOR EACH STATEMENT EXECUTE FUNCTION rollout_append_only();
            """, "postgresql"),
        (5, """
            -- A reminder's two states (ReminderLog.Sending.cs): recorded (delivered_at NULL; the sender holds it until
            -- lease_until, after which another may take it over, attempts counting the tries) and delivered (outcome
            -- 'sent' or 'bounced'). Rows from before were recorded and sent in one go: delivered.
            ALTER TABLE rollout_reminders_sent ADD COLUMN lease_until {int64};
            ALTER TABLE rollout_reminders_sent ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE rollout_reminders_sent ADD COLUMN delivered_at {int64};
            ALTER TABLE rollout_reminders_sent ADD COLUMN outcome TEXT;
            UPDATE rollout_reminders_sent SET delivered_at = sent_at, outcome = 'sent';
            """, null),
        (6, """
            -- Working groups (CONTRACTS.md §7): the definition as JSON (the model owns its shape).
            CREATE TABLE rollout_working_groups (
                group_id           TEXT PRIMARY KEY,
                definition         TEXT NOT NULL,
                created_at         {int64} NOT NULL,
                created_by         TEXT NOT NULL
            );
            -- One row per application; the unique index is the rule "one per municipality per track" in the database
            -- too. email_key is the address lower-cased (one person whatever the case), for "one person, one track".
            CREATE TABLE rollout_group_applications (
                application_id     TEXT PRIMARY KEY,
                group_id           TEXT NOT NULL,
                track              TEXT NOT NULL,
                municipality       TEXT NOT NULL,
                email_key          TEXT NOT NULL,
                application        TEXT NOT NULL,
                submitted_at       {int64} NOT NULL
            );
            CREATE UNIQUE INDEX rollout_group_applications_seat ON rollout_group_applications (group_id, track, municipality);
            CREATE INDEX rollout_group_applications_person ON rollout_group_applications (group_id, email_key);
            -- The prepared lottery (the canonical published list, its SHA-256 and the selection's figures as JSON),
            -- written once; the draw fills random_value and draw once, never again.
            CREATE TABLE rollout_group_lotteries (
                group_id           TEXT PRIMARY KEY,
                lottery            TEXT NOT NULL,
                lottery_hash       TEXT NOT NULL,
                summary            TEXT NOT NULL,
                prepared_at        {int64} NOT NULL,
                prepared_by        TEXT NOT NULL,
                random_value       TEXT,
                draw               TEXT,
                drawn_at           {int64},
                drawn_by           TEXT
            );
            """, null),
        (7, """
            -- The communication plans (issue 16): a row here marks a municipality's default plan as generated, once.
            CREATE TABLE rollout_comm_plans (
                municipality       TEXT PRIMARY KEY,
                generated_at       {int64} NOT NULL,
                generated_by       TEXT NOT NULL
            );
            -- A plan's rows, each the PlanRowDraft's JSON (the model owns its shape); position keeps the plan's order.
            CREATE TABLE rollout_comm_plan_rows (
                municipality       TEXT NOT NULL,
                row_id             TEXT NOT NULL,
                position           INTEGER NOT NULL,
                row_json           TEXT NOT NULL,
                revision           INTEGER NOT NULL,
                updated_at         {int64} NOT NULL,
                updated_by         TEXT NOT NULL,
                PRIMARY KEY (municipality, row_id)
            );
            -- Every change of a plan, appended in the transaction that made it; a deleted row's history stays.
            CREATE TABLE rollout_comm_plan_history (
                id                 {identity},
                municipality       TEXT NOT NULL,
                row_id             TEXT NOT NULL,
                at                 {int64} NOT NULL,
                who                TEXT NOT NULL,
                action             TEXT NOT NULL,
                before_value       TEXT,
                after_value        TEXT
            );
            CREATE INDEX rollout_comm_plan_history_municipality ON rollout_comm_plan_history (municipality, id);
            -- What was sent from the plan: one row per send, unique per caller's idempotency key.
            CREATE TABLE rollout_comm_sends (
                send_id            TEXT PRIMARY KEY,
                municipality       TEXT NOT NULL,
                idempotency_key    TEXT NOT NULL,
                row_id             TEXT NOT NULL,
                channel            TEXT NOT NULL,
                subject            TEXT,
                body               TEXT NOT NULL,
                created_at         {int64} NOT NULL,
                created_by         TEXT NOT NULL,
                completed_at       {int64}
            );
            CREATE UNIQUE INDEX rollout_comm_sends_key ON rollout_comm_sends (municipality, idempotency_key);
            -- One row per recipient: pending → sending (leased) → accepted → delivered, or failed with the reason.
            CREATE TABLE rollout_comm_deliveries (
                send_id            TEXT NOT NULL,
                recipient          TEXT NOT NULL,
                state              TEXT NOT NULL,
                reason             TEXT,
                provider_id        TEXT,
                attempts           INTEGER NOT NULL,
                lease_until        {int64},
                updated_at         {int64} NOT NULL,
                PRIMARY KEY (send_id, recipient)
            );
            CREATE INDEX rollout_comm_deliveries_open ON rollout_comm_deliveries (state);
            """, null),
        (8, """
            -- Draft templates per municipality and channel, one row per saved version, never rewritten: the newest is
            -- in use, the rest are its history. A municipality without rows uses FeeBridge's default.
            CREATE TABLE rollout_draft_templates (
                municipality       TEXT NOT NULL,
                channel            TEXT NOT NULL,
                version            INTEGER NOT NULL,
                source             TEXT NOT NULL,
                saved_at           {int64} NOT NULL,
                saved_by           TEXT NOT NULL,
                PRIMARY KEY (municipality, channel, version)
            );
            -- The facts (key, label, value as shown) a draft was last seen or approved with, as JSON: the markers
            -- "a fact changed" compare them with today's.
            CREATE TABLE rollout_draft_seen (
                municipality       TEXT NOT NULL,
                channel            TEXT NOT NULL,
                facts              TEXT NOT NULL,
                seen_at            {int64} NOT NULL,
                seen_by            TEXT NOT NULL,
                PRIMARY KEY (municipality, channel)
            );
            -- The FAQ per municipality, every saved version; and which version /borger shows.
            CREATE TABLE rollout_faq_versions (
                municipality       TEXT NOT NULL,
                version            INTEGER NOT NULL,
                markdown           TEXT NOT NULL,
                saved_at           {int64} NOT NULL,
                saved_by           TEXT NOT NULL,
                PRIMARY KEY (municipality, version)
            );
            CREATE TABLE rollout_faq_published (
                municipality       TEXT PRIMARY KEY,
                version            INTEGER NOT NULL,
                published_at       {int64} NOT NULL,
                published_by       TEXT NOT NULL
            );
            """, null),
        (9, """
            -- A person's own reminder choices (ReminderPreferenceStore); without a row, the deployment's default.
            -- days_before: comma-separated 0, 1, 3, 7; repeat_overdue_every_days NULL for never; send_from HH:mm.
            CREATE TABLE rollout_reminder_preferences (
                municipality              TEXT NOT NULL,
                person_key                TEXT NOT NULL,
                person                    TEXT NOT NULL,
                days_before               TEXT NOT NULL,
                repeat_overdue_every_days INTEGER,
                send_from                 TEXT NOT NULL,
                updated_at                {int64} NOT NULL,
                updated_by                TEXT NOT NULL,
                PRIMARY KEY (municipality, person_key)
            );
            """, null),
    ]);

    public async Task SaveProjectAsync(string projectId, string definitionJson, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync("rollout-project:" + projectId, ct);
        await using var cmd = scope.Command("""
            INSERT INTO rollout_projects (project_id, definition, updated_at) VALUES (@p, @d, @t)
            ON CONFLICT (project_id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
            """);
        cmd.With("@p", projectId).With("@d", definitionJson).With("@t", ClaimCodec.ToMicros(now));
        await cmd.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<StoredProject>> ProjectsAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT project_id, definition, updated_at FROM rollout_projects ORDER BY project_id";
        var list = new List<StoredProject>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(new StoredProject(r.GetString(0), r.GetString(1), ClaimCodec.FromMicros(r.GetInt64(2))));
        return list;
    }
}

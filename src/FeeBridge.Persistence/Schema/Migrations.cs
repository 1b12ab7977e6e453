using System.Data.Common;

namespace FeeBridge.Persistence.Schema;

/// <summary>
/// The schema, as numbered steps applied once each, in order, on start. Steps are never edited after they ship;
/// a change is a new step.
/// </summary>
public static class Migrations
{
    private static readonly (int Version, string Sql, string? OnlyOn)[] Steps =
    [
        (1, """
            CREATE TABLE claims (
                agency_id          TEXT NOT NULL,
                claim_id           TEXT NOT NULL,
                municipality       TEXT NOT NULL,
                patron_id          TEXT NOT NULL,
                content_hash       {blob} NOT NULL,
                header_json        TEXT NOT NULL,
                debtor_cpr         {blob},
                guardian_cpr       {blob},
                received_at        {int64} NOT NULL,
                PRIMARY KEY (agency_id, claim_id)
            );
            CREATE TABLE claim_events (
                agency_id          TEXT NOT NULL,
                claim_id           TEXT NOT NULL,
                seq                INTEGER NOT NULL,
                at                 {int64} NOT NULL,
                type               TEXT NOT NULL,
                amount_ore         {int64},
                data               TEXT NOT NULL,
                idempotency_key    TEXT,
                PRIMARY KEY (agency_id, claim_id, seq)
            );
            CREATE UNIQUE INDEX claim_events_idempotency ON claim_events (agency_id, claim_id, idempotency_key)
                WHERE idempotency_key IS NOT NULL;
            CREATE TABLE claim_summaries (
                agency_id          TEXT NOT NULL,
                claim_id           TEXT NOT NULL,
                municipality       TEXT NOT NULL,
                patron_id          TEXT NOT NULL,
                liable_hash        {blob} NOT NULL,
                kind               TEXT NOT NULL,
                status             TEXT NOT NULL,
                route              TEXT NOT NULL,
                hold_reason        TEXT,
                amount_ore         {int64} NOT NULL,
                written_down_ore   {int64} NOT NULL,
                paid_ore           {int64} NOT NULL,
                written_off_ore    {int64} NOT NULL,
                outstanding_ore    {int64} NOT NULL,
                debtor_system_claim_id TEXT,
                created_at         TEXT NOT NULL,
                updated_at         {int64} NOT NULL,
                last_seq           INTEGER NOT NULL,
                PRIMARY KEY (agency_id, claim_id)
            );
            CREATE INDEX claim_summaries_changed ON claim_summaries (agency_id, updated_at DESC, claim_id DESC);
            CREATE INDEX claim_summaries_patron ON claim_summaries (agency_id, patron_id, status);
            CREATE INDEX claim_summaries_liable ON claim_summaries (liable_hash);
            -- Only the claims waiting for the minimum: tiny, and what every intake asks about its patron.
            CREATE INDEX claim_summaries_waiting ON claim_summaries (agency_id, patron_id)
                WHERE status = 'held' AND hold_reason = 'below-minimum';
            CREATE TABLE api_keys (
                key_hash           {blob} PRIMARY KEY,
                name               TEXT NOT NULL,
                agencies           TEXT NOT NULL,
                created_at         {int64} NOT NULL
            );
            """, null),
        (2, """
            -- What must reach a debtor system, written in the same transaction as the claim event that causes it
            -- (the outbox). Sent in (claim, seq) order; the payload is built from the claim when it is sent.
            CREATE TABLE outbox (
                id                 {identity},
                municipality       TEXT NOT NULL,
                agency_id          TEXT NOT NULL,
                claim_id           TEXT NOT NULL,
                seq                INTEGER NOT NULL,
                handling_id        TEXT NOT NULL UNIQUE,
                kind               TEXT NOT NULL,
                state              TEXT NOT NULL,
                attempts           INTEGER NOT NULL,
                not_before         {int64} NOT NULL,
                lease_owner        TEXT,
                lease_until        {int64} NOT NULL,
                receipt_code       TEXT,
                receipt_text       TEXT,
                created_at         {int64} NOT NULL,
                UNIQUE (agency_id, claim_id, seq)
            );
            CREATE INDEX outbox_pending ON outbox (municipality, id) WHERE state = 'pending';
            """, null),
        (3, """
            ALTER TABLE claim_summaries ADD COLUMN credit_ore {int64} NOT NULL DEFAULT 0;
            ALTER TABLE claim_summaries ADD COLUMN needs_reconciliation INTEGER NOT NULL DEFAULT 0;
            -- The debtor system's reports, stored as they arrive and before they are acknowledged (the inbox);
            -- one row per HaendelseId, so a repeat delivery finds its row. Applied to the ledger afterwards.
            -- state: pending (to apply) | applied | refused (answered Afvist, kept for staff with the reason).
            CREATE TABLE inbox (
                id                 {identity},
                haendelse_id       TEXT NOT NULL UNIQUE,
                municipality       TEXT NOT NULL,
                fagsystem_fordring_id TEXT NOT NULL,
                agency_id          TEXT,
                claim_id           TEXT,
                delfordring_id     TEXT,
                type               TEXT NOT NULL,
                beloeb_ore         {int64} NOT NULL,
                value_date         TEXT NOT NULL,
                payment_method     TEXT,
                restsaldo_ore      {int64} NOT NULL,
                state              TEXT NOT NULL,
                reason             TEXT,
                received_at        {int64} NOT NULL,
                applied_at         {int64},
                lease_owner        TEXT,
                lease_until        {int64} NOT NULL
            );
            CREATE INDEX inbox_pending ON inbox (id) WHERE state = 'pending';
            CREATE INDEX inbox_municipality ON inbox (municipality, state, id);
            -- What the library side must hear, written in the same transaction as the claim event that causes it:
            -- target fbs (the payment call), webhook (the agency's registered URL) or staff (what FBS cannot take).
            -- state: pending | delivered | withdrawn (no longer true when due) | attention (for staff).
            CREATE TABLE notices (
                id                 {identity},
                agency_id          TEXT NOT NULL,
                claim_id           TEXT NOT NULL,
                seq                INTEGER NOT NULL,
                event_id           TEXT NOT NULL,
                event_type         TEXT NOT NULL,
                target             TEXT NOT NULL,
                state              TEXT NOT NULL,
                attempts           INTEGER NOT NULL,
                not_before         {int64} NOT NULL,
                lease_owner        TEXT,
                lease_until        {int64} NOT NULL,
                result             TEXT,
                created_at         {int64} NOT NULL,
                finished_at        {int64},
                UNIQUE (event_id, target)
            );
            CREATE INDEX notices_pending ON notices (not_before, id) WHERE state = 'pending';
            CREATE INDEX notices_agency ON notices (agency_id, id);
            -- Every delivery attempt, for the delivery log.
            CREATE TABLE notice_attempts (
                notice_id          {int64} NOT NULL,
                attempt            INTEGER NOT NULL,
                at                 {int64} NOT NULL,
                outcome            TEXT NOT NULL,
                PRIMARY KEY (notice_id, attempt)
            );
            CREATE TABLE webhooks (
                agency_id          TEXT PRIMARY KEY,
                url                TEXT NOT NULL,
                secret             TEXT NOT NULL,
                created_at         {int64} NOT NULL
            );
            """, null),
        (4, """
            -- The citizen page states how fast a payment shows, from the payments applied lately.
            CREATE INDEX inbox_applied_payments ON inbox (received_at) WHERE type = 'covered' AND state = 'applied';
            """, null),
        (5, """
            -- The queues: each row is leased (owner and expiry, no indexed column) and then closed. Room left on every
            -- page lets the lease be a heap-only update, with no new index entries; frequent vacuum and analyze keep
            -- their dead rows few and the planner's picture of them current while they churn.
            ALTER TABLE outbox SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
            ALTER TABLE inbox SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
            ALTER TABLE notices SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
            """, "postgresql"),
        (6, """
            -- Nothing looks a handling up by its id (a random UUID: unique without an index), and only pending rows are
            -- asked whether an earlier row of their claim still waits. Answered rows leave both indexes: closing a row
            -- used to add an entry to each of them.
            ALTER TABLE outbox DROP CONSTRAINT outbox_handling_id_key;
            ALTER TABLE outbox DROP CONSTRAINT outbox_agency_id_claim_id_seq_key;
            CREATE INDEX outbox_claim_pending ON outbox (agency_id, claim_id, seq) WHERE state = 'pending';
            """, "postgresql"),
        (7, """
            -- Step 6 for SQLite, which drops a table's constraints only by building the table again.
            CREATE TABLE outbox_rebuilt (
                id                 {identity},
                municipality       TEXT NOT NULL,
                agency_id          TEXT NOT NULL,
                claim_id           TEXT NOT NULL,
                seq                INTEGER NOT NULL,
                handling_id        TEXT NOT NULL,
                kind               TEXT NOT NULL,
                state              TEXT NOT NULL,
                attempts           INTEGER NOT NULL,
                not_before         {int64} NOT NULL,
                lease_owner        TEXT,
                lease_until        {int64} NOT NULL,
                receipt_code       TEXT,
                receipt_text       TEXT,
                created_at         {int64} NOT NULL
            );
            INSERT INTO outbox_rebuilt SELECT id, municipality, agency_id, claim_id, seq, handling_id, kind, state, attempts,
                not_before, lease_owner, lease_until, receipt_code, receipt_text, created_at FROM outbox;
            DROP TABLE outbox;
            ALTER TABLE outbox_rebuilt RENAME TO outbox;
            CREATE INDEX outbox_pending ON outbox (municipality, id) WHERE state = 'pending';
            CREATE INDEX outbox_claim_pending ON outbox (agency_id, claim_id, seq) WHERE state = 'pending';
            """, "sqlite"),
        (8, """
            -- The receiver weighs a reversal or a reduction against what its claim has been told so far, the reports
            -- still waiting to be applied included: found by claim, among the pending rows only.
            CREATE INDEX inbox_claim_pending ON inbox (agency_id, claim_id) WHERE state = 'pending';
            """, null),
        (9, """
            -- Citizen sessions ended by log-out, until they would have expired anyway: a copied cookie stops working.
            CREATE TABLE ended_sessions (
                session_id         TEXT PRIMARY KEY,
                expires_at         {int64} NOT NULL
            );
            """, null),
        (10, """
            -- A minor's claims are found by the child's own CPR number too, not only by the liable guardian's: the
            -- keyed hash of the claim's own debtor, kept only where someone else is liable (small, partial index).
            ALTER TABLE claim_summaries ADD COLUMN debtor_hash {blob};
            CREATE INDEX claim_summaries_debtor ON claim_summaries (debtor_hash) WHERE debtor_hash IS NOT NULL;
            -- The claims written before this step: their hashes are filled in by the ledger (it holds the key), then
            -- the row leaves this list.
            CREATE TABLE debtor_hash_backfill (
                agency_id          TEXT NOT NULL,
                claim_id           TEXT NOT NULL,
                PRIMARY KEY (agency_id, claim_id)
            );
            INSERT INTO debtor_hash_backfill (agency_id, claim_id) SELECT agency_id, claim_id FROM claims WHERE guardian_cpr IS NOT NULL;
            """, null),
        (11, """
            -- A debtor system's open circuit, for every process to see (the finance queue may be served by another
            -- process than the one sending): written when it opens and when it closes, read as open until open_until.
            CREATE TABLE debtor_circuits (
                municipality       TEXT PRIMARY KEY,
                open_until         {int64} NOT NULL,
                opened_at          {int64} NOT NULL
            );
            """, null),
        (12, """
            -- Fewer index entries per debtor-system report (issue 14, docs/architecture.md "A report's index entries"):
            -- A report's HaendelseId is kept once by the inbox's unique index, written in the same transaction as its
            -- event, so the ledger's idempotency index holds only the library's own keys (write-downs).
            DROP INDEX claim_events_idempotency;
            CREATE UNIQUE INDEX claim_events_idempotency ON claim_events (agency_id, claim_id, idempotency_key)
                WHERE idempotency_key IS NOT NULL AND idempotency_key NOT LIKE 'haendelse:%';
            -- Claims newest change first are read from the events (the summary's last event is its change): no summary
            -- index holds a column a payment changes, so rewriting the summary adds no index entry (a heap-only update).
            CREATE INDEX claim_events_changed ON claim_events (agency_id, at, claim_id, seq);
            DROP INDEX claim_summaries_changed;
            -- Since when the claim has had its status: the finance queue's order for rejected claims, which moves
            -- only when the status does.
            ALTER TABLE claim_summaries ADD COLUMN status_since {int64} NOT NULL DEFAULT 0;
            UPDATE claim_summaries SET status_since = updated_at;
            """, null),
        (13, """
            -- Room on every summary page for the rewritten row, so the rewrite stays on its page (heap-only).
            ALTER TABLE claim_summaries SET (fillfactor = 70);
            -- An inbox row is now written once, applied (step 5 left room for leases the applier no longer takes,
            -- and a pending row's change of state is indexed, so it never stayed on its page anyway): full pages.
            ALTER TABLE inbox SET (fillfactor = 100);
            """, "postgresql"),
        (14, """
            -- The citizen page's payment speed is read per municipality along staff_inbox_day: one index entry less
            -- per payment (docs/architecture.md, "A report's index entries").
            DROP INDEX inbox_applied_payments;
            """, null),
    ];

    /// <summary>The ledger's sequence (claims, queues, keys), recorded in <c>schema_migrations</c>.</summary>
    public static readonly MigrationSequence Ledger = new("the ledger", "schema_migrations", Steps);

    /// <summary>The newest schema version this build knows.</summary>
    public static int Latest => Ledger.Latest;

    public static Task ApplyAsync(StoreDialect dialect, CancellationToken ct) => Ledger.ApplyAsync(dialect, ct);

    /// <summary>Applies the steps up to <paramref name="upTo"/>: a database as an earlier FeeBridge left it, for upgrade tests.</summary>
    public static Task ApplyAsync(StoreDialect dialect, int upTo, CancellationToken ct) => Ledger.ApplyAsync(dialect, upTo, ct);
}

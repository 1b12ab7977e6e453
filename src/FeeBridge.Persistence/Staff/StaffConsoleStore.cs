using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Staff;

/// <summary>
/// The staff console's reads over the ledger's tables (patron search, a claim's timeline, the finance queue, totals
/// per day) and the few queue operations people may start (resend a refused handling, retry now, replay a delivery,
/// record a resolution). It never changes a claim: commands on claims go through the ledger like every other caller's.
/// Its own migration sequence holds the indexes those reads need and the table of resolutions.
/// </summary>
public sealed partial class StaffConsoleStore(StoreDialect dialect, ClaimLedger ledger)
{
    public static readonly MigrationSequence Sequence = new("the staff console", "staff_console_schema_migrations",
    [
        (1, """
            -- A claim's timeline: its handlings, the debtor system's reports and the library side's notices, by claim.
            -- On columns that never change, so closing a queue row stays a heap-only update.
            CREATE INDEX staff_outbox_claim ON outbox (agency_id, claim_id);
            CREATE INDEX staff_inbox_claim ON inbox (agency_id, claim_id);
            CREATE INDEX staff_notices_claim ON notices (agency_id, claim_id);
            -- The finance queue: tiny partial indexes on what waits for a person.
            CREATE INDEX staff_summaries_rejected ON claim_summaries (municipality, updated_at) WHERE status = 'rejected';
            CREATE INDEX staff_notices_attention ON notices (agency_id, id) WHERE state = 'attention';
            CREATE INDEX staff_outbox_rejected ON outbox (municipality, id) WHERE state = 'rejected';
            -- Totals per day of what moved.
            CREATE INDEX staff_outbox_created ON outbox (municipality, created_at);
            CREATE INDEX staff_inbox_received ON inbox (municipality, received_at);
            -- Every resolution of a queue item; a dismissal hides that version of the item.
            CREATE TABLE staff_queue_resolutions (
                item_id        TEXT NOT NULL,
                item_version   BIGINT NOT NULL,
                municipality   TEXT NOT NULL,
                action         TEXT NOT NULL,
                actor          TEXT NOT NULL,
                reason         TEXT,
                at             BIGINT NOT NULL,
                PRIMARY KEY (item_id, item_version, action)
            );
            CREATE INDEX staff_queue_resolutions_at ON staff_queue_resolutions (municipality, at);
            """, null),
        (2, $"""
            -- Patron search by name: the name the library system wrote, folded, from its start.
            CREATE INDEX staff_claims_name ON claims (agency_id, {NameKeyPostgres} text_pattern_ops);
            """, "postgresql"),
        (3, $"""
            CREATE INDEX staff_claims_name ON claims (agency_id, {NameKeySqlite});
            """, "sqlite"),
        (4, $"""
            -- The finance queue at a million claims (docs/architecture.md, "The finance queue's indexes"). Refused
            -- handlings other than registrations get an index of their own: the one over every refused handling made
            -- each queue read walk all refused registrations (30,000 in the benchmark) to find none.
            CREATE INDEX staff_outbox_refused_changes ON outbox (municipality, id)
                WHERE state = 'rejected' AND kind <> '{nameof(FeeBridge.Domain.Claims.HandlingKind.OpretDebitorkonto)}';
            DROP INDEX staff_outbox_rejected;
            -- Rejected claims with their keys, so the count probes the outbox and the dismissals without reading a summary.
            CREATE INDEX staff_summaries_rejected_keys ON claim_summaries (municipality, updated_at, agency_id, claim_id) WHERE status = 'rejected';
            DROP INDEX staff_summaries_rejected;
            -- Totals per day from the index alone (kind and state are what the totals group by).
            CREATE INDEX staff_outbox_day ON outbox (municipality, created_at, kind, state);
            DROP INDEX staff_outbox_created;
            CREATE INDEX staff_inbox_day ON inbox (municipality, received_at, type, state, beloeb_ore);
            DROP INDEX staff_inbox_received;
            """, null),
        (5, $"""
            -- Patron search by surname: the name, folded, with its last word first (docs/architecture.md, "Searching by name").
            CREATE INDEX staff_claims_surname ON claims (agency_id, {SurnameKeyPostgres} text_pattern_ops);
            """, "postgresql"),
        (6, $"""
            CREATE INDEX staff_claims_surname ON claims (agency_id, {SurnameKeySqlite});
            """, "sqlite"),
        (7, """
            -- Rejected claims by how long they have been rejected, not by their last change: updated_at is in no
            -- summary index any more, so a payment's rewrite of the summary is heap-only (the ledger's step 12).
            CREATE INDEX staff_summaries_rejected_since ON claim_summaries (municipality, status_since, agency_id, claim_id) WHERE status = 'rejected';
            DROP INDEX staff_summaries_rejected_keys;
            """, null),
    ]);

    private bool IsPostgres => dialect.Name == "postgresql";

    private static readonly string[] ClosedStatuses = ["paid", "written-down", "cancelled", "written-off"];
}

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
            -- Search by any word of the name: each patron's folded name from each of its words on ("mette hansen",
            -- "hansen"), kept by a trigger in the transaction that stores the claim (claims are never updated), so a
            -- prefix of any word is one range of the primary key. Byte order (COLLATE "C"), as the search compares.
            CREATE TABLE staff_name_suffixes (
                agency_id  TEXT NOT NULL,
                suffix     TEXT COLLATE "C" NOT NULL,
                patron_id  TEXT NOT NULL,
                PRIMARY KEY (agency_id, suffix, patron_id)
            );
            CREATE FUNCTION staff_name_suffixes_add() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE w text[] := string_to_array({NameKey.Sql("CAST(NEW.header_json AS json) ->> 'debtorName'")}, ' ');
            BEGIN
                INSERT INTO staff_name_suffixes (agency_id, suffix, patron_id)
                SELECT NEW.agency_id, array_to_string(w[i:], ' '), NEW.patron_id FROM generate_subscripts(w, 1) i WHERE w[i] <> ''
                ON CONFLICT DO NOTHING;
                RETURN NULL;
            END $$;
            CREATE TRIGGER staff_name_suffixes_add AFTER INSERT ON claims FOR EACH ROW EXECUTE FUNCTION staff_name_suffixes_add();
            INSERT INTO staff_name_suffixes (agency_id, suffix, patron_id)
            SELECT DISTINCT c.agency_id, array_to_string(c.w[i:], ' '), c.patron_id
            FROM (SELECT agency_id, patron_id, string_to_array({NameKeyPostgres}, ' ') AS w FROM claims) c, generate_subscripts(c.w, 1) i
            WHERE c.w[i] <> ''
            ON CONFLICT DO NOTHING;
            """, "postgresql"),
        (6, $"""
            CREATE TABLE staff_name_suffixes (
                agency_id  TEXT NOT NULL,
                suffix     TEXT NOT NULL,
                patron_id  TEXT NOT NULL,
                PRIMARY KEY (agency_id, suffix, patron_id)
            ) WITHOUT ROWID;
            CREATE TRIGGER staff_name_suffixes_add AFTER INSERT ON claims BEGIN
                INSERT OR IGNORE INTO staff_name_suffixes (agency_id, suffix, patron_id)
                {SqliteSuffixes("SELECT NEW.agency_id AS agency_id, NEW.patron_id AS patron_id, " + NameKey.Sql("json_extract(NEW.header_json, '$.debtorName')") + " AS s1")};
            END;
            INSERT OR IGNORE INTO staff_name_suffixes (agency_id, suffix, patron_id)
            {SqliteSuffixes($"SELECT agency_id, patron_id, {NameKeySqlite} AS s1 FROM claims")};
            """, "sqlite"),
    ]);

    /// <summary>
    /// The name from each of its first <see cref="SqliteNameWords"/> words on, as rows (agency_id, suffix, patron_id),
    /// from <paramref name="names"/> (agency_id, patron_id, s1: the folded name). SQLite has no arrays and allows no
    /// recursive query in a trigger, so each word's start is taken after the previous one's first space.
    /// </summary>
    private static string SqliteSuffixes(string names)
    {
        var level = names;
        var columns = "agency_id, patron_id, s1";
        for (var n = 2; n <= SqliteNameWords; n++)
        {
            var prev = $"s{n - 1}";
            level = $"SELECT {columns}, CASE WHEN instr({prev}, ' ') > 0 THEN substr({prev}, instr({prev}, ' ') + 1) END AS s{n} FROM ({level})";
            columns += $", s{n}";
        }
        var numbers = string.Join(" UNION ALL ", Enumerable.Range(1, SqliteNameWords).Select(n => $"SELECT {n} AS n"));
        var pick = string.Join(" ", Enumerable.Range(1, SqliteNameWords).Select(n => $"WHEN {n} THEN s{n}"));
        return $"SELECT agency_id, suffix, patron_id FROM (SELECT agency_id, patron_id, CASE w.n {pick} END AS suffix FROM ({level}), ({numbers}) w) WHERE suffix IS NOT NULL AND suffix <> '' AND substr(suffix, 1, 1) <> ' '";
    }

    /// <summary>On SQLite a name is found by its first this many words (PostgreSQL: all of them).</summary>
    internal const int SqliteNameWords = 8;

    private bool IsPostgres => dialect.Name == "postgresql";

    private static readonly string[] ClosedStatuses = ["paid", "written-down", "cancelled", "written-off"];
}

-- =====================================================================================================
-- Migration 0003 (schema version 2 -> 3): the audit log keeps its chain linear without a head row.
--
-- Version 2 kept the chain's tail in slurp_audit_head, which a row trigger locked (FOR UPDATE) and updated
-- for every entry: a row lock and an update per audited write, and every appender in the cluster queued on
-- that one row. From version 3 the log checks itself: its primary key refuses a second entry at a position,
-- and the statement trigger slurp_audit_log_check_chain refuses an entry whose predecessor is missing or has
-- another hash (SQLSTATE 40001), once per INSERT however many entries it carries. Appenders that want to take
-- turns use pg_advisory_xact_lock(6002266215400166724) and read the tail from the log
-- (sql/PostgreSQL-Slurp.sql describes both ways). No entry changes: the log is the same chain before and after.
--
-- Running silos: a silo built for version 2 appends through slurp_audit_head, which this drops; its audited
-- writes then fail with 503 ("nothing was changed"). Stop every silo, run `Slurp.Host db init`, start the
-- new build.
-- =====================================================================================================

DROP TRIGGER IF EXISTS slurp_audit_log_extend_chain ON slurp_audit_log;
DROP FUNCTION IF EXISTS slurp_audit_log_extend_chain();
DROP TABLE IF EXISTS slurp_audit_head;

CREATE OR REPLACE FUNCTION slurp_audit_log_check_chain() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
DECLARE
    bad_seq  bigint;
    bad_prev text;
BEGIN
    SELECT a.seq, a.prev_hash INTO bad_seq, bad_prev
      FROM slurp_audit_log_added AS a
      LEFT JOIN slurp_audit_log AS p ON p.seq = a.seq - 1
     WHERE CASE WHEN a.seq = 1 THEN a.prev_hash <> repeat('0', 64)
                ELSE p.hash IS DISTINCT FROM a.prev_hash END
     ORDER BY a.seq
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'audit entry % (prev %) does not extend the chain: entry % is missing or has another hash',
                bad_seq, bad_prev, bad_seq - 1
            USING ERRCODE = 'serialization_failure',
                  HINT = 'Read the tail (ORDER BY seq DESC LIMIT 1) after taking the append lock, then append.';
    END IF;
    RETURN NULL;
END
$fn$;

CREATE OR REPLACE TRIGGER slurp_audit_log_check_chain
    AFTER INSERT ON slurp_audit_log
    REFERENCING NEW TABLE AS slurp_audit_log_added
    FOR EACH STATEMENT EXECUTE FUNCTION slurp_audit_log_check_chain();

COMMENT ON TABLE slurp_audit_log IS
    'Append-only, hash-chained audit log; time_utc is UTC ticks. Append under pg_advisory_xact_lock(6002266215400166724), after reading the tail.';

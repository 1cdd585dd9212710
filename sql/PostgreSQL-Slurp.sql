-- =====================================================================================================
-- PostgreSQL-Slurp.sql — SLURP PostgreSQL profile, part 5 of 5: SLURP's own tables.
--
-- Idempotent. Nothing here is read by Orleans.
--
--   slurp_schema_version  which schema versions this database has; written by PostgresSchema.ApplyAsync
--                         (the baseline row, then one row per migration from sql/Migrations/).
--   slurp_audit_log       the append-only, hash-chained audit log (same columns as the embedded
--                         profile's SQLite audit_log; time_utc is UTC ticks, 100 ns since 0001-01-01).
--   slurp_grain_state     context-node grain state (version = ETag), written by PostgresStateStore's group
--                         commit together with the audit entries of the same requests (schema version 2).
--   slurp_grain_state_part a context node's versions, one row each, written in the same statement as the
--                         node's row and only if its ETag matched: appending a version rewrites no history.
--
-- APPENDING FROM SEVERAL SILOS (schema version 3). The log itself keeps the chain linear: the primary key
-- refuses a second entry at a position (a fork), and the statement trigger slurp_audit_log_check_chain
-- refuses an entry whose predecessor is missing (a gap) or has another hash (a broken link), with SQLSTATE
-- 40001 (serialization_failure). So whichever way appenders coordinate, a committed log is always one chain
-- 1, 2, 3, ... from the genesis hash (64 zeros), each entry's prev_hash the hash of the one before.
--
-- Coordinating is only about not wasting work. Two ways are in use:
--   * locked — one appender at a time:
--         BEGIN;                                              -- READ COMMITTED is enough
--         SELECT pg_advisory_xact_lock(6002266215400166724);  -- 0x534C555250415544, "SLURPAUD"
--         SELECT seq, hash FROM slurp_audit_log ORDER BY seq DESC LIMIT 1;   -- a new statement: a new
--             -- snapshot, taken after the lock, so it sees the tail the previous holder committed
--         INSERT INTO slurp_audit_log (...) VALUES (...);     -- entry = AuditChain.Append(tail) in the app
--         COMMIT;
--   * optimistic — PostgresStateStore chains its batch onto the tail it last wrote, without reading it: the
--     batch's first statement takes the lock (no extra round trip), its INSERT follows with a new snapshot.
--     If another silo appended meanwhile, the first entry takes a position that is already used (unique
--     violation 23505 on pk_slurp_audit_log) and the batch rolls back whole and is redone the locked way.
--     Taking the lock in both ways matters for progress, not safety: an appender that skipped it could win
--     the race against a locked one again and again.
-- Version 2 kept a one-row head table that a row trigger locked and updated for every entry: a row lock and
-- an update per audited write, about a quarter of a single-writer PUT's time in the database
-- (docs/benchmarks.md). The statement trigger runs once per INSERT, however many entries it carries.
-- Rows are never updated or deleted (triggers refuse UPDATE, DELETE and TRUNCATE).
-- =====================================================================================================

CREATE TABLE IF NOT EXISTS slurp_schema_version (
    version     integer     NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    description text        NOT NULL,
    CONSTRAINT pk_slurp_schema_version PRIMARY KEY (version),
    CONSTRAINT ck_slurp_schema_version_positive CHECK (version > 0)
);

COMMENT ON TABLE slurp_schema_version IS
    'Schema versions applied to this database (PostgresSchema.ApplyAsync); the highest is the current one.';

CREATE TABLE IF NOT EXISTS slurp_grain_state (
    state_name text        NOT NULL,
    grain_id   text        NOT NULL,
    version    bigint      NOT NULL,
    payload    bytea       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_slurp_grain_state PRIMARY KEY (state_name, grain_id),
    CONSTRAINT ck_slurp_grain_state_version_positive CHECK (version > 0)
);

-- The payload is mostly AES-GCM ciphertext: compressing it (pglz) only costs CPU.
ALTER TABLE slurp_grain_state ALTER COLUMN payload SET STORAGE EXTERNAL;

COMMENT ON TABLE slurp_grain_state IS
    'Context-node grain state (Orleans serializer; layers are envelopes). version is the ETag: a write names the version it read.';

CREATE TABLE IF NOT EXISTS slurp_grain_state_part (
    state_name text   NOT NULL,
    grain_id   text   NOT NULL,
    part       bigint NOT NULL,
    payload    bytea  NOT NULL,
    CONSTRAINT pk_slurp_grain_state_part PRIMARY KEY (state_name, grain_id, part)
);

ALTER TABLE slurp_grain_state_part ALTER COLUMN payload SET STORAGE EXTERNAL;

COMMENT ON TABLE slurp_grain_state_part IS
    'A context node''s versions, one row each (part = version number), written with the node''s slurp_grain_state row.';

CREATE TABLE IF NOT EXISTS slurp_audit_log (
    seq       bigint NOT NULL,
    time_utc  bigint NOT NULL,
    agent     text   NOT NULL,
    role      text   NOT NULL,
    action    text   NOT NULL,
    address   text   NULL,
    outcome   text   NOT NULL,
    detail    text   NULL,
    prev_hash text   NOT NULL,
    hash      text   NOT NULL,
    CONSTRAINT pk_slurp_audit_log PRIMARY KEY (seq),
    CONSTRAINT ck_slurp_audit_log_seq_positive CHECK (seq > 0),
    CONSTRAINT ck_slurp_audit_log_time_not_negative CHECK (time_utc >= 0),
    CONSTRAINT ck_slurp_audit_log_prev_hash_format CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT ck_slurp_audit_log_hash_format CHECK (hash ~ '^[0-9a-f]{64}$')
);

CREATE INDEX IF NOT EXISTS ix_slurp_audit_log_time_utc ON slurp_audit_log (time_utc);

COMMENT ON TABLE slurp_audit_log IS
    'Append-only, hash-chained audit log; time_utc is UTC ticks. Append under pg_advisory_xact_lock(6002266215400166724), after reading the tail.';

-- Fires once per INSERT statement, after its rows are in the table (the query below sees them, so the
-- entries of one multi-row INSERT may link to each other). Each new entry must link to the entry right
-- before it, which must exist: committed by an earlier transaction, or written earlier in this one.
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

CREATE OR REPLACE FUNCTION slurp_audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    RAISE EXCEPTION 'slurp_audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$fn$;

CREATE OR REPLACE TRIGGER slurp_audit_log_check_chain
    AFTER INSERT ON slurp_audit_log
    REFERENCING NEW TABLE AS slurp_audit_log_added
    FOR EACH STATEMENT EXECUTE FUNCTION slurp_audit_log_check_chain();

CREATE OR REPLACE TRIGGER slurp_audit_log_refuse_update_delete
    BEFORE UPDATE OR DELETE ON slurp_audit_log
    FOR EACH ROW EXECUTE FUNCTION slurp_audit_log_refuse_change();

CREATE OR REPLACE TRIGGER slurp_audit_log_refuse_truncate
    BEFORE TRUNCATE ON slurp_audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION slurp_audit_log_refuse_change();

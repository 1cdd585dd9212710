-- =====================================================================================================
-- PostgreSQL-Slurp.sql — SLURP PostgreSQL profile, part 5 of 5: SLURP's own tables.
--
-- Idempotent. Nothing here is read by Orleans.
--
--   slurp_schema_version  which schema versions this database has; written by PostgresSchema.ApplyAsync
--                         (the baseline row, then one row per migration from sql/Migrations/).
--   slurp_audit_log       the append-only, hash-chained audit log (same columns as the embedded
--                         profile's SQLite audit_log; time_utc is UTC ticks, 100 ns since 0001-01-01).
--   slurp_audit_head      the single row holding the chain's tail: last seq and its hash.
--   slurp_grain_state     context-node grain state (version = ETag), written by PostgresStateStore's group
--                         commit together with the audit entries of the same requests (schema version 2).
--   slurp_grain_state_part a context node's versions, one row each, written in the same statement as the
--                         node's row and only if its ETag matched: appending a version rewrites no history.
--
-- APPENDING FROM SEVERAL SILOS. Appenders on any number of silos serialize on the head row:
--
--     BEGIN;                                              -- READ COMMITTED is enough
--     SELECT seq, hash FROM slurp_audit_head WHERE id = 1 FOR UPDATE;
--         -- blocks until the previous appender commits or rolls back, then sees its tail
--     -- entry = AuditChain.Append(previousHash: hash, sequence: seq + 1, ...) in the application
--     INSERT INTO slurp_audit_log (seq, time_utc, agent, role, action, address, outcome, detail, prev_hash, hash)
--     VALUES (...);                                       -- more entries may follow, each on the last
--     COMMIT;
--
-- The trigger slurp_audit_log_extend_chain enforces it: an entry is accepted only if seq = head.seq + 1
-- and prev_hash = head.hash, and then it becomes the head, in the same transaction. So the chain can
-- never fork, a gap is impossible (a rolled-back append leaves the head where it was), and an appender
-- that skipped the FOR UPDATE gets SQLSTATE 40001 (serialization_failure) instead of a broken chain: it
-- re-reads the head and tries again. A row lock rather than pg_advisory_xact_lock(<constant>) because
-- the lock lives in the data it protects: it covers the empty log too (the head starts at seq 0 with the
-- genesis hash), needs no magic number shared between programs, and is enforced, not just agreed on.
-- Appenders that serialize another way — pg_advisory_xact_lock and the log's own tail (ORDER BY seq DESC
-- LIMIT 1) — are accepted too: the trigger keeps the head equal to the tail. PostgresStateStore appends
-- optimistically: it chains onto the head it last wrote, without FOR UPDATE; the trigger's own row lock
-- then orders it, and a stale head costs it a 40001 and a retry under FOR UPDATE.
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
    'Append-only, hash-chained audit log; time_utc is UTC ticks. Append under SELECT ... FROM slurp_audit_head FOR UPDATE.';

CREATE TABLE IF NOT EXISTS slurp_audit_head (
    id   smallint NOT NULL DEFAULT 1,
    seq  bigint   NOT NULL,
    hash text     NOT NULL,
    CONSTRAINT pk_slurp_audit_head PRIMARY KEY (id),
    CONSTRAINT ck_slurp_audit_head_single_row CHECK (id = 1),
    CONSTRAINT ck_slurp_audit_head_seq_not_negative CHECK (seq >= 0),
    CONSTRAINT ck_slurp_audit_head_hash_format CHECK (hash ~ '^[0-9a-f]{64}$')
);

COMMENT ON TABLE slurp_audit_head IS
    'The audit chain''s tail (seq 0 and 64 zeros before the first entry); its row lock serializes appenders.';

-- Seed the head from the log's tail, or the genesis (seq 0, 64 zeros) for an empty log.
INSERT INTO slurp_audit_head (id, seq, hash)
SELECT 1, coalesce(tail.seq, 0), coalesce(tail.hash, repeat('0', 64))
FROM (SELECT 1) AS one
LEFT JOIN LATERAL (SELECT l.seq, l.hash FROM slurp_audit_log AS l ORDER BY l.seq DESC LIMIT 1) AS tail ON true
ON CONFLICT ON CONSTRAINT pk_slurp_audit_head DO NOTHING;

CREATE OR REPLACE FUNCTION slurp_audit_log_extend_chain() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
DECLARE
    head_seq  bigint;
    head_hash text;
BEGIN
    SELECT h.seq, h.hash INTO head_seq, head_hash
      FROM slurp_audit_head AS h
     WHERE h.id = 1
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'slurp_audit_head has no row: apply the schema (slurp db init)';
    END IF;
    IF NEW.seq <> head_seq + 1 OR NEW.prev_hash <> head_hash THEN
        RAISE EXCEPTION 'audit entry % (prev %) does not extend the chain, whose head is % (%)',
                NEW.seq, NEW.prev_hash, head_seq, head_hash
            USING ERRCODE = 'serialization_failure',
                  HINT = 'Read slurp_audit_head FOR UPDATE in the appending transaction, then append.';
    END IF;
    UPDATE slurp_audit_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
    RETURN NEW;
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

CREATE OR REPLACE TRIGGER slurp_audit_log_extend_chain
    BEFORE INSERT ON slurp_audit_log
    FOR EACH ROW EXECUTE FUNCTION slurp_audit_log_extend_chain();

CREATE OR REPLACE TRIGGER slurp_audit_log_refuse_update_delete
    BEFORE UPDATE OR DELETE ON slurp_audit_log
    FOR EACH ROW EXECUTE FUNCTION slurp_audit_log_refuse_change();

CREATE OR REPLACE TRIGGER slurp_audit_log_refuse_truncate
    BEFORE TRUNCATE ON slurp_audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION slurp_audit_log_refuse_change();

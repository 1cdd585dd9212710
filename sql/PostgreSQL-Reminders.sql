-- =====================================================================================================
-- PostgreSQL-Reminders.sql — SLURP PostgreSQL profile, part 4 of 5: reminders
-- (Microsoft.Orleans.Reminders.AdoNet: silo.UseAdoNetReminderService).
--
-- Our own design, written from the provider's C# contract (no Orleans SQL copied). Idempotent.
--
-- WHAT THE PROVIDER BINDS:
--   @ServiceId     text     ClusterOptions.ServiceId
--   @GrainId       text     GrainId.ToString(): "type/key" — the full id, so unlike grain state a string
--                           key that looks like hex does not collide here
--   @ReminderName  text
--   @GrainHash, @BeginHash, @EndHash  integer  GrainId.GetUniformHashCode() and ring bounds, uint values
--                           passed through an unchecked cast to int (so above 2^31 they are negative)
--   @StartTime     timestamptz (UTC)
--   @Period        integer, or bigint when the period exceeds int.MaxValue milliseconds
--   @Version       integer  the reminder's ETag (delete only)
-- WHAT IT READS (by name): "GrainId", "ReminderName", "StartTime", "Period" (int or bigint),
-- "Version" (the ETag); a row whose "GrainId" is NULL counts as "not found".
--
-- RING RANGES. Each silo owns the reminders whose grain hash lies in (begin, end] on the uint ring. The
-- provider compares (int)begin < (int)end and picks ReadRangeRows1Key (a plain interval) or
-- ReadRangeRows2Key (the interval wraps round, or begin = end: the whole ring). Casting uint to int maps
-- the ring onto the ints by rotating it, which keeps circular order, so comparing the stored signed
-- grain_hash against the signed bounds selects exactly the same reminders.
-- =====================================================================================================

CREATE TABLE IF NOT EXISTS orleans_reminder (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    grain_hash    integer     NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    version       integer     NOT NULL DEFAULT 1,
    CONSTRAINT pk_orleans_reminder PRIMARY KEY (service_id, grain_id, reminder_name),
    CONSTRAINT ck_orleans_reminder_period_not_negative CHECK (period_ms >= 0),
    CONSTRAINT ck_orleans_reminder_version_positive CHECK (version > 0),
    -- The primary key is a btree over these texts; fail with a named error before the btree's ~2.7 kB limit.
    CONSTRAINT ck_orleans_reminder_key_length CHECK (octet_length(grain_id) + octet_length(reminder_name) <= 2000)
);

-- Range reads by each silo's slice of the ring.
CREATE INDEX IF NOT EXISTS ix_orleans_reminder_service_hash ON orleans_reminder (service_id, grain_hash);

COMMENT ON TABLE orleans_reminder IS
    'Orleans reminders (ADO.NET reminder service): one row per (service, grain, reminder name).';

INSERT INTO orleansquery (querykey, querytext) VALUES

-- ReadReminderRowsKey (all reminders of one grain)
--   binds  : @ServiceId, @GrainId
('ReadReminderRowsKey', $sql$
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period_ms     AS "Period",
       r.version       AS "Version"
FROM orleans_reminder AS r
WHERE r.service_id = @ServiceId
  AND r.grain_id = @GrainId
$sql$),

-- ReadReminderRowKey (one reminder)
--   binds  : @ServiceId, @GrainId, @ReminderName
('ReadReminderRowKey', $sql$
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period_ms     AS "Period",
       r.version       AS "Version"
FROM orleans_reminder AS r
WHERE r.service_id = @ServiceId
  AND r.grain_id = @GrainId
  AND r.reminder_name = @ReminderName
$sql$),

-- ReadRangeRows1Key (the range does not wrap: (int)begin < (int)end)
--   binds  : @ServiceId, @BeginHash, @EndHash; selects begin < hash <= end
('ReadRangeRows1Key', $sql$
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period_ms     AS "Period",
       r.version       AS "Version"
FROM orleans_reminder AS r
WHERE r.service_id = @ServiceId
  AND r.grain_hash > @BeginHash
  AND r.grain_hash <= @EndHash
$sql$),

-- ReadRangeRows2Key (the range wraps, or covers the whole ring when begin = end)
--   binds  : @ServiceId, @BeginHash, @EndHash; selects hash > begin OR hash <= end
('ReadRangeRows2Key', $sql$
SELECT r.grain_id      AS "GrainId",
       r.reminder_name AS "ReminderName",
       r.start_time    AS "StartTime",
       r.period_ms     AS "Period",
       r.version       AS "Version"
FROM orleans_reminder AS r
WHERE r.service_id = @ServiceId
  AND (r.grain_hash > @BeginHash OR r.grain_hash <= @EndHash)
$sql$),

-- UpsertReminderRowKey (register or re-register)
--   binds  : @ServiceId, @GrainHash, @GrainId, @ReminderName, @StartTime, @Period
--   returns: "Version" — 1 for a new reminder, moved on by one on every re-registration.
('UpsertReminderRowKey', $sql$
INSERT INTO orleans_reminder AS r (service_id, grain_id, reminder_name, grain_hash, start_time, period_ms, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 1)
ON CONFLICT ON CONSTRAINT pk_orleans_reminder DO UPDATE
   SET grain_hash = EXCLUDED.grain_hash,
       start_time = EXCLUDED.start_time,
       period_ms = EXCLUDED.period_ms,
       version = r.version + 1
RETURNING r.version AS "Version"
$sql$),

-- DeleteReminderRowKey (unregister, fenced by the ETag)
--   binds  : @ServiceId, @GrainId, @ReminderName, @Version
--   returns: one row, one boolean column: true if the reminder existed at that version and is gone.
('DeleteReminderRowKey', $sql$
WITH removed AS (
    DELETE FROM orleans_reminder AS r
     WHERE r.service_id = @ServiceId
       AND r.grain_id = @GrainId
       AND r.reminder_name = @ReminderName
       AND r.version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed) AS "Deleted"
$sql$),

-- DeleteReminderRowsKey (tests/tooling: every reminder of the service)
--   binds  : @ServiceId
('DeleteReminderRowsKey', $sql$
DELETE FROM orleans_reminder
 WHERE service_id = @ServiceId
$sql$)

ON CONFLICT ON CONSTRAINT pk_orleansquery DO UPDATE SET querytext = EXCLUDED.querytext;

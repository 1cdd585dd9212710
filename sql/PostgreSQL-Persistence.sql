-- =====================================================================================================
-- PostgreSQL-Persistence.sql — SLURP PostgreSQL profile, part 3 of 5: grain state
-- (Microsoft.Orleans.Persistence.AdoNet: silo.AddAdoNetGrainStorage(name, ...)).
--
-- Our own design, written from the provider's C# contract (no Orleans SQL copied). Idempotent.
--
-- WHAT THE PROVIDER BINDS on every call:
--   @ServiceId              text    ClusterOptions.ServiceId
--   @GrainTypeString        text    the STATE NAME of [PersistentState("name", "storage")] (Orleans passes
--                                   the state name where the API says "grain type"; generic arity stripped)
--   @GrainIdN0, @GrainIdN1  bigint  the key as two longs: a Guid key's two halves, or (0, n) for an
--                                   integer key, or (0, 0) for a string key
--   @GrainIdExtensionString text    the string key itself, or a Guid/integer key's extension, or NULL
--   @GrainIdHash, @GrainTypeHash integer  Orleans' hashes of the key and the state name
--   @GrainStateVersion      integer the ETag the grain holds, NULL if it has never seen a row
--   @PayloadBinary          bytea   (write only) the serialized state — JSON text by default: whatever
--                                   the grain does not encrypt itself is readable in this table
-- WHAT IT READS:
--   ReadFromStorageKey : zero or one row (more is an error) with "PayloadBinary" bytea NULL and
--                        "Version" integer NULL; a NULL payload means "no record" (cleared).
--   WriteToStorageKey  : "NewGrainStateVersion" integer — the new ETag; no row / NULL = conflict.
--   ClearStorageKey    : the FIRST column of the one row — the new ETag; no row = conflict.
--   DeleteStorageKey   : the FIRST column — the deleted row's version + 1 (must differ from the ETag);
--                        no row = conflict. Used instead of ClearStorageKey with DeleteStateOnClear.
-- A conflict makes the provider throw InconsistentStateException: this is how two activations of the same
-- grain (possible briefly during membership changes) are fenced.
--
-- ROW IDENTITY. A row is (service, state name, n0, n1, extension); the provider name is NOT bound, so
-- storages "context" and "access" share this table and are kept apart only by distinct state names, and
-- the grain TYPE is not part of the key either: two grain types with the same state name and key would
-- share a row. SLURP gives every [PersistentState] a distinct name.
-- The identity is the SHA-256 of an unambiguous encoding of those five values (orleans_grain_identity):
-- one fixed-size primary key however long the key is (btree entries are limited to ~2.7 kB), and no
-- reliance on @GrainIdHash/@GrainTypeHash, which are bound but not stored: changing Orleans'
-- IStorageHasherPicker therefore cannot orphan rows.
--
-- PITFALL (dotnet/orleans#9706): the provider first tries to read a STRING key as a Guid, then as a hex
-- integer ("e1", "E1" and "00E1" all parse as 0xE1, "abc+x" as 0xABC with extension "x"), and stores a
-- key that parses as (n0, n1, extension) instead of as a string. Such keys collide with each other and
-- with real integer keys. Every SLURP string key starts with a non-hex scheme ("node/...", "rolekey/...",
-- a fixed singleton name), so it never parses; keep it that way for any new grain.
-- =====================================================================================================

-- The row identity. IMMUTABLE is sound although convert_to() is only STABLE: the conversion depends on
-- the database encoding alone, which is fixed at CREATE DATABASE and checked to be UTF8 in
-- PostgreSQL-Main.sql. Strings are length-prefixed and a NULL extension is spelled differently from an
-- empty one, so distinct keys always encode differently.
CREATE OR REPLACE FUNCTION orleans_grain_identity(
    service_id   text,
    grain_type   text,
    grain_id_n0  bigint,
    grain_id_n1  bigint,
    grain_id_ext text)
RETURNS bytea
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $fn$
    SELECT sha256(convert_to(
        'orleans-grain-state/v1|'
        || length(service_id)::text || ':' || service_id || '|'
        || length(grain_type)::text || ':' || grain_type || '|'
        || grain_id_n0::text || '|'
        || grain_id_n1::text || '|'
        || CASE WHEN grain_id_ext IS NULL THEN 'null' ELSE length(grain_id_ext)::text || ':' || grain_id_ext END,
        'UTF8'))
$fn$;

COMMENT ON FUNCTION orleans_grain_identity(text, text, bigint, bigint, text) IS
    'Primary key of orleans_grain_state: SHA-256 of (service, state name, n0, n1, extension), length-prefixed.';

CREATE TABLE IF NOT EXISTS orleans_grain_state (
    grain_identity bytea GENERATED ALWAYS AS
        (orleans_grain_identity(service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext)) STORED,
    service_id     text        NOT NULL,
    grain_type     text        NOT NULL,
    grain_id_n0    bigint      NOT NULL,
    grain_id_n1    bigint      NOT NULL,
    grain_id_ext   text        NULL,
    payload        bytea       NULL,
    version        integer     NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    modified_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_orleans_grain_state PRIMARY KEY (grain_identity),
    CONSTRAINT ck_orleans_grain_state_version_positive CHECK (version > 0)
);

COMMENT ON TABLE orleans_grain_state IS
    'Orleans grain state (ADO.NET persistence). grain_type holds the state name; payload is the serialized state, NULL once cleared.';

INSERT INTO orleansquery (querykey, querytext) VALUES

-- ReadFromStorageKey
--   binds  : @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString
--            (+ @GrainIdHash, @GrainTypeHash, unused)
--   returns: "PayloadBinary", "Version" of the row, or no row.
('ReadFromStorageKey', $sql$
SELECT s.payload AS "PayloadBinary",
       s.version AS "Version"
FROM orleans_grain_state AS s
WHERE s.grain_identity = orleans_grain_identity(@ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString)
$sql$),

-- WriteToStorageKey
--   binds  : the key as above, @GrainStateVersion, @PayloadBinary
--   returns: "NewGrainStateVersion". With an ETag: the row is replaced only if its version still equals
--            it, and the version moves on by one. Without one (NULL): the row is created at version 1
--            only if none exists — a second activation that never saw the row gets no row back.
('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE orleans_grain_state AS s
       SET payload = @PayloadBinary,
           version = s.version + 1,
           modified_at = now()
     WHERE s.grain_identity = orleans_grain_identity(@ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString)
       AND s.version = @GrainStateVersion
    RETURNING s.version
), inserted AS (
    INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @PayloadBinary, 1
     WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT pk_orleans_grain_state DO NOTHING
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted
$sql$),

-- ClearStorageKey (DeleteStateOnClear = false, the default)
--   binds  : the key, @GrainStateVersion
--   returns: the new version in the first column. The row stays with a NULL payload, so the ETag keeps
--            fencing later writers.
('ClearStorageKey', $sql$
UPDATE orleans_grain_state AS s
   SET payload = NULL,
       version = s.version + 1,
       modified_at = now()
 WHERE s.grain_identity = orleans_grain_identity(@ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString)
   AND s.version = @GrainStateVersion
RETURNING s.version AS "NewGrainStateVersion"
$sql$),

-- DeleteStorageKey (DeleteStateOnClear = true)
--   binds  : the key, @GrainStateVersion
--   returns: the deleted row's version + 1 in the first column (the provider only checks it differs
--            from the ETag, then forgets the ETag).
('DeleteStorageKey', $sql$
DELETE FROM orleans_grain_state AS s
 WHERE s.grain_identity = orleans_grain_identity(@ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString)
   AND s.version = @GrainStateVersion
RETURNING s.version + 1 AS "NewGrainStateVersion"
$sql$)

ON CONFLICT ON CONSTRAINT pk_orleansquery DO UPDATE SET querytext = EXCLUDED.querytext;

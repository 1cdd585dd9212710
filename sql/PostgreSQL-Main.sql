-- =====================================================================================================
-- PostgreSQL-Main.sql — SLURP PostgreSQL profile, part 1 of 5: what every Orleans ADO.NET provider shares.
--
-- Written for this project from the providers' C# contract; no Orleans SQL was copied (see sql/README.md).
-- Idempotent: safe to run again. Apply through `PostgresSchema.ApplyAsync` (`slurp db init`), which runs
-- the five PostgreSQL-*.sql files in order in one transaction under an advisory lock and records the
-- schema version; run by hand (psql -v ON_ERROR_STOP=1 -f ...) only against an empty database.
--
-- THE CONTRACT (Microsoft.Orleans.{Clustering,Persistence,Reminders}.AdoNet 10.4.2, Invariant "Npgsql"):
--   * Each provider loads its statements once at start-up with exactly
--       SELECT QueryKey, QueryText FROM OrleansQuery
--     (persistence adds WHERE QueryKey = 'WriteToStorageKey' OR ... for its four keys). Those identifiers
--     are unquoted, so PostgreSQL folds them to orleansquery(querykey, querytext): the table below uses
--     the folded names. Npgsql's GetOrdinal falls back to a case-insensitive match, so the provider finds
--     "QueryKey" / "QueryText" in the lower-case result columns.
--   * Clustering and reminders refuse to start unless every key they need is present ("Not all required
--     queries found. Missing are: ..."); extra keys are ignored, so all areas share one table.
--   * Parameters are bound by name without a prefix ("DeploymentId") and referenced in the text as
--     @DeploymentId. Every parameter a call binds is sent even if the text does not use it.
--   * Parameter types as Npgsql 10 sends them (DbType set by the providers):
--       string → text (DbType.String and DbType.AnsiString alike), int → integer, long → bigint,
--       int? null → integer NULL, byte[] → bytea,
--       DateTime → timestamp with time zone (DbType.DateTime); Npgsql rejects a DateTime whose Kind is not
--       Utc, and the providers always send UTC, so every time column here is timestamptz.
--   * Results are read by column NAME, not position (except where an area file says otherwise), so every
--     query aliases its columns to the exact quoted names the provider reads ("Version", "GrainId", ...).
--
-- Naming: tables, columns and constraints are our own snake_case names; constraints are named
-- pk_/fk_/ck_/ix_<table>_<what> so errors and migrations can refer to them.
-- =====================================================================================================

-- Text is hashed and compared as UTF-8 (see orleans_grain_identity in PostgreSQL-Persistence.sql); a
-- SQL_ASCII or LATIN1 database would store and hash keys differently, so refuse it up front.
DO $guard$
BEGIN
    IF pg_encoding_to_char((SELECT encoding FROM pg_database WHERE datname = current_database())) <> 'UTF8' THEN
        RAISE EXCEPTION 'database "%" must use UTF8 encoding (CREATE DATABASE ... ENCODING ''UTF8'' TEMPLATE template0)',
            current_database();
    END IF;
END
$guard$;

-- A database that already has an OrleansQuery table from other scripts (Orleans' own, say) holds query
-- texts for other tables; refuse to mix the two rather than overwrite or half-use them.
DO $guard$
BEGIN
    IF to_regclass('orleansquery') IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM pg_constraint
         WHERE conrelid = to_regclass('orleansquery') AND conname = 'pk_orleansquery') THEN
        RAISE EXCEPTION 'table orleansquery exists but was not created by SLURP''s sql/PostgreSQL-Main.sql: use an empty database';
    END IF;
END
$guard$;

-- The statement catalogue the providers read at start-up. One row per query key; the area files
-- (Clustering, Persistence, Reminders) insert their own rows with INSERT ... ON CONFLICT DO UPDATE, so a
-- re-run re-asserts the current text.
CREATE TABLE IF NOT EXISTS orleansquery (
    querykey  varchar(64) NOT NULL,
    querytext text        NOT NULL,
    CONSTRAINT pk_orleansquery PRIMARY KEY (querykey),
    CONSTRAINT ck_orleansquery_text_not_blank CHECK (btrim(querytext) <> '')
);

COMMENT ON TABLE orleansquery IS
    'Orleans ADO.NET statement catalogue: providers run SELECT QueryKey, QueryText FROM OrleansQuery at start-up. Written by sql/PostgreSQL-*.sql.';

-- The table upsert.sql writes: 100,000 keys preloaded with a 2 KB payload each, so the UPSERT updates
-- (version bump) an existing row, as a new version of an existing context node would.
DROP TABLE IF EXISTS kv;
CREATE TABLE kv (
    id          bigint      PRIMARY KEY,
    version     bigint      NOT NULL,
    payload     text        NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE kv ALTER COLUMN payload SET STORAGE EXTERNAL;
INSERT INTO kv (id, version, payload)
SELECT g, 1, lpad(g::text, 2048, md5(g::text)) FROM generate_series(1, 100000) AS g;
VACUUM ANALYZE kv;
CHECKPOINT;

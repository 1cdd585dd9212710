-- pgbench custom script: UPSERT of a 2 KB row with a version bump (BENCH.md's "PostgreSQL 15 UPSERT
-- (version bump) of a 2 KB row"). Table kv from pgbench-init.sql: payload is 2,048 characters, stored
-- out of line without compression (STORAGE EXTERNAL), so every transaction writes a fresh 2 KB TOAST value
-- like the SLURP grain-state row it is compared with (JSON of encrypted content, which does not compress).
-- :r varies the payload so no two writes of a key store the same bytes.
\set id random(1, 100000)
\set r random(1, 1000000000)
INSERT INTO kv (id, version, payload, modified_at)
VALUES (:id, 1, lpad(:r::text, 2048, md5(:id::text)), now())
ON CONFLICT (id) DO UPDATE
   SET version = kv.version + 1, payload = EXCLUDED.payload, modified_at = now();

-- SLURP's own transaction for pgbench (slurp-shape.sql), in database shape after `Slurp.Host db init` created
-- SLURP's schema there: 2,000 context nodes of one version each, shaped like the update workload's rows as
-- measured on the profile (node row 29 bytes; each version a part row of ≈ 916 bytes: zstd, then AES-GCM, so
-- random and stored inline), and the audit chain's first entry.
INSERT INTO slurp_grain_state (state_name, grain_id, version, payload)
SELECT 'context/node', 'shape/' || g, 1, decode(md5(g::text) || substr(md5('v' || g), 1, 26), 'hex')
FROM generate_series(1, 2000) AS g;
INSERT INTO slurp_grain_state_part (state_name, grain_id, part, payload)
SELECT 'context/node', 'shape/' || g, 1, decode(repeat(md5(g::text), 57) || substr(md5('p' || g), 1, 8), 'hex')
FROM generate_series(1, 2000) AS g;
INSERT INTO slurp_audit_log (seq, time_utc, agent, role, action, address, outcome, detail, prev_hash, hash)
VALUES (1, 0, 'bench', 'admin', 'write', NULL, 'allowed', 'genesis of the shape run', repeat('0', 64), encode(sha256('genesis'), 'hex'));

-- One PUT's transaction as PostgresStateStore sends it (one round trip, each statement with its own snapshot,
-- plans cached): the append lock, the audit entry chained onto the tail (the store keeps the tail in memory;
-- here it is read under the lock, one index probe), and the node row's version bump with the new version's part.
CREATE OR REPLACE FUNCTION slurp_shape_put(node int, r bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(6002266215400166724);
    INSERT INTO slurp_audit_log (seq, time_utc, agent, role, action, address, outcome, detail, prev_hash, hash)
    SELECT t.seq + 1, 639000000000000000 + r, 'bench-agent', 'developer', 'write',
           'ucxl://any:any@bench:update/src/n' || node || '/file.cs', 'allowed', 'change_reason code_change',
           t.hash, encode(sha256(convert_to(t.hash || r::text, 'UTF8')), 'hex')
    FROM (SELECT seq, hash FROM slurp_audit_log ORDER BY seq DESC LIMIT 1) AS t;
    WITH written AS (
        UPDATE slurp_grain_state SET version = version + 1, payload = decode(md5(r::text) || substr(md5(node::text), 1, 26), 'hex'),
               updated_at = now()
        WHERE state_name = 'context/node' AND grain_id = 'shape/' || node RETURNING version)
    INSERT INTO slurp_grain_state_part (state_name, grain_id, part, payload)
    SELECT 'context/node', 'shape/' || node, w.version, decode(repeat(md5(r::text), 57) || substr(md5(node::text), 1, 8), 'hex')
    FROM written AS w
    ON CONFLICT ON CONSTRAINT pk_slurp_grain_state_part DO UPDATE SET payload = EXCLUDED.payload;
END $$;
VACUUM ANALYZE;
CHECKPOINT;

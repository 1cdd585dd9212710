-- pgbench custom script: SLURP's own transaction for one PUT of a new version (shape-init.sql), without
-- SLURP — no HTTP, Orleans, authorization, encryption or .NET: what PostgreSQL itself takes for SLURP's rows.
\set node random(1, 2000)
\set r random(1, 1000000000)
SELECT slurp_shape_put(:node, :r);

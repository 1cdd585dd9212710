-- =====================================================================================================
-- Migration 0002 (schema version 1 -> 2): context-node state moves to SLURP's own table.
--
-- Context nodes were stored by the Orleans ADO.NET grain storage (orleans_grain_state), which commits every
-- write alone and rewrites a node's whole history with each new version. From version 2 they live in
-- slurp_grain_state (the node without its versions) and slurp_grain_state_part (one row per version),
-- written by PostgresStateStore's group commit in the same transaction as the audit entry of the request
-- (one commit per write instead of two or three; docs/benchmarks.md). Roles, agents, role keys, seal configuration and reminders stay with the Orleans
-- providers.
--
-- Running silos: a silo built before version 2 keeps writing context nodes to orleans_grain_state; a silo built
-- after reads only slurp_grain_state. Stop every silo, run `Slurp.Host db init`, start the new build.
-- Context nodes written by an older build are not carried over (their payloads are in the Orleans provider's
-- serializer format; the profile had no release before it): the rows stay in orleans_grain_state, and
-- PostgresSchema.ApplyAsync reports how many (SchemaReport.UnreadContextRows; db init prints a warning).
-- =====================================================================================================

CREATE TABLE IF NOT EXISTS slurp_grain_state (
    state_name text        NOT NULL,
    grain_id   text        NOT NULL,
    version    bigint      NOT NULL,
    payload    bytea       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_slurp_grain_state PRIMARY KEY (state_name, grain_id),
    CONSTRAINT ck_slurp_grain_state_version_positive CHECK (version > 0)
);

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

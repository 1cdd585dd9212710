-- =====================================================================================================
-- PostgreSQL-Clustering.sql — SLURP PostgreSQL profile, part 2 of 5: cluster membership
-- (Microsoft.Orleans.Clustering.AdoNet: silo.UseAdoNetClustering, client.UseAdoNetClustering).
--
-- Our own design, written from the provider's C# contract (no Orleans SQL copied). Idempotent.
--
-- MODEL. One orleans_cluster_version row per deployment (Orleans' ClusterId, bound as @DeploymentId)
-- holds the membership table version, the optimistic-concurrency fence of the membership protocol.
-- Every insert or update of a member row must name the version it read (@Version) and moves it on by one
-- in the same statement; a stale writer changes nothing and gets false. I-am-alive heartbeats and
-- clean-ups of dead silos do not move the version (the protocol does not ask them to).
-- Deleting the version row removes the deployment: member rows go with it (ON DELETE CASCADE).
--
-- RESULT SHAPES the provider reads (by column name):
--   membership rows : "Version" always; and, for a member, "Address" text, "Port" int, "Generation" int,
--                     "SiloName" text NOT NULL, "HostName" text, "Status" int, "ProxyPort" int,
--                     "SuspectTimes" text NULL, "StartTime" timestamptz, "IAmAliveTime" timestamptz.
--                     At least one row must come back (the provider reads row 0 for the version), so the
--                     reads start from the version row and LEFT JOIN the members: a row whose
--                     "StartTime" is NULL means "no member", and only "Version" is read from it.
--   gateways        : "Address", "ProxyPort", "Generation".
--   booleans        : exactly one row with exactly ONE column (the provider checks FieldCount = 1).
--
-- Silo status values (Orleans.Runtime.SiloStatus): 0 None, 1 Created, 2 Joining, 3 Active,
-- 4 ShuttingDown, 5 Stopping, 6 Dead.
-- SuspectTimes is Orleans' own text: "<silo address>,<yyyy-MM-dd HH:mm:ss.fff GMT>" votes joined by '|'.
-- =====================================================================================================

CREATE TABLE IF NOT EXISTS orleans_cluster_version (
    deployment_id text        NOT NULL,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_orleans_cluster_version PRIMARY KEY (deployment_id),
    CONSTRAINT ck_orleans_cluster_version_not_negative CHECK (version >= 0)
);

COMMENT ON TABLE orleans_cluster_version IS
    'Membership table version per Orleans ClusterId; the fence every member insert/update must match and advance.';

CREATE TABLE IF NOT EXISTS orleans_cluster_member (
    deployment_id   text        NOT NULL,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL DEFAULT 0,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    CONSTRAINT pk_orleans_cluster_member PRIMARY KEY (deployment_id, address, port, generation),
    CONSTRAINT fk_orleans_cluster_member_version FOREIGN KEY (deployment_id)
        REFERENCES orleans_cluster_version (deployment_id) ON DELETE CASCADE,
    CONSTRAINT ck_orleans_cluster_member_status CHECK (status BETWEEN 0 AND 6),
    CONSTRAINT ck_orleans_cluster_member_port CHECK (port BETWEEN 0 AND 65535),
    CONSTRAINT ck_orleans_cluster_member_proxy_port CHECK (proxy_port BETWEEN 0 AND 65535)
);

COMMENT ON TABLE orleans_cluster_member IS
    'One row per silo incarnation (address, port, generation) of an Orleans cluster.';

INSERT INTO orleansquery (querykey, querytext) VALUES

-- InsertMembershipVersionKey (silo start-up, before joining)
--   binds  : @DeploymentId
--   returns: one row, one boolean column: true if this call created the version row (version 0).
('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO orleans_cluster_version (deployment_id)
    VALUES (@DeploymentId)
    ON CONFLICT ON CONSTRAINT pk_orleans_cluster_version DO NOTHING
    RETURNING deployment_id
)
SELECT EXISTS (SELECT 1 FROM created) AS "Created"
$sql$),

-- MembershipReadAllKey (every table refresh)
--   binds  : @DeploymentId
--   returns: the version row LEFT JOIN every member (see RESULT SHAPES).
('MembershipReadAllKey', $sql$
SELECT v.version         AS "Version",
       m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_cluster_version AS v
LEFT JOIN orleans_cluster_member AS m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$sql$),

-- MembershipReadRowKey (one silo's row)
--   binds  : @DeploymentId, @Address, @Port, @Generation
--   returns: the version row LEFT JOIN that one member (the join condition, not WHERE, names the silo,
--            so the version still comes back when the silo has no row).
('MembershipReadRowKey', $sql$
SELECT v.version         AS "Version",
       m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_cluster_version AS v
LEFT JOIN orleans_cluster_member AS m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address
      AND m.port = @Port
      AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$sql$),

-- InsertMembershipKey (a silo announces itself)
--   binds  : @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
--            @StartTime, @IAmAliveTime, @Version (the table version the caller read)
--   returns: one boolean column: true if the row was inserted; false if the version moved on or the
--            silo already has a row. The version row's lock serializes concurrent writers, and a writer
--            that waited re-checks "version = @Version" against the committed row, so only one wins.
('InsertMembershipKey', $sql$
WITH fenced AS (
    UPDATE orleans_cluster_version AS v
       SET version = v.version + 1,
           changed_at = now()
     WHERE v.deployment_id = @DeploymentId
       AND v.version = @Version
       AND NOT EXISTS (
           SELECT 1 FROM orleans_cluster_member AS m
            WHERE m.deployment_id = @DeploymentId
              AND m.address = @Address
              AND m.port = @Port
              AND m.generation = @Generation)
    RETURNING v.deployment_id
), inserted AS (
    INSERT INTO orleans_cluster_member
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
         suspect_times, start_time, i_am_alive_time)
    SELECT f.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           NULL, @StartTime, @IAmAliveTime
      FROM fenced AS f
    ON CONFLICT ON CONSTRAINT pk_orleans_cluster_member DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM inserted) AS "Inserted"
$sql$),

-- UpdateMembershipKey (status changes and suspicion votes)
--   binds  : @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes (NULL = none),
--            @IAmAliveTime, @Version
--   returns: one boolean column: true if the row was updated under the expected version.
('UpdateMembershipKey', $sql$
WITH fenced AS (
    UPDATE orleans_cluster_version AS v
       SET version = v.version + 1,
           changed_at = now()
     WHERE v.deployment_id = @DeploymentId
       AND v.version = @Version
       AND EXISTS (
           SELECT 1 FROM orleans_cluster_member AS m
            WHERE m.deployment_id = @DeploymentId
              AND m.address = @Address
              AND m.port = @Port
              AND m.generation = @Generation)
    RETURNING v.deployment_id
), changed AS (
    UPDATE orleans_cluster_member AS m
       SET status = @Status,
           suspect_times = @SuspectTimes,
           i_am_alive_time = @IAmAliveTime
      FROM fenced AS f
     WHERE m.deployment_id = f.deployment_id
       AND m.address = @Address
       AND m.port = @Port
       AND m.generation = @Generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM changed) AS "Updated"
$sql$),

-- UpdateIAmAlivetimeKey (the heartbeat; note Orleans spells the key with a lower-case "t")
--   binds  : @DeploymentId, @Address, @Port, @Generation, @IAmAliveTime
--   returns: nothing read. Does not move the table version.
('UpdateIAmAlivetimeKey', $sql$
UPDATE orleans_cluster_member
   SET i_am_alive_time = @IAmAliveTime
 WHERE deployment_id = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation
$sql$),

-- GatewaysQueryKey (clients' gateway list)
--   binds  : @DeploymentId, @Status (always 3 = Active)
--   returns: "Address", "ProxyPort", "Generation" for each active silo that has a gateway.
('GatewaysQueryKey', $sql$
SELECT address    AS "Address",
       proxy_port AS "ProxyPort",
       generation AS "Generation"
FROM orleans_cluster_member
WHERE deployment_id = @DeploymentId
  AND status = @Status
  AND proxy_port > 0
$sql$),

-- DeleteMembershipTableEntriesKey (tooling/tests: forget a deployment)
--   binds  : @DeploymentId
--   returns: nothing read. Removes the version row and, by cascade, every member; a silo must
--            initialise again (InsertMembershipVersionKey) before it can use the deployment.
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM orleans_cluster_version
 WHERE deployment_id = @DeploymentId
$sql$),

-- CleanupDefunctSiloEntriesKey (required; used only when CleanupDefunctSiloEntryKey is absent)
--   binds  : @DeploymentId, @IAmAliveTime (the cut-off)
--   returns: nothing read. Deletes Dead (6) members not heard from since the cut-off.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM orleans_cluster_member
 WHERE deployment_id = @DeploymentId
   AND status = 6
   AND i_am_alive_time < @IAmAliveTime
$sql$),

-- CleanupDefunctSiloEntryKey (optional in 10.4.2; when present the provider prefers it)
--   The provider reads all members, picks the Dead ones older than the cut-off itself, and deletes each
--   with this statement only if the row still holds the values it saw, so a row that changed meanwhile
--   survives.
--   binds  : @DeploymentId, @Address, @Port, @Generation, @StartTime, @IAmAliveTime, @SuspectTimes
--   returns: nothing read. An empty vote list may come back as NULL or '' (the provider re-formats
--            the list it parsed), so the two compare equal.
('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM orleans_cluster_member
 WHERE deployment_id = @DeploymentId
   AND address = @Address
   AND port = @Port
   AND generation = @Generation
   AND status = 6
   AND start_time = @StartTime
   AND i_am_alive_time = @IAmAliveTime
   AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '')
$sql$)

ON CONFLICT ON CONSTRAINT pk_orleansquery DO UPDATE SET querytext = EXCLUDED.querytext;

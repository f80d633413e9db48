-- The feature store's tables. Feature values and entity keys are JSON text (see ValueCodec), so
-- that no table or column name ever comes from a user-supplied view or feature name.

-- Online: the latest row per (view version, entity key); times are nanoseconds since the epoch.
CREATE TABLE IF NOT EXISTS mlops_fs_online (
    view_name      VARCHAR(250) NOT NULL,
    view_version   INTEGER      NOT NULL,
    entity_key     TEXT         NOT NULL,
    event_ts       BIGINT       NOT NULL,
    created_ts     BIGINT       NOT NULL,
    feature_values TEXT         NOT NULL,
    PRIMARY KEY (view_name, view_version, entity_key)
);

-- Offline: every row ever appended.
CREATE TABLE IF NOT EXISTS mlops_fs_offline (
    view_name      VARCHAR(250) NOT NULL,
    view_version   INTEGER      NOT NULL,
    entity_key     TEXT         NOT NULL,
    event_ts       BIGINT       NOT NULL,
    created_ts     BIGINT       NOT NULL,
    feature_values TEXT         NOT NULL
);
CREATE INDEX IF NOT EXISTS mlops_fs_offline_key
    ON mlops_fs_offline (view_name, view_version, entity_key, event_ts, created_ts);
CREATE INDEX IF NOT EXISTS mlops_fs_offline_time
    ON mlops_fs_offline (view_name, view_version, event_ts);

-- Entity rows of a point-in-time join in progress; written and rolled back in one transaction.
CREATE TABLE IF NOT EXISTS mlops_fs_join_rows (
    join_id    VARCHAR(36) NOT NULL,
    row_id     INTEGER     NOT NULL,
    entity_key TEXT        NOT NULL,
    ts         BIGINT      NOT NULL,
    lower_ts   BIGINT      NOT NULL,
    PRIMARY KEY (join_id, row_id)
);

-- Registry: one row per definition version, the definition as JSON.
CREATE TABLE IF NOT EXISTS mlops_fs_definition (
    kind       VARCHAR(32)  NOT NULL,
    name       VARCHAR(250) NOT NULL,
    version    INTEGER      NOT NULL,
    definition TEXT         NOT NULL,
    PRIMARY KEY (kind, name, version)
);

-- Registry writers lock this one row, so that applies are serialized across processes.
CREATE TABLE IF NOT EXISTS mlops_fs_registry_lock (
    id INTEGER NOT NULL PRIMARY KEY
);
INSERT INTO mlops_fs_registry_lock (id) VALUES (1) ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS mlops_fs_materialization (
    view_name    VARCHAR(250) NOT NULL,
    view_version INTEGER      NOT NULL,
    seq          BIGINT       NOT NULL,
    start_ts     BIGINT       NOT NULL,
    end_ts       BIGINT       NOT NULL,
    PRIMARY KEY (view_name, view_version, seq)
);

-- Lineage in Google ML Metadata's model: artifacts, executions, contexts, the events between
-- executions and artifacts, and context membership (attribution of artifacts, association of executions).
-- Nodes are unique by (type, name). Names may be 1024 characters of any script, longer than a B-tree
-- entry may be on PostgreSQL, so uniqueness rests on name_key, the hex SHA-256 of the name's UTF-8 bytes.
-- properties: a JSON object of string values. Times: epoch milliseconds (UTC).

CREATE TABLE mlops_lineage_artifact (
    id         INTEGER PRIMARY KEY,
    type       VARCHAR(250)  NOT NULL,
    name       VARCHAR(1024) NOT NULL,
    name_key   CHAR(64)      NOT NULL,
    uri        VARCHAR(1024) NOT NULL,
    properties TEXT NOT NULL,
    created_at BIGINT        NOT NULL,
    CONSTRAINT mlops_lineage_artifact_type_name UNIQUE (type, name_key)
);

CREATE TABLE mlops_lineage_execution (
    id         INTEGER PRIMARY KEY,
    type       VARCHAR(250)  NOT NULL,
    name       VARCHAR(1024) NOT NULL,
    name_key   CHAR(64)      NOT NULL,
    state      VARCHAR(16)   NOT NULL,
    properties TEXT NOT NULL,
    created_at BIGINT        NOT NULL,
    CONSTRAINT mlops_lineage_execution_type_name UNIQUE (type, name_key),
    CONSTRAINT mlops_lineage_execution_state
        CHECK (state IN ('NEW', 'RUNNING', 'COMPLETE', 'FAILED', 'CACHED', 'CANCELED'))
);

CREATE TABLE mlops_lineage_context (
    id         INTEGER PRIMARY KEY,
    type       VARCHAR(250)  NOT NULL,
    name       VARCHAR(1024) NOT NULL,
    name_key   CHAR(64)      NOT NULL,
    properties TEXT NOT NULL,
    created_at BIGINT        NOT NULL,
    CONSTRAINT mlops_lineage_context_type_name UNIQUE (type, name_key)
);

-- id orders events recorded in the same millisecond; (artifact, type, execution) serves walks from
-- artifacts, (execution, type, artifact) walks from executions.
CREATE TABLE mlops_lineage_event (
    id           INTEGER PRIMARY KEY,
    artifact_id  BIGINT     NOT NULL REFERENCES mlops_lineage_artifact (id),
    execution_id BIGINT     NOT NULL REFERENCES mlops_lineage_execution (id),
    type         VARCHAR(6) NOT NULL,
    recorded_at  BIGINT     NOT NULL,
    CONSTRAINT mlops_lineage_event_edge UNIQUE (artifact_id, type, execution_id),
    CONSTRAINT mlops_lineage_event_type CHECK (type IN ('INPUT', 'OUTPUT'))
);
CREATE INDEX mlops_lineage_event_by_execution ON mlops_lineage_event (execution_id, type, artifact_id);

CREATE TABLE mlops_lineage_attribution (
    context_id  BIGINT NOT NULL REFERENCES mlops_lineage_context (id),
    artifact_id BIGINT NOT NULL REFERENCES mlops_lineage_artifact (id),
    PRIMARY KEY (context_id, artifact_id)
);

CREATE TABLE mlops_lineage_association (
    context_id   BIGINT NOT NULL REFERENCES mlops_lineage_context (id),
    execution_id BIGINT NOT NULL REFERENCES mlops_lineage_execution (id),
    PRIMARY KEY (context_id, execution_id)
);

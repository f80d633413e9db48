-- Content-addressed artifact bytes, split into chunks of at most 1 MiB so that reads stream.
CREATE TABLE mlops_artifact (
    digest      CHAR(64)  NOT NULL PRIMARY KEY,
    size_bytes  BIGINT    NOT NULL,
    chunk_count INTEGER   NOT NULL
);

CREATE TABLE mlops_artifact_chunk (
    digest CHAR(64) NOT NULL,
    seq    INTEGER  NOT NULL,
    data   VARBINARY(1048576) NOT NULL,
    PRIMARY KEY (digest, seq)
);

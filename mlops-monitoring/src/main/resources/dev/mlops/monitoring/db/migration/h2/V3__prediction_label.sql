-- Labels arrive later, by prediction id, before or after their prediction.
-- Times are nanoseconds since 1970-01-01T00:00:00Z.
CREATE TABLE mlops_prediction_label (
    prediction_id VARCHAR(250) NOT NULL PRIMARY KEY,
    label_kind    VARCHAR(16)  NOT NULL,
    label_value   DOUBLE PRECISION,
    label_class   VARCHAR(250),
    labelled_at   BIGINT       NOT NULL
);

-- Predictions and their delayed labels (dev.mlops.monitoring.performance.PredictionLog).
-- Times are nanoseconds since 1970-01-01T00:00:00Z, so an Instant round-trips exactly.
CREATE TABLE mlops_prediction (
    model                VARCHAR(250) NOT NULL,
    prediction_id        VARCHAR(250) NOT NULL,
    version              VARCHAR(250) NOT NULL,
    predicted_at         BIGINT       NOT NULL,
    segment              VARCHAR(250),
    output_kind          VARCHAR(16)  NOT NULL,
    output_value         REAL,
    output_positive      INTEGER,
    output_class         VARCHAR(250),
    output_probabilities TEXT,
    features             TEXT NOT NULL,
    PRIMARY KEY (model, prediction_id)
);

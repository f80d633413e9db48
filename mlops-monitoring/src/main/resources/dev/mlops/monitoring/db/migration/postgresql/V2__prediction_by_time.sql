-- Scans read one model's predictions by time.
CREATE INDEX mlops_prediction_by_time ON mlops_prediction (model, predicted_at);
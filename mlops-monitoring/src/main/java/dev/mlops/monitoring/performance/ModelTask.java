package dev.mlops.monitoring.performance;

/**
 * The kind of model a set of predictions comes from, which decides the metrics computed for it.
 */
public enum ModelTask {
    /**
     * Two classes: accuracy, precision, recall, F1, ROC AUC, PR AUC (average precision), log loss,
     * expected calibration error, and the CBPE estimates.
     */
    BINARY,
    /** More than two classes: accuracy, macro precision, macro recall, macro F1, log loss. */
    MULTICLASS,
    /** A numeric target: MAE, RMSE, MAPE, R². */
    REGRESSION
}

package dev.mlops.monitoring.performance;

import java.util.Locale;

/**
 * The performance metrics a window reports; each is defined in {@link PerformanceMetrics}. Which ones
 * a window has depends on the {@link ModelTask} and on the data: a metric that is undefined for the
 * window (ROC AUC with one class only, say) is absent rather than NaN.
 */
public enum Metric {
    /** Share of correct predictions (binary and multiclass). */
    ACCURACY,
    /** Binary precision. */
    PRECISION,
    /** Binary recall. */
    RECALL,
    /** Binary F1. */
    F1,
    /** Binary ROC AUC. */
    ROC_AUC,
    /** Binary average precision (PR AUC). */
    PR_AUC,
    /** Log loss (binary; multiclass when every labelled prediction has class probabilities). */
    LOG_LOSS,
    /** Binary expected calibration error. */
    CALIBRATION_ERROR,
    /** Multiclass macro precision. */
    MACRO_PRECISION,
    /** Multiclass macro recall. */
    MACRO_RECALL,
    /** Multiclass macro F1. */
    MACRO_F1,
    /** Regression mean absolute error. */
    MAE,
    /** Regression root mean squared error. */
    RMSE,
    /** Regression mean absolute percentage error (a fraction). */
    MAPE,
    /** Regression coefficient of determination. */
    R2,
    /** CBPE estimate of accuracy, from all predictions, labelled or not (binary). */
    ESTIMATED_ACCURACY,
    /** CBPE estimate of precision (binary). */
    ESTIMATED_PRECISION,
    /** CBPE estimate of recall (binary). */
    ESTIMATED_RECALL,
    /** CBPE estimate of F1 (binary). */
    ESTIMATED_F1;

    /** The metric's name in lower snake case ({@code roc_auc}), for metric keys and alert labels. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}

/**
 * Prediction logging and performance with delayed labels. {@link
 * dev.mlops.monitoring.performance.PredictionMonitor} takes predictions from serving threads through a
 * bounded lock-free queue that never blocks, stores them in a {@link
 * dev.mlops.monitoring.performance.PredictionLog} (in memory or JDBC), joins labels that arrive later
 * by prediction id, and computes metrics per tumbling window of prediction time ({@link
 * dev.mlops.monitoring.performance.PerformanceReport}); {@link
 * dev.mlops.monitoring.performance.PerformanceMetrics} has the metric definitions (scikit-learn's).
 */
package dev.mlops.monitoring.performance;

/**
 * Micrometer binders for serving: per-model prediction counts, drops, latency and errors ({@link
 * dev.mlops.monitoring.metrics.PredictionMetrics}), the prediction monitor's queue ({@link
 * dev.mlops.monitoring.metrics.PredictionMonitorMetrics}), and hooks for feature lookups, caches and
 * drift scores ({@link dev.mlops.monitoring.metrics.ServingMetrics}). Micrometer is an optional
 * dependency: only this package uses it, so a host without it never loads these classes.
 */
package dev.mlops.monitoring.metrics;

package dev.mlops.monitoring.performance;

import dev.mlops.core.InvalidArgumentException;
import java.util.List;
import java.util.Optional;

/**
 * Windowed performance of one model (or model version): the result of
 * {@link PredictionMonitor#performance}.
 *
 * <p>An immutable value, safe to share between threads.
 *
 * @param query what was computed
 * @param task the task of the predictions found (from the first one), absent when there were none.
 *     Predictions of another task in the same range count in {@code predictions} only.
 * @param windows the windows in time order, empty ones included
 */
public record PerformanceReport(PerformanceQuery query, Optional<ModelTask> task, List<WindowPerformance> windows) {

    /** Validates and copies the fields. */
    public PerformanceReport {
        if (query == null || task == null || windows == null) {
            throw new InvalidArgumentException(query == null ? "query" : task == null ? "task" : "windows", "is null");
        }
        windows = List.copyOf(windows);
    }
}

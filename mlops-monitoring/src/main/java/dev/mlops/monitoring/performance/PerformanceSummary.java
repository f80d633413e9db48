package dev.mlops.monitoring.performance;

import dev.mlops.core.InvalidArgumentException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The performance of one set of predictions (a window, or a segment of one): how many there were, how
 * many have a label so far, and the metrics over the labelled ones (plus the CBPE estimates over all).
 *
 * <p>An immutable value, safe to share between threads.
 *
 * @param predictions predictions in the set
 * @param labelled predictions whose label has arrived and matches the prediction's task
 * @param mismatched predictions whose label is of another task (a binary label for a regression, say);
 *     they count neither as labelled nor in the metrics
 * @param metrics the defined metrics; unmodifiable
 */
public record PerformanceSummary(long predictions, long labelled, long mismatched, Map<Metric, Double> metrics) {

    /** Validates and copies the fields. */
    public PerformanceSummary {
        if (predictions < 0 || labelled < 0 || mismatched < 0 || labelled + mismatched > predictions) {
            throw new InvalidArgumentException("labelled", "counts must satisfy 0 <= labelled + mismatched <= "
                    + "predictions, got " + labelled + " + " + mismatched + " of " + predictions);
        }
        if (metrics == null) {
            throw new InvalidArgumentException("metrics", "is null");
        }
        EnumMap<Metric, Double> copy = new EnumMap<>(Metric.class);
        metrics.forEach((k, v) -> {
            if (k == null || v == null || Double.isNaN(v)) {
                throw new InvalidArgumentException("metrics", "has a null key, or a null or NaN value for " + k);
            }
            copy.put(k, v);
        });
        metrics = Collections.unmodifiableMap(copy);
    }

    /** Label coverage: labelled / predictions, 0 for an empty set. */
    public double coverage() {
        return predictions == 0 ? 0.0 : (double) labelled / predictions;
    }

    /** A metric's value, absent when undefined for this set. */
    public OptionalDouble metric(Metric metric) {
        Double v = metrics.get(metric);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}

package dev.mlops.registry.tracking;

import dev.mlops.core.Names;
import dev.mlops.registry.internal.Checks;
import java.time.Instant;

/**
 * One point of a metric's history: {@code (key, value, timestamp, step)}, as in MLflow.
 *
 * <p>The value may be any double: NaN and the infinities are stored faithfully. The timestamp is not
 * before the epoch and is kept at millisecond precision (the constructor truncates it), which is
 * what every store can represent. Immutable.
 *
 * @param key a valid {@linkplain Names name}
 * @param value the value
 * @param timestamp when the value was measured
 * @param step the training step (any long; 0 when the caller has none)
 */
public record Metric(String key, double value, Instant timestamp, long step) {

    public Metric {
        Names.require("metric key", key);
        timestamp = Checks.timestamp("metric timestamp", timestamp);
    }

    /**
     * The order in which MLflow picks a run's latest value: larger step wins, then later timestamp,
     * then larger value, where NaN counts as 0 (MLflow stores a NaN as 0 with a NaN flag and compares
     * the stored value) and {@code -0.0} equals {@code 0.0}. A point replaces the latest one only when it
     * is strictly more recent, so of two equally recent points the first one logged stays.
     *
     * @return a negative number, zero or a positive number as this point is older, as recent as, or
     *     more recent than {@code other}
     */
    public int compareRecency(Metric other) {
        int c = Long.compare(step, other.step);
        if (c == 0) {
            c = timestamp.compareTo(other.timestamp);
        }
        if (c != 0) {
            return c;
        }
        double a = Double.isNaN(value) ? 0.0 : value;
        double b = Double.isNaN(other.value) ? 0.0 : other.value;
        return a < b ? -1 : a > b ? 1 : 0;
    }
}

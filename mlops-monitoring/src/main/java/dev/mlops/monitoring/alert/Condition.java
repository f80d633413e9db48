package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import java.util.Objects;
import java.util.function.DoublePredicate;

/**
 * The comparison an {@link AlertRule} applies to each sample of its {@link Signal}, like the comparison
 * operator at the end of a Prometheus alerting expression ({@code drift_score > 0.2}).
 *
 * <p>A NaN sample never satisfies a condition (as in PromQL, where every comparison with NaN is false):
 * the rule skips NaN before calling {@link #test(double)}. Implementations must be thread-safe and
 * side-effect free.
 */
public interface Condition {

    /** Whether {@code value} (never NaN) makes the series alert. */
    boolean test(double value);

    /** {@code value > threshold}. */
    static Condition above(double threshold) {
        return new Conditions.Threshold(">", finite(threshold), v -> v > threshold);
    }

    /** {@code value >= threshold}. */
    static Condition atLeast(double threshold) {
        return new Conditions.Threshold(">=", finite(threshold), v -> v >= threshold);
    }

    /** {@code value < threshold}. */
    static Condition below(double threshold) {
        return new Conditions.Threshold("<", finite(threshold), v -> v < threshold);
    }

    /** {@code value <= threshold}. */
    static Condition atMost(double threshold) {
        return new Conditions.Threshold("<=", finite(threshold), v -> v <= threshold);
    }

    /** Every sample alerts: for signals that emit a sample only when something is wrong. */
    static Condition always() {
        return Conditions.Always.INSTANCE;
    }

    /** A custom predicate; {@code description} is what {@code toString()} shows. */
    static Condition of(String description, DoublePredicate predicate) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(predicate, "predicate");
        return new Condition() {
            @Override
            public boolean test(double value) {
                return predicate.test(value);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    private static double finite(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new InvalidArgumentException("threshold", "must be finite, was " + threshold);
        }
        return threshold;
    }
}

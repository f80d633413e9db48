package dev.mlops.monitoring.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * What an {@link AlertRule} watches: a set of series, each identified by its labels, with a current
 * value. A signal is the in-process counterpart of the PromQL expression of a Prometheus alerting rule
 * before the comparison: a metric, a drift score per feature, a model's accuracy per segment.
 *
 * <p>Implementations: {@link Series} (latest values the host or another monitoring component records),
 * {@link #of(DoubleSupplier)} (one value computed at each evaluation), {@link SloBurnRateRules} (burn
 * rates), or the host's own.
 *
 * <p>{@link #read(Instant)} is called from the alert manager's evaluation thread while other threads may
 * be feeding the signal, so implementations must be thread-safe. It runs under the manager's lock, so
 * it should return quickly (read precomputed values; do not query a remote system). Exceptions thrown by
 * {@code read} are caught by the manager: the rule's evaluation is counted as failed and its alerts keep
 * their state.
 */
@FunctionalInterface
public interface Signal {

    /** One series' value at an evaluation. */
    record Sample(Labels labels, double value) {
        public Sample {
            Objects.requireNonNull(labels, "labels");
        }
    }

    /**
     * The samples of every series that has a value at {@code now}. A series without a current value is
     * left out (Prometheus' staleness); a sample whose value is NaN never satisfies a condition.
     */
    List<Sample> read(Instant now);

    /** One unlabelled series whose value is computed by {@code value} at each evaluation. */
    static Signal of(DoubleSupplier value) {
        return of(Labels.empty(), value);
    }

    /** One series with {@code labels} whose value is computed by {@code value} at each evaluation. */
    static Signal of(Labels labels, DoubleSupplier value) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(value, "value");
        return now -> List.of(new Sample(labels, value.getAsDouble()));
    }
}

package dev.mlops.monitoring.retrain;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a candidate model may replace the champion, with the semantics of TFX's Evaluator
 * (TensorFlow Model Analysis {@code MetricThreshold}): value thresholds on the candidate's metrics and
 * change thresholds against the champion's.
 *
 * <pre>{@code
 * ValidationGate gate = ValidationGate.builder()
 *     .valueThreshold("auc", ValueThreshold.atLeast(0.80))
 *     .changeThreshold("auc", ChangeThreshold.higherIsBetter().absolute(-0.005))   // may lose at most 0.005
 *     .changeThreshold("log_loss", ChangeThreshold.lowerIsBetter().relative(0.02))  // at most 2 % worse
 *     .build();
 * GateResult result = gate.evaluate(candidateMetrics, championMetrics);           // champion may be empty
 * }</pre>
 *
 * <ul>
 *   <li>A value threshold passes when {@code lower ≤ value ≤ upper} (both inclusive; an unset bound is
 *       infinite).</li>
 *   <li>A change threshold compares {@code diff = candidate − champion} and
 *       {@code ratio = diff / champion}: higher-is-better passes when {@code diff ≥ absolute} and
 *       {@code ratio ≥ relative}; lower-is-better when {@code diff ≤ absolute} and
 *       {@code ratio ≤ relative}. An unset part always passes.</li>
 *   <li>A metric the candidate lacks fails every threshold on it, as does a NaN value. A metric the
 *       champion lacks fails the change thresholds on it.</li>
 *   <li>No champion yet: change thresholds are skipped, and the result says so.</li>
 *   <li>A relative threshold against a champion value of exactly 0 fails: the ratio is undefined.
 *       (TFMA's ratio is NaN there too, which fails even a threshold with no relative part; we only fail
 *       thresholds that set one.)</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ValidationGate {

    private final Map<String, List<ValueThreshold>> valueThresholds;
    private final Map<String, List<ChangeThreshold>> changeThresholds;

    private ValidationGate(Builder b) {
        this.valueThresholds = copy(b.valueThresholds);
        this.changeThresholds = copy(b.changeThresholds);
    }

    private static <T> Map<String, List<T>> copy(Map<String, List<T>> m) {
        Map<String, List<T>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** A builder with no thresholds. */
    public static Builder builder() {
        return new Builder();
    }

    /** The value thresholds by metric. */
    public Map<String, List<ValueThreshold>> valueThresholds() {
        return valueThresholds;
    }

    /** The change thresholds by metric. */
    public Map<String, List<ChangeThreshold>> changeThresholds() {
        return changeThresholds;
    }

    /**
     * Checks a candidate against the thresholds.
     *
     * @param candidate the candidate's metrics by name
     * @param champion the current champion's metrics; empty when there is no champion yet
     */
    public GateResult evaluate(Map<String, Double> candidate, Optional<Map<String, Double>> champion) {
        if (candidate == null) {
            throw new InvalidArgumentException("candidate", "is null");
        }
        if (champion == null) {
            throw new InvalidArgumentException("champion", "is null; pass Optional.empty() when there is none");
        }
        List<GateResult.Failure> failures = new ArrayList<>();
        valueThresholds.forEach((metric, thresholds) -> {
            for (ValueThreshold t : thresholds) {
                Double value = candidate.get(metric);
                if (value == null || value.isNaN()) {
                    failures.add(new GateResult.Failure(metric, t.toString(), missingOrNaN("candidate", value)));
                } else if (!t.accepts(value)) {
                    failures.add(new GateResult.Failure(metric, t.toString(), "value " + value + " is outside "
                            + t));
                }
            }
        });
        boolean skipped = champion.isEmpty() && !changeThresholds.isEmpty();
        champion.ifPresent(baseline -> changeThresholds.forEach((metric, thresholds) -> {
            for (ChangeThreshold t : thresholds) {
                Double value = candidate.get(metric);
                Double base = baseline.get(metric);
                if (value == null || value.isNaN()) {
                    failures.add(new GateResult.Failure(metric, t.toString(), missingOrNaN("candidate", value)));
                } else if (base == null || base.isNaN()) {
                    failures.add(new GateResult.Failure(metric, t.toString(), missingOrNaN("champion", base)));
                } else {
                    t.check(value, base).ifPresent(reason ->
                            failures.add(new GateResult.Failure(metric, t.toString(), reason)));
                }
            }
        }));
        return new GateResult(failures.isEmpty(), failures, skipped);
    }

    private static String missingOrNaN(String who, Double value) {
        return value == null ? "the " + who + " has no value for this metric" : "the " + who + "'s value is NaN";
    }

    @Override
    public String toString() {
        return "ValidationGate[values=" + valueThresholds + ", changes=" + changeThresholds + "]";
    }

    /** Collects thresholds; several per metric are allowed and all must pass. Not thread-safe. */
    public static final class Builder {
        private final Map<String, List<ValueThreshold>> valueThresholds = new LinkedHashMap<>();
        private final Map<String, List<ChangeThreshold>> changeThresholds = new LinkedHashMap<>();

        private Builder() {}

        /** Requires the candidate's {@code metric} to lie within {@code threshold}. */
        public Builder valueThreshold(String metric, ValueThreshold threshold) {
            Names.require("metric", metric);
            if (threshold == null) {
                throw new InvalidArgumentException("threshold", "is null");
            }
            valueThresholds.computeIfAbsent(metric, k -> new ArrayList<>()).add(threshold);
            return this;
        }

        /** Requires the candidate's {@code metric} to change against the champion within {@code threshold}. */
        public Builder changeThreshold(String metric, ChangeThreshold threshold) {
            Names.require("metric", metric);
            if (threshold == null) {
                throw new InvalidArgumentException("threshold", "is null");
            }
            changeThresholds.computeIfAbsent(metric, k -> new ArrayList<>()).add(threshold);
            return this;
        }

        /** The gate. A gate without thresholds passes every candidate. */
        public ValidationGate build() {
            return new ValidationGate(this);
        }
    }
}

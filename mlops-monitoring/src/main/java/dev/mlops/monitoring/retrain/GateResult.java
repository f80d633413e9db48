package dev.mlops.monitoring.retrain;

import java.util.List;

/**
 * What a {@link ValidationGate} decided: whether the candidate passed, every threshold it failed with
 * the reason, and whether change thresholds were skipped because there was no champion. Immutable.
 *
 * @param passed true when no threshold failed
 * @param failures the failed thresholds, in the gate's order
 * @param changeThresholdsSkipped true when the gate has change thresholds but there was no champion
 */
public record GateResult(boolean passed, List<Failure> failures, boolean changeThresholdsSkipped) {

    public GateResult {
        failures = List.copyOf(failures);
    }

    /** The reasons as short lines, such as {@code auc [0.8, Infinity]: value 0.71 is outside [0.8, Infinity]}. */
    public List<String> reasons() {
        return failures.stream().map(f -> f.metric() + " " + f.threshold() + ": " + f.reason()).toList();
    }

    /**
     * One failed threshold.
     *
     * @param metric the metric's name
     * @param threshold the threshold, as text
     * @param reason why it failed
     */
    public record Failure(String metric, String threshold, String reason) {}
}

package dev.mlops.monitoring.performance;

import dev.mlops.core.InvalidArgumentException;
import java.time.Instant;

/**
 * A label that arrived for a prediction: which prediction (by id), the true outcome, and when the
 * outcome became known. Labels arrive in any order, before or after their prediction is stored; the
 * join happens when metrics are read. For one prediction id, a log keeps the label with the latest
 * {@code time} (on a tie, the one given last).
 *
 * <p>An immutable value, safe to share between threads.
 *
 * @param predictionId the id of the prediction(s) this labels; the rules of {@link Prediction#id()}
 * @param label the true outcome
 * @param time when the outcome became known; same range as {@link Prediction#time()}
 */
public record GroundTruth(String predictionId, Label label, Instant time) {

    /** Validates the fields. */
    public GroundTruth {
        Prediction.checkId("predictionId", predictionId);
        if (label == null) {
            throw new InvalidArgumentException("label", "is null");
        }
        if (time == null) {
            throw new InvalidArgumentException("time", "is null");
        }
        if (time.isBefore(Prediction.MIN_TIME) || time.isAfter(Prediction.MAX_TIME)) {
            throw new InvalidArgumentException("time", time + " is outside " + Prediction.MIN_TIME + " .. "
                    + Prediction.MAX_TIME);
        }
    }
}

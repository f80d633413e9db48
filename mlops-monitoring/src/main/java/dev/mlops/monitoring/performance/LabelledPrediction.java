package dev.mlops.monitoring.performance;

import dev.mlops.core.InvalidArgumentException;
import java.util.Optional;

/**
 * A stored prediction with the label that has arrived for it so far, if any: what a
 * {@link PredictionLog} scan yields.
 *
 * <p>An immutable value, safe to share between threads.
 *
 * @param prediction the prediction
 * @param label its label, when one has arrived
 */
public record LabelledPrediction(Prediction prediction, Optional<GroundTruth> label) {

    /** Validates the fields. */
    public LabelledPrediction {
        if (prediction == null) {
            throw new InvalidArgumentException("prediction", "is null");
        }
        if (label == null) {
            throw new InvalidArgumentException("label", "is null; use Optional.empty()");
        }
        if (label.isPresent() && !label.get().predictionId().equals(prediction.id())) {
            throw new InvalidArgumentException("label", "is for prediction '" + label.get().predictionId()
                    + "', not '" + prediction.id() + "'");
        }
    }
}

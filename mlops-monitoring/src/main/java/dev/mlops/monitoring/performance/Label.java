package dev.mlops.monitoring.performance;

import dev.mlops.core.InvalidArgumentException;

/**
 * The true outcome of a prediction, known later: a binary outcome, a class, or a number. It must match
 * the prediction's {@link ModelTask}; a label of another kind makes the pair count as unlabelled in
 * metrics (and is reported as a mismatch).
 *
 * <p>Immutable values; safe to share between threads.
 */
public sealed interface Label permits Label.Binary, Label.Categorical, Label.Numeric {

    /** The task this label belongs to. */
    ModelTask task();

    /** A binary outcome: positive or not. */
    static Binary of(boolean positive) {
        return new Binary(positive);
    }

    /** A class outcome. */
    static Categorical of(String trueClass) {
        return new Categorical(trueClass);
    }

    /** A numeric outcome. */
    static Numeric of(double value) {
        return new Numeric(value);
    }

    /**
     * A binary outcome.
     *
     * @param positive whether the positive class happened
     */
    record Binary(boolean positive) implements Label {
        @Override
        public ModelTask task() {
            return ModelTask.BINARY;
        }
    }

    /**
     * A class outcome.
     *
     * @param trueClass the class that happened: 1 to 250 characters, no control characters
     */
    record Categorical(String trueClass) implements Label {
        /** Validates the class. */
        public Categorical {
            Prediction.checkId("trueClass", trueClass);
        }

        @Override
        public ModelTask task() {
            return ModelTask.MULTICLASS;
        }
    }

    /**
     * A numeric outcome.
     *
     * @param value the true value, finite
     */
    record Numeric(double value) implements Label {
        /** Validates the value. */
        public Numeric {
            if (!Double.isFinite(value)) {
                throw new InvalidArgumentException("value", "must be finite, got " + value);
            }
        }

        @Override
        public ModelTask task() {
            return ModelTask.REGRESSION;
        }
    }
}

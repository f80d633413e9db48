package dev.mlops.monitoring.performance;

import dev.mlops.core.InvalidArgumentException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a model answered for one prediction: a binary probability with the class it chose, a class out
 * of several (optionally with its class probabilities), or a regression value. The kind decides which
 * metrics a window reports ({@link ModelTask}).
 *
 * <p>Immutable values, validated on construction; safe to share between threads.
 */
public sealed interface PredictionOutput
        permits PredictionOutput.Binary, PredictionOutput.Multiclass, PredictionOutput.Regression {

    /** The task this output belongs to. */
    ModelTask task();

    /**
     * A binary classifier's answer with the default threshold 0.5: positive when
     * {@code probability >= 0.5}.
     *
     * @param probability the probability of the positive class, in [0, 1]
     */
    static Binary probability(double probability) {
        return new Binary(probability, probability >= 0.5);
    }

    /**
     * A binary classifier's answer: the probability of the positive class and the class it predicted
     * (whatever threshold the model used).
     */
    static Binary binary(double probability, boolean predictedPositive) {
        return new Binary(probability, predictedPositive);
    }

    /** A multiclass classifier's predicted class, without probabilities. */
    static Multiclass predictedClass(String predictedClass) {
        return new Multiclass(predictedClass, Map.of());
    }

    /**
     * A multiclass classifier's predicted class with its class probabilities (which should sum to 1;
     * classes absent from the map count as probability 0).
     */
    static Multiclass predictedClass(String predictedClass, Map<String, Double> probabilities) {
        return new Multiclass(predictedClass, probabilities);
    }

    /** A regression model's predicted value. */
    static Regression value(double value) {
        return new Regression(value);
    }

    /**
     * A binary classifier's answer.
     *
     * @param probability the probability (calibrated score) of the positive class, in [0, 1]; ROC AUC
     *     and PR AUC only need it to rank, log loss, calibration error and the estimated (CBPE)
     *     metrics need it to be a probability
     * @param predictedPositive the class the model predicted, for accuracy, precision, recall and F1
     */
    record Binary(double probability, boolean predictedPositive) implements PredictionOutput {
        /** Validates the probability. */
        public Binary {
            if (!(probability >= 0.0 && probability <= 1.0)) {
                throw new InvalidArgumentException("probability", "must be in [0, 1], got " + probability);
            }
        }

        @Override
        public ModelTask task() {
            return ModelTask.BINARY;
        }
    }

    /**
     * A multiclass classifier's answer.
     *
     * @param predictedClass the class the model predicted: 1 to 250 characters, no control characters
     * @param probabilities class → probability, each in [0, 1]; may be empty (then no log loss). Copied
     *     and kept sorted by class
     */
    record Multiclass(String predictedClass, Map<String, Double> probabilities) implements PredictionOutput {
        /** Validates and copies the fields. */
        public Multiclass {
            Prediction.checkId("predictedClass", predictedClass);
            if (probabilities == null) {
                throw new InvalidArgumentException("probabilities", "is null; pass an empty map for none");
            }
            TreeMap<String, Double> copy = new TreeMap<>();
            for (Map.Entry<String, Double> e : probabilities.entrySet()) {
                String cls = e.getKey();
                Double p = e.getValue();
                if (cls == null) {
                    throw new InvalidArgumentException("probabilities", "has a null class name");
                }
                Prediction.checkId("probabilities", cls);
                if (p == null || !(p >= 0.0 && p <= 1.0)) {
                    throw new InvalidArgumentException("probabilities", "probability of class '" + cls
                            + "' must be in [0, 1], got " + p);
                }
                copy.put(cls, p);
            }
            probabilities = Collections.unmodifiableMap(copy);
        }

        @Override
        public ModelTask task() {
            return ModelTask.MULTICLASS;
        }
    }

    /**
     * A regression model's answer.
     *
     * @param value the predicted value, finite
     */
    record Regression(double value) implements PredictionOutput {
        /** Validates the value. */
        public Regression {
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

package dev.mlops.monitoring.retrain;

import dev.mlops.core.InvalidArgumentException;

/**
 * Bounds on a metric's value, both inclusive (TFMA's {@code GenericValueThreshold}); an unset bound is
 * infinite. Immutable.
 *
 * @param lower the smallest accepted value, or {@code -Infinity}
 * @param upper the largest accepted value, or {@code +Infinity}
 */
public record ValueThreshold(double lower, double upper) {

    public ValueThreshold {
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            throw new InvalidArgumentException("threshold", "bounds may not be NaN");
        }
        if (lower > upper) {
            throw new InvalidArgumentException("threshold", "lower bound " + lower + " is above upper bound " + upper);
        }
    }

    /** Values at or above {@code lower}. */
    public static ValueThreshold atLeast(double lower) {
        return new ValueThreshold(lower, Double.POSITIVE_INFINITY);
    }

    /** Values at or below {@code upper}. */
    public static ValueThreshold atMost(double upper) {
        return new ValueThreshold(Double.NEGATIVE_INFINITY, upper);
    }

    /** Values in {@code [lower, upper]}. */
    public static ValueThreshold between(double lower, double upper) {
        return new ValueThreshold(lower, upper);
    }

    /** Whether {@code value} lies within the bounds (NaN never does). */
    public boolean accepts(double value) {
        return value >= lower && value <= upper;
    }

    @Override
    public String toString() {
        return "[" + lower + ", " + upper + "]";
    }
}

package dev.mlops.monitoring.retrain;

import dev.mlops.core.InvalidArgumentException;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How much a candidate's metric may change against the champion's (TFMA's {@code GenericChangeThreshold}):
 * with {@code diff = candidate − champion} and {@code ratio = diff / champion}, a higher-is-better metric
 * passes when {@code diff ≥ absolute} and {@code ratio ≥ relative}, a lower-is-better one when
 * {@code diff ≤ absolute} and {@code ratio ≤ relative}. An unset part always passes. Immutable.
 *
 * <p>For example {@code higherIsBetter().absolute(-0.005)} lets AUC drop by at most 0.005, and
 * {@code higherIsBetter().absolute(0.0)} demands no regression at all.
 *
 * @param direction whether higher or lower values are better
 * @param absolute the bound on {@code diff}, if set
 * @param relative the bound on {@code ratio}, if set
 */
public record ChangeThreshold(Direction direction, OptionalDouble absolute, OptionalDouble relative) {

    /** Which way a metric improves. */
    public enum Direction {
        HIGHER_IS_BETTER,
        LOWER_IS_BETTER
    }

    public ChangeThreshold {
        if (direction == null) {
            throw new InvalidArgumentException("direction", "is null");
        }
        if (absolute == null || relative == null) {
            throw new InvalidArgumentException("threshold", "absolute and relative must be OptionalDouble, not null");
        }
        if (absolute.isPresent() && Double.isNaN(absolute.getAsDouble())) {
            throw new InvalidArgumentException("absolute", "may not be NaN");
        }
        if (relative.isPresent() && Double.isNaN(relative.getAsDouble())) {
            throw new InvalidArgumentException("relative", "may not be NaN");
        }
    }

    /** A threshold for a metric where higher is better (AUC, accuracy), with no bound set yet. */
    public static ChangeThreshold higherIsBetter() {
        return new ChangeThreshold(Direction.HIGHER_IS_BETTER, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** A threshold for a metric where lower is better (log loss, RMSE), with no bound set yet. */
    public static ChangeThreshold lowerIsBetter() {
        return new ChangeThreshold(Direction.LOWER_IS_BETTER, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** This threshold with a bound on {@code candidate − champion}. */
    public ChangeThreshold absolute(double bound) {
        return new ChangeThreshold(direction, OptionalDouble.of(bound), relative);
    }

    /** This threshold with a bound on {@code (candidate − champion) / champion}. */
    public ChangeThreshold relative(double bound) {
        return new ChangeThreshold(direction, absolute, OptionalDouble.of(bound));
    }

    /** Why {@code candidate} fails against {@code champion}, or empty when it passes. */
    Optional<String> check(double candidate, double champion) {
        double diff = candidate - champion;
        boolean higher = direction == Direction.HIGHER_IS_BETTER;
        if (absolute.isPresent()) {
            double bound = absolute.getAsDouble();
            if (higher ? !(diff >= bound) : !(diff <= bound)) {
                return Optional.of("change " + diff + " (candidate " + candidate + ", champion " + champion + ") is "
                        + (higher ? "below" : "above") + " the absolute bound " + bound);
            }
        }
        if (relative.isPresent()) {
            double bound = relative.getAsDouble();
            if (champion == 0.0) {
                return Optional.of("relative change is undefined against a champion value of 0");
            }
            double ratio = diff / champion;
            if (higher ? !(ratio >= bound) : !(ratio <= bound)) {
                return Optional.of("relative change " + ratio + " (candidate " + candidate + ", champion " + champion
                        + ") is " + (higher ? "below" : "above") + " the relative bound " + bound);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return direction.name().toLowerCase(java.util.Locale.ROOT)
                + (absolute.isPresent() ? ", absolute " + absolute.getAsDouble() : "")
                + (relative.isPresent() ? ", relative " + relative.getAsDouble() : "");
    }
}

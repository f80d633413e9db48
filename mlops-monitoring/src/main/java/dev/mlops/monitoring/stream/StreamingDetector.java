package dev.mlops.monitoring.stream;

/**
 * A concept-drift detector fed one observation at a time, for example a model's per-prediction
 * error (0/1) or a monitored value.
 *
 * <p>Lifecycle: create it with a factory such as {@link Adwin#ofDefaults()} or a builder, feed it
 * with {@link #update(double)}, read the answer from the return value or from {@link #state()}.
 * After an update that returned {@link DetectorState#DRIFT}, the next update first resets the
 * detector to its initial state (as river does); {@link #reset()} does the same on demand.
 *
 * <p>Implementations are not thread-safe: use each instance from one thread at a time.
 */
public interface StreamingDetector {

    /**
     * Adds one observation and returns the detector's conclusion.
     *
     * @param x the observation; must be finite, and some detectors restrict it further (binary
     *     detectors take 0 or 1)
     * @return the state after this observation, also available from {@link #state()}
     * @throws dev.mlops.core.InvalidArgumentException if {@code x} is not accepted; the detector is
     *     then unchanged
     */
    DetectorState update(double x);

    /** The state reported by the latest update; {@link DetectorState#NONE} after a reset. */
    DetectorState state();

    /** Whether the latest update reported {@link DetectorState#DRIFT}. */
    default boolean driftDetected() {
        return state() == DetectorState.DRIFT;
    }

    /**
     * Whether the latest update reported {@link DetectorState#WARNING}; always false for detectors
     * that do not {@linkplain #signalsWarnings() signal warnings}.
     */
    default boolean warningDetected() {
        return state() == DetectorState.WARNING;
    }

    /** Whether this kind of detector ever reports {@link DetectorState#WARNING}. */
    boolean signalsWarnings();

    /** How many observations were added since the detector was created or last reset. */
    long observations();

    /** Forgets everything observed, as if the detector had just been built with its parameters. */
    void reset();
}

package dev.mlops.monitoring.stream;

/**
 * The lifecycle shared by every detector: validate the input before touching any state, reset
 * after a reported drift, count observations. Subclasses supply the statistics.
 */
abstract class AbstractDetector implements StreamingDetector {

    private DetectorState state = DetectorState.NONE;
    private long observations;

    @Override
    public final DetectorState update(double x) {
        checkInput(x);
        if (state == DetectorState.DRIFT) {
            reset();
        }
        observations++;
        state = step(x);
        return state;
    }

    @Override
    public final DetectorState state() {
        return state;
    }

    @Override
    public final long observations() {
        return observations;
    }

    @Override
    public final void reset() {
        state = DetectorState.NONE;
        observations = 0;
        clearStatistics();
    }

    /** Throws {@code InvalidArgumentException("x", ...)} for input this detector does not take. */
    void checkInput(double x) {
        Check.finiteInput(x);
    }

    /** Adds {@code x} (already validated) to the statistics and returns the new state. */
    abstract DetectorState step(double x);

    /** Returns the statistics to their initial values; parameters are kept. */
    abstract void clearStatistics();
}

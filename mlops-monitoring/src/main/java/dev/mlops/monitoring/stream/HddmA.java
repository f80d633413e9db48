package dev.mlops.monitoring.stream;

import dev.mlops.core.InvalidArgumentException;

/**
 * HDDM_A, drift detection with Hoeffding's bounds on moving averages (Frías-Blanco et al., IEEE TKDE
 * 27(3), 2015). It keeps the mean of everything since the last reset and the mean up to a cut point
 * chosen where the Hoeffding upper bound of the prefix mean was lowest; when the overall mean exceeds
 * the prefix mean by more than the Hoeffding bound for the two sample sizes at confidence
 * {@code driftConfidence} it reports a drift, at {@code warningConfidence} a warning. With
 * {@code twoSided} it also watches for a decrease (against the prefix whose lower bound was
 * highest).
 *
 * <p>Input: values in [0, 1], usually 0 (correct) and 1 (error); the bound assumes that range.
 * {@link #update(boolean)} takes an error flag. river accepts any number here without checking.
 *
 * <p>Parameters, with river's defaults: {@code driftConfidence} 0.001, {@code warningConfidence}
 * 0.005, {@code twoSided} false. Semantics are river's {@code drift.binary.HDDM_A}, itself MOA's.
 * Not thread-safe.
 */
public final class HddmA extends AbstractDetector implements BinaryDetector {

    /** Default drift confidence: 0.001. */
    public static final double DEFAULT_DRIFT_CONFIDENCE = 0.001;
    /** Default warning confidence: 0.005. */
    public static final double DEFAULT_WARNING_CONFIDENCE = 0.005;

    private final double driftConfidence;
    private final double warningConfidence;
    private final boolean twoSided;
    private final double logInverseDrift;
    private final double logTwiceInverseDrift;
    private final double logTwiceInverseWarning;

    private long n;
    private double mean;
    private long lowN;
    private double lowMean;
    private long highN;
    private double highMean;

    private HddmA(Builder b) {
        this.driftConfidence = b.driftConfidence;
        this.warningConfidence = b.warningConfidence;
        this.twoSided = b.twoSided;
        this.logInverseDrift = StrictMath.log(1.0 / driftConfidence);
        this.logTwiceInverseDrift = StrictMath.log(2.0 / driftConfidence);
        this.logTwiceInverseWarning = StrictMath.log(2.0 / warningConfidence);
        clearStatistics();
    }

    /** HDDM_A with river's defaults (drift 0.001, warning 0.005, one-sided). */
    public static HddmA ofDefaults() {
        return builder().build();
    }

    /** A builder preset with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void checkInput(double x) {
        Check.unitIntervalInput(x);
    }

    @Override
    DetectorState step(double x) {
        n++;
        mean += (x - mean) / n;
        if (lowN == 0) {
            lowN = n;
            lowMean = mean;
        }
        if (highN == 0) {
            highN = n;
            highMean = mean;
        }
        double bound = hoeffding(n);
        if (lowMean + hoeffding(lowN) >= mean + bound) {
            lowN = n;
            lowMean = mean;
        }
        if (highMean - hoeffding(highN) <= mean - bound) {
            highN = n;
            highMean = mean;
        }
        DetectorState state = DetectorState.NONE;
        double rise = mean - lowMean;
        if (changed(lowN, rise, logTwiceInverseDrift)) {
            state = DetectorState.DRIFT;
        } else if (changed(lowN, rise, logTwiceInverseWarning)) {
            state = DetectorState.WARNING;
        }
        if (twoSided && state != DetectorState.DRIFT) {
            double fall = highMean - mean;
            if (changed(highN, fall, logTwiceInverseDrift)) {
                state = DetectorState.DRIFT;
            } else if (changed(highN, fall, logTwiceInverseWarning)) {
                state = DetectorState.WARNING;
            }
        }
        return state;
    }

    private double hoeffding(long count) {
        return Math.sqrt(1.0 / (2 * count) * logInverseDrift);
    }

    /** Whether {@code difference} between the whole mean and the prefix mean is significant. */
    private boolean changed(long cutN, double difference, double logTwiceInverseConfidence) {
        if (cutN == n) {
            return false;
        }
        double m = (double) (n - cutN) / cutN * (1.0 / n);
        return difference >= Math.sqrt(m / 2 * logTwiceInverseConfidence);
    }

    @Override
    void clearStatistics() {
        n = 0;
        mean = 0;
        lowN = 0;
        lowMean = 0;
        highN = 0;
        highMean = 0;
    }

    @Override
    public boolean signalsWarnings() {
        return true;
    }

    /** The mean of the values since the last reset. */
    public double mean() {
        return mean;
    }

    /** Confidence level of the drift test. */
    public double driftConfidence() {
        return driftConfidence;
    }

    /** Confidence level of the warning test. */
    public double warningConfidence() {
        return warningConfidence;
    }

    /** Whether decreases are detected as well as increases. */
    public boolean twoSided() {
        return twoSided;
    }

    @Override
    public String toString() {
        return "HddmA[driftConfidence=" + driftConfidence + ", warningConfidence=" + warningConfidence
                + ", twoSided=" + twoSided + "]";
    }

    /** Builds {@link HddmA}; each setter validates its argument. Not thread-safe. */
    public static final class Builder {
        private double driftConfidence = DEFAULT_DRIFT_CONFIDENCE;
        private double warningConfidence = DEFAULT_WARNING_CONFIDENCE;
        private boolean twoSided;

        private Builder() {}

        /** Drift confidence in (0, 1), at most the warning confidence; default 0.001. */
        public Builder driftConfidence(double driftConfidence) {
            this.driftConfidence = Check.openUnit("driftConfidence", driftConfidence);
            return this;
        }

        /** Warning confidence in (0, 1); default 0.005. */
        public Builder warningConfidence(double warningConfidence) {
            this.warningConfidence = Check.openUnit("warningConfidence", warningConfidence);
            return this;
        }

        /** Also detect decreases; default false (increases only, as river). */
        public Builder twoSided(boolean twoSided) {
            this.twoSided = twoSided;
            return this;
        }

        /**
         * A new detector with these parameters.
         *
         * @throws InvalidArgumentException naming {@code driftConfidence} if it is above the
         *     warning confidence (the drift test would be weaker than the warning test)
         */
        public HddmA build() {
            HoeffdingChecks.confidences(driftConfidence, warningConfidence);
            return new HddmA(this);
        }
    }
}

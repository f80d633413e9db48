package dev.mlops.monitoring.stream;

import dev.mlops.core.InvalidArgumentException;

/**
 * DDM, the Drift Detection Method (Gama, Medas, Castillo &amp; Rodrigues, SBIA 2004). It tracks the
 * error rate {@code p} of a stream of 0/1 outcomes and its binomial standard deviation
 * {@code s = sqrt(p(1-p)/n)}, remembers {@code pmin} and {@code smin} where {@code p + s} was lowest,
 * and reports a warning when {@code p + s > pmin + warningThreshold · smin} and a drift when
 * {@code p + s > pmin + driftThreshold · smin}. Nothing is reported during the first
 * {@code warmStart} observations.
 *
 * <p>Input: 0 (correct) or 1 (error); {@link #update(boolean)} takes the same as a boolean.
 *
 * <p>Parameters, with river's defaults: {@code warmStart} 30, {@code warningThreshold} 2.0,
 * {@code driftThreshold} 3.0. Semantics are river's {@code drift.binary.DDM} (strict inequalities;
 * a drift clears the warning). Unlike river we reject a drift threshold below the warning threshold.
 * Not thread-safe.
 */
public final class Ddm extends AbstractDetector implements BinaryDetector {

    /** Default warm start: 30 observations. */
    public static final int DEFAULT_WARM_START = 30;
    /** Default warning threshold: 2 standard deviations. */
    public static final double DEFAULT_WARNING_THRESHOLD = 2.0;
    /** Default drift threshold: 3 standard deviations. */
    public static final double DEFAULT_DRIFT_THRESHOLD = 3.0;

    private final int warmStart;
    private final double warningThreshold;
    private final double driftThreshold;

    private long n;
    private double errorRate;
    private double pMin;
    private double sMin;
    private double psMin;
    private boolean warning;

    private Ddm(Builder b) {
        this.warmStart = b.warmStart;
        this.warningThreshold = b.warningThreshold;
        this.driftThreshold = b.driftThreshold;
        clearStatistics();
    }

    /** DDM with river's defaults (warm start 30, warning 2, drift 3). */
    public static Ddm ofDefaults() {
        return builder().build();
    }

    /** A builder preset with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void checkInput(double x) {
        Check.binaryInput(x);
    }

    @Override
    DetectorState step(double x) {
        n++;
        errorRate += (x - errorRate) / n;
        double s = Math.sqrt(errorRate * (1 - errorRate) / n);
        if (n > warmStart) {
            double ps = errorRate + s;
            if (ps <= psMin) {
                pMin = errorRate;
                sMin = s;
                psMin = pMin + sMin;
            }
            warning = ps > pMin + warningThreshold * sMin;
            if (ps > pMin + driftThreshold * sMin) {
                warning = false;
                return DetectorState.DRIFT;
            }
        }
        return warning ? DetectorState.WARNING : DetectorState.NONE;
    }

    @Override
    void clearStatistics() {
        n = 0;
        errorRate = 0;
        pMin = Double.POSITIVE_INFINITY;
        sMin = Double.POSITIVE_INFINITY;
        psMin = Double.POSITIVE_INFINITY;
        warning = false;
    }

    @Override
    public boolean signalsWarnings() {
        return true;
    }

    /** The error rate observed since the last reset. */
    public double errorRate() {
        return errorRate;
    }

    /** Observations before which nothing is reported. */
    public int warmStart() {
        return warmStart;
    }

    /** Warning level, in standard deviations above the best {@code p + s}. */
    public double warningThreshold() {
        return warningThreshold;
    }

    /** Drift level, in standard deviations above the best {@code p + s}. */
    public double driftThreshold() {
        return driftThreshold;
    }

    @Override
    public String toString() {
        return "Ddm[warmStart=" + warmStart + ", warningThreshold=" + warningThreshold
                + ", driftThreshold=" + driftThreshold + "]";
    }

    /** Builds {@link Ddm}; each setter validates its argument. Not thread-safe. */
    public static final class Builder {
        private int warmStart = DEFAULT_WARM_START;
        private double warningThreshold = DEFAULT_WARNING_THRESHOLD;
        private double driftThreshold = DEFAULT_DRIFT_THRESHOLD;

        private Builder() {}

        /** Observations before anything is reported, at least 0; default 30. */
        public Builder warmStart(int warmStart) {
            this.warmStart = Check.atLeast("warmStart", warmStart, 0);
            return this;
        }

        /** Warning level in standard deviations, &gt; 0; default 2. */
        public Builder warningThreshold(double warningThreshold) {
            this.warningThreshold = Check.positive("warningThreshold", warningThreshold);
            return this;
        }

        /** Drift level in standard deviations, &gt; 0 and not below the warning level; default 3. */
        public Builder driftThreshold(double driftThreshold) {
            this.driftThreshold = Check.positive("driftThreshold", driftThreshold);
            return this;
        }

        /**
         * A new detector with these parameters.
         *
         * @throws InvalidArgumentException naming {@code driftThreshold} if it is below the warning
         *     threshold
         */
        public Ddm build() {
            if (driftThreshold < warningThreshold) {
                throw new InvalidArgumentException("driftThreshold", "must be >= warningThreshold ("
                        + warningThreshold + "), was " + driftThreshold);
            }
            return new Ddm(this);
        }
    }
}

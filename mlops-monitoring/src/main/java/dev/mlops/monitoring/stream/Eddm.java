package dev.mlops.monitoring.stream;

import dev.mlops.core.InvalidArgumentException;

/**
 * EDDM, the Early Drift Detection Method (Baena-García et al., IWKDDS 2006). Instead of the error
 * rate it tracks the distance (in observations) between consecutive errors: its running mean
 * {@code p'} and standard deviation {@code s'}, and the maximum of {@code p' + 2s'}. When errors
 * get closer together, {@code (p' + 2s') / max(p' + 2s')} falls: below {@code alpha} it reports a
 * warning, below {@code beta} a drift. It is checked only at errors, after more than
 * {@code warmStart} observations and more than {@code warmStart} errors. Suited to gradual drift.
 *
 * <p>Input: 0 (correct) or 1 (error); {@link #update(boolean)} takes the same as a boolean.
 *
 * <p>Parameters, with river's defaults: {@code warmStart} 30, {@code alpha} 0.95, {@code beta} 0.9,
 * with {@code alpha >= beta}. Semantics are river's {@code drift.binary.EDDM}: the sample standard
 * deviation (n − 1), and the warning state is only re-evaluated at errors, so it persists through
 * runs of correct outcomes. Not thread-safe.
 */
public final class Eddm extends AbstractDetector implements BinaryDetector {

    /** Default warm start: 30 observations and 30 errors. */
    public static final int DEFAULT_WARM_START = 30;
    /** Default warning ratio: 0.95. */
    public static final double DEFAULT_ALPHA = 0.95;
    /** Default drift ratio: 0.9. */
    public static final double DEFAULT_BETA = 0.9;

    private final int warmStart;
    private final double alpha;
    private final double beta;

    private long n;
    private long lastError;
    private long errors;
    private double distanceMean;
    private double distanceSquares;
    private double maxLevel;
    private boolean warning;

    private Eddm(Builder b) {
        this.warmStart = b.warmStart;
        this.alpha = b.alpha;
        this.beta = b.beta;
        clearStatistics();
    }

    /** EDDM with river's defaults (warm start 30, alpha 0.95, beta 0.9). */
    public static Eddm ofDefaults() {
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
        if (x == 1.0) {
            errors++;
            double distance = n - lastError;
            double before = distance - distanceMean;
            distanceMean += before / errors;
            distanceSquares += before * (distance - distanceMean);
            lastError = n;
            if (n > warmStart) {
                double sd = errors > 1 ? Math.sqrt(distanceSquares / (errors - 1)) : 0.0;
                double level = distanceMean + 2 * sd;
                if (level > maxLevel) {
                    maxLevel = level;
                } else if (errors > warmStart) {
                    double ratio = level / maxLevel;
                    if (ratio < beta) {
                        return DetectorState.DRIFT;
                    }
                    warning = ratio < alpha;
                }
            }
        }
        return warning ? DetectorState.WARNING : DetectorState.NONE;
    }

    @Override
    void clearStatistics() {
        n = 0;
        lastError = 0;
        errors = 0;
        distanceMean = 0;
        distanceSquares = 0;
        maxLevel = -1;
        warning = false;
    }

    @Override
    public boolean signalsWarnings() {
        return true;
    }

    /** Observations and errors needed before anything is reported. */
    public int warmStart() {
        return warmStart;
    }

    /** Warning when {@code (p' + 2s') / max} falls below this. */
    public double alpha() {
        return alpha;
    }

    /** Drift when {@code (p' + 2s') / max} falls below this. */
    public double beta() {
        return beta;
    }

    @Override
    public String toString() {
        return "Eddm[warmStart=" + warmStart + ", alpha=" + alpha + ", beta=" + beta + "]";
    }

    /** Builds {@link Eddm}; each setter validates its argument. Not thread-safe. */
    public static final class Builder {
        private int warmStart = DEFAULT_WARM_START;
        private double alpha = DEFAULT_ALPHA;
        private double beta = DEFAULT_BETA;

        private Builder() {}

        /** Observations and errors before anything is reported, at least 0; default 30. */
        public Builder warmStart(int warmStart) {
            this.warmStart = Check.atLeast("warmStart", warmStart, 0);
            return this;
        }

        /** Warning ratio in (0, 1]; default 0.95. */
        public Builder alpha(double alpha) {
            this.alpha = Check.halfOpenUnit("alpha", alpha);
            return this;
        }

        /** Drift ratio in (0, 1], at most {@code alpha}; default 0.9. */
        public Builder beta(double beta) {
            this.beta = Check.halfOpenUnit("beta", beta);
            return this;
        }

        /**
         * A new detector with these parameters.
         *
         * @throws InvalidArgumentException naming {@code beta} if it is above {@code alpha}
         */
        public Eddm build() {
            if (beta > alpha) {
                throw new InvalidArgumentException(
                        "beta", "must be <= alpha (" + alpha + "), was " + beta);
            }
            return new Eddm(this);
        }
    }
}

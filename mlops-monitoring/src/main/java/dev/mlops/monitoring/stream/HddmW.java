package dev.mlops.monitoring.stream;

import dev.mlops.core.InvalidArgumentException;

/**
 * HDDM_W, drift detection with McDiarmid's bounds on exponentially weighted moving averages
 * (Frías-Blanco et al., IEEE TKDE 27(3), 2015). It keeps an EWMA of the whole stream, the EWMA up
 * to the cut point where its upper bound was lowest, and an EWMA of what came after the cut; when
 * the latter exceeds the former by more than McDiarmid's bound (from both samples' independent
 * bound conditions) at {@code driftConfidence} it reports a drift, at {@code warningConfidence} a
 * warning. {@code lambda} is the weight of the newest value. With {@code twoSided} it also watches
 * for a decrease.
 *
 * <p>Input: values in [0, 1], usually 0 (correct) and 1 (error). {@link #update(boolean)} takes an
 * error flag.
 *
 * <p>Parameters, with river's defaults: {@code driftConfidence} 0.001, {@code warningConfidence}
 * 0.005, {@code lambda} 0.05, {@code twoSided} false. Semantics are river's
 * {@code drift.binary.HDDM_W} with one difference: each EWMA starts from its first value, as in
 * MOA, whereas river's {@code stats.EWMean} also restarts from the new value whenever its average is
 * exactly 0 (after a run of correct outcomes the next error jumps the average to 1.0). river's
 * documented example detects at the same indices either way. Not thread-safe.
 */
public final class HddmW extends AbstractDetector implements BinaryDetector {

    /** Default drift confidence: 0.001. */
    public static final double DEFAULT_DRIFT_CONFIDENCE = 0.001;
    /** Default warning confidence: 0.005. */
    public static final double DEFAULT_WARNING_CONFIDENCE = 0.005;
    /** Default weight of the newest value: 0.05. */
    public static final double DEFAULT_LAMBDA = 0.05;

    private final double driftConfidence;
    private final double warningConfidence;
    private final double lambda;
    private final boolean twoSided;
    private final double logInverseDrift;
    private final double logInverseWarning;

    private final WeightedSample all;
    private final WeightedSample increaseBefore;
    private final WeightedSample increaseAfter;
    private final WeightedSample decreaseBefore;
    private final WeightedSample decreaseAfter;
    private double increaseCut;
    private double decreaseCut;

    private HddmW(Builder b) {
        this.driftConfidence = b.driftConfidence;
        this.warningConfidence = b.warningConfidence;
        this.lambda = b.lambda;
        this.twoSided = b.twoSided;
        this.logInverseDrift = StrictMath.log(1.0 / driftConfidence);
        this.logInverseWarning = StrictMath.log(1.0 / warningConfidence);
        this.all = new WeightedSample(lambda);
        this.increaseBefore = new WeightedSample(lambda);
        this.increaseAfter = new WeightedSample(lambda);
        this.decreaseBefore = new WeightedSample(lambda);
        this.decreaseAfter = new WeightedSample(lambda);
        clearStatistics();
    }

    /** HDDM_W with river's defaults (drift 0.001, warning 0.005, lambda 0.05, one-sided). */
    public static HddmW ofDefaults() {
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
        all.add(x);
        double bound = mcDiarmid(all.independentBound, logInverseDrift);
        if (all.average + bound < increaseCut) {
            increaseCut = all.average + bound;
            increaseBefore.copyFrom(all);
            increaseAfter.clear();
        } else {
            increaseAfter.add(x);
        }
        DetectorState state = DetectorState.NONE;
        if (exceeds(increaseBefore, increaseAfter, logInverseDrift)) {
            state = DetectorState.DRIFT;
        } else if (exceeds(increaseBefore, increaseAfter, logInverseWarning)) {
            state = DetectorState.WARNING;
        }
        if (twoSided) {
            if (all.average - bound > decreaseCut) {
                decreaseCut = all.average - bound;
                decreaseBefore.copyFrom(all);
                decreaseAfter.clear();
            } else {
                decreaseAfter.add(x);
            }
            if (state != DetectorState.DRIFT) {
                if (exceeds(decreaseAfter, decreaseBefore, logInverseDrift)) {
                    state = DetectorState.DRIFT;
                } else if (exceeds(decreaseAfter, decreaseBefore, logInverseWarning)) {
                    state = DetectorState.WARNING;
                }
            }
        }
        return state;
    }

    private static double mcDiarmid(double independentBound, double logInverseConfidence) {
        return Math.sqrt(independentBound * logInverseConfidence / 2);
    }

    /** Whether {@code second}'s average exceeds {@code first}'s by more than the bound. */
    private static boolean exceeds(WeightedSample first, WeightedSample second, double logInverse) {
        if (!first.started || !second.started) {
            return false;
        }
        double bound = mcDiarmid(first.independentBound + second.independentBound, logInverse);
        return second.average - first.average > bound;
    }

    @Override
    void clearStatistics() {
        all.clear();
        increaseBefore.clear();
        increaseAfter.clear();
        decreaseBefore.clear();
        decreaseAfter.clear();
        increaseCut = Double.POSITIVE_INFINITY;
        decreaseCut = Double.NEGATIVE_INFINITY;
    }

    @Override
    public boolean signalsWarnings() {
        return true;
    }

    /** The exponentially weighted average of the stream since the last reset (0 before any value). */
    public double average() {
        return all.average;
    }

    /** Confidence level of the drift test. */
    public double driftConfidence() {
        return driftConfidence;
    }

    /** Confidence level of the warning test. */
    public double warningConfidence() {
        return warningConfidence;
    }

    /** Weight of the newest value in the moving averages. */
    public double lambda() {
        return lambda;
    }

    /** Whether decreases are detected as well as increases. */
    public boolean twoSided() {
        return twoSided;
    }

    @Override
    public String toString() {
        return "HddmW[driftConfidence=" + driftConfidence + ", warningConfidence=" + warningConfidence
                + ", lambda=" + lambda + ", twoSided=" + twoSided + "]";
    }

    /** An EWMA with its independent bounded condition, {@code Σ w_i²} of its weights. */
    private static final class WeightedSample {
        private final double lambda;
        private final double keep;
        private double average;
        private double independentBound;
        private boolean started;

        WeightedSample(double lambda) {
            this.lambda = lambda;
            this.keep = 1 - lambda;
            clear();
        }

        void add(double x) {
            average = started ? lambda * x + keep * average : x;
            started = true;
            independentBound = lambda * lambda + keep * keep * independentBound;
        }

        void copyFrom(WeightedSample other) {
            average = other.average;
            independentBound = other.independentBound;
            started = other.started;
        }

        void clear() {
            average = 0;
            independentBound = 1;
            started = false;
        }
    }

    /** Builds {@link HddmW}; each setter validates its argument. Not thread-safe. */
    public static final class Builder {
        private double driftConfidence = DEFAULT_DRIFT_CONFIDENCE;
        private double warningConfidence = DEFAULT_WARNING_CONFIDENCE;
        private double lambda = DEFAULT_LAMBDA;
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

        /** Weight of the newest value, in (0, 1]; default 0.05. */
        public Builder lambda(double lambda) {
            this.lambda = Check.halfOpenUnit("lambda", lambda);
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
         *     warning confidence
         */
        public HddmW build() {
            HoeffdingChecks.confidences(driftConfidence, warningConfidence);
            return new HddmW(this);
        }
    }
}

package dev.mlops.monitoring.stream;

import dev.mlops.monitoring.drift.HypothesisTests;
import dev.mlops.monitoring.drift.TestResult;

import dev.mlops.core.InvalidArgumentException;
import java.util.OptionalDouble;

/**
 * KSWIN, Kolmogorov–Smirnov WINdowing (Raab, Heusinger &amp; Schleif, Neurocomputing 416, 2020). It
 * keeps the last {@code windowSize} values; once the window is full, each update compares the newest
 * {@code statSize} values with {@code statSize} values drawn without replacement from the older
 * {@code windowSize - statSize}, using the two-sample Kolmogorov–Smirnov test, and reports a drift
 * when the p-value is at most {@code alpha} and the statistic exceeds 0.1.
 *
 * <p>Input: any finite number. No warnings.
 *
 * <p>Parameters, with river's defaults: {@code alpha} 0.005, {@code windowSize} 100,
 * {@code statSize} 30, {@code seed} 0 (river's default is an unseeded generator). Constraints:
 * {@code windowSize >= 2 · statSize} (the sample is drawn without replacement) and
 * {@code statSize <= 10000}.
 *
 * <p>Differences from river's {@code drift.KSWIN}:
 * <ul>
 *   <li>The sample is drawn with our own SplitMix64 generator (the algorithm of
 *       {@code java.util.SplittableRandom}, written out so that no JDK version can change it) and a
 *       partial Fisher–Yates shuffle. For a given seed and stream the detection indices are
 *       deterministic, but they are not river's, which draws with Python's
 *       {@code random.Random(seed).sample} (older river versions used NumPy).</li>
 *   <li>The p-value is always the exact one for equal sample sizes, clamped to [0, 1]; SciPy's
 *       {@code ks_2samp(method="auto")} switches to the asymptotic value when rounding pushes the
 *       exact one above 1, which happens only for p-values near 1 and never changes a detection.</li>
 * </ul>
 * As in river, the generator is re-seeded and the window emptied by the reset that follows a
 * drift (river's code keeps the newest values on drift but its reset discards them). Not
 * thread-safe.
 */
public final class Kswin extends AbstractDetector {

    /** Default significance: 0.005. */
    public static final double DEFAULT_ALPHA = 0.005;
    /** Default window size: 100. */
    public static final int DEFAULT_WINDOW_SIZE = 100;
    /** Default size of each compared sample: 30. */
    public static final int DEFAULT_STAT_SIZE = 30;
    /** Default seed: 0. */
    public static final long DEFAULT_SEED = 0L;
    /** The largest supported {@code statSize}, the size up to which the exact p-value is used. */
    public static final int MAX_STAT_SIZE = 10_000;

    private static final double MIN_STATISTIC = 0.1;

    private final double alpha;
    private final int windowSize;
    private final int statSize;
    private final long seed;

    private final double[] window;
    private final int[] candidates;
    private final double[] reference;
    private final double[] recent;
    private SplitMix64 random;
    private int head;
    private int filled;
    private double lastStatistic = Double.NaN;
    private double lastPValue = Double.NaN;

    private Kswin(Builder b) {
        this.alpha = b.alpha;
        this.windowSize = b.windowSize;
        this.statSize = b.statSize;
        this.seed = b.seed;
        this.window = new double[windowSize];
        this.candidates = new int[windowSize - statSize];
        this.reference = new double[statSize];
        this.recent = new double[statSize];
        clearStatistics();
    }

    /** KSWIN with river's defaults (alpha 0.005, window 100, stat size 30) and seed 0. */
    public static Kswin ofDefaults() {
        return builder().build();
    }

    /** A builder preset with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    DetectorState step(double x) {
        if (filled < windowSize) {
            window[(head + filled) % windowSize] = x;
            filled++;
        } else {
            window[head] = x;
            head = (head + 1) % windowSize;
        }
        if (filled < windowSize) {
            return DetectorState.NONE;
        }
        int older = windowSize - statSize;
        for (int i = 0; i < older; i++) {
            candidates[i] = i;
        }
        for (int i = 0; i < statSize; i++) {
            int j = i + random.nextInt(older - i);
            int picked = candidates[j];
            candidates[j] = candidates[i];
            candidates[i] = picked;
            reference[i] = at(picked);
            recent[i] = at(older + i);
        }
        // Both samples hold statSize <= 10 000 values, so this is the exact p-value, as in river.
        TestResult ks = HypothesisTests.kolmogorovSmirnov(reference, recent);
        lastStatistic = ks.statistic();
        lastPValue = ks.pValue();
        return lastPValue <= alpha && lastStatistic > MIN_STATISTIC
                ? DetectorState.DRIFT
                : DetectorState.NONE;
    }

    /** The value at {@code position} of the full window, 0 being the oldest. */
    private double at(int position) {
        return window[(head + position) % windowSize];
    }

    @Override
    void clearStatistics() {
        random = new SplitMix64(seed);
        head = 0;
        filled = 0;
        lastStatistic = Double.NaN;
        lastPValue = Double.NaN;
    }

    @Override
    public boolean signalsWarnings() {
        return false;
    }

    /** The p-value of the latest test; empty until the window first filled after a reset. */
    public OptionalDouble lastPValue() {
        return Double.isNaN(lastPValue) ? OptionalDouble.empty() : OptionalDouble.of(lastPValue);
    }

    /** The KS statistic of the latest test; empty until the window first filled after a reset. */
    public OptionalDouble lastStatistic() {
        return Double.isNaN(lastStatistic) ? OptionalDouble.empty() : OptionalDouble.of(lastStatistic);
    }

    /** Significance of the KS test. */
    public double alpha() {
        return alpha;
    }

    /** Length of the sliding window. */
    public int windowSize() {
        return windowSize;
    }

    /** Size of each of the two compared samples. */
    public int statSize() {
        return statSize;
    }

    /** Seed of the sampling generator, re-applied at every reset. */
    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return "Kswin[alpha=" + alpha + ", windowSize=" + windowSize + ", statSize=" + statSize
                + ", seed=" + seed + "]";
    }

    /** Builds {@link Kswin}; each setter validates its argument. Not thread-safe. */
    public static final class Builder {
        private double alpha = DEFAULT_ALPHA;
        private int windowSize = DEFAULT_WINDOW_SIZE;
        private int statSize = DEFAULT_STAT_SIZE;
        private long seed = DEFAULT_SEED;

        private Builder() {}

        /** Significance of the KS test, in (0, 1); default 0.005. */
        public Builder alpha(double alpha) {
            this.alpha = Check.openUnit("alpha", alpha);
            return this;
        }

        /** Window length, at least {@code 2 · statSize}; default 100. */
        public Builder windowSize(int windowSize) {
            this.windowSize = Check.atLeast("windowSize", windowSize, 2);
            return this;
        }

        /** Size of each compared sample, 1 to {@value Kswin#MAX_STAT_SIZE}; default 30. */
        public Builder statSize(int statSize) {
            this.statSize = Check.between("statSize", statSize, 1, MAX_STAT_SIZE);
            return this;
        }

        /** Seed of the sampling generator; default 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * A new detector with these parameters.
         *
         * @throws InvalidArgumentException naming {@code windowSize} if it is below
         *     {@code 2 · statSize}
         */
        public Kswin build() {
            if (windowSize < 2 * statSize) {
                throw new InvalidArgumentException("windowSize", "must be >= 2 * statSize ("
                        + 2 * statSize + "), was " + windowSize);
            }
            return new Kswin(this);
        }
    }
}

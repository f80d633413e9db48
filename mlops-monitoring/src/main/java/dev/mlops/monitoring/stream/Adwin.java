package dev.mlops.monitoring.stream;

/**
 * ADWIN, ADaptive WINdowing (Bifet &amp; Gavaldà, SDM 2007), in its ADWIN2 form with an exponential
 * histogram: the detector keeps a window of recent values whose length adapts, and reports a drift
 * when some split of the window into an older part {@code W0} and a newer part {@code W1} has means
 * that differ by more than the bound
 * {@code eps = sqrt(2 m s² δ') + 2/3 δ' m}, where {@code s²} is the window variance,
 * {@code δ' = ln(2 ln(width) / delta)} and
 * {@code m = 1/(|W0| - minWindowLength + 1) + 1/(|W1| - minWindowLength + 1)}. It then drops the
 * oldest buckets until no split is significant.
 *
 * <p>Input: any finite number (a 0/1 error indicator, a loss, a feature value). No warnings.
 *
 * <p>Parameters, with river's defaults: {@code delta} 0.002 (significance), {@code clock} 32 (the
 * splits are checked on every 32nd value only), {@code maxBuckets} 5 (buckets per histogram row),
 * {@code minWindowLength} 5 (smallest sub-window compared), {@code gracePeriod} 10 (no check until the
 * window is longer than this).
 *
 * <p>Semantics are river's {@code drift.ADWIN}: the same histogram, scan order (oldest split first)
 * and bound, so detection indices match river's; as in river, the update after a drift starts an
 * empty window (MOA instead keeps the shrunk window). Not thread-safe.
 */
public final class Adwin extends AbstractDetector {

    /** Default significance: 0.002. */
    public static final double DEFAULT_DELTA = 0.002;
    /** Default check period: every 32 values. */
    public static final int DEFAULT_CLOCK = 32;
    /** Default buckets per histogram row: 5. */
    public static final int DEFAULT_MAX_BUCKETS = 5;
    /** Default minimum sub-window length: 5. */
    public static final int DEFAULT_MIN_WINDOW_LENGTH = 5;
    /** Default grace period: 10 values. */
    public static final int DEFAULT_GRACE_PERIOD = 10;

    private final double delta;
    private final int clock;
    private final int maxBuckets;
    private final int minWindowLength;
    private final int gracePeriod;
    private final ExponentialHistogram window;
    private long tick;

    private Adwin(Builder b) {
        this.delta = b.delta;
        this.clock = b.clock;
        this.maxBuckets = b.maxBuckets;
        this.minWindowLength = b.minWindowLength;
        this.gracePeriod = b.gracePeriod;
        this.window = new ExponentialHistogram(maxBuckets);
    }

    /** ADWIN with river's defaults (delta 0.002, clock 32, 5 buckets, min window 5, grace 10). */
    public static Adwin ofDefaults() {
        return builder().build();
    }

    /** A builder preset with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    DetectorState step(double x) {
        window.add(x);
        tick++;
        boolean drift = false;
        if (tick % clock == 0 && window.width() > gracePeriod) {
            while (cutOnce()) {
                drift = true;
            }
        }
        return drift ? DetectorState.DRIFT : DetectorState.NONE;
    }

    /**
     * Scans the splits from the oldest one; at the first significant split removes the oldest bucket
     * and returns true. Returns false when no split is significant.
     */
    private boolean cutOnce() {
        double width = window.width();
        double logTerm = StrictMath.log(2 * StrictMath.log(width) / delta);
        double varianceInWindow = window.squaredDeviations() / width;
        double n0 = 0;
        double n1 = width;
        double u0 = 0;
        double u1 = window.total();
        for (int row = window.rows() - 1; row >= 0; row--) {
            double size = window.bucketSize(row);
            int count = window.count(row);
            for (int k = 0; k < count; k++) {
                double t = window.total(row, k);
                n0 += size;
                n1 -= size;
                u0 += t;
                u1 -= t;
                if (row == 0 && k == count - 1) {
                    return false; // W1 would be empty
                }
                if (n0 >= minWindowLength && n1 >= minWindowLength
                        && significant(n0, n1, u0 / n0 - u1 / n1, varianceInWindow, logTerm)) {
                    window.removeOldest();
                    return true;
                }
            }
        }
        return false;
    }

    private boolean significant(double n0, double n1, double meanDiff, double variance, double logTerm) {
        double m = 1.0 / (n0 - minWindowLength + 1) + 1.0 / (n1 - minWindowLength + 1);
        double epsilon = Math.sqrt(2 * m * variance * logTerm) + 2.0 / 3.0 * logTerm * m;
        return Math.abs(meanDiff) > epsilon;
    }

    @Override
    void clearStatistics() {
        window.clear();
        tick = 0;
    }

    @Override
    public boolean signalsWarnings() {
        return false;
    }

    /** How many values the adaptive window holds now. */
    public long width() {
        return (long) window.width();
    }

    /** The mean of the values in the window; 0 when it is empty (river's {@code estimation}). */
    public double mean() {
        return window.width() == 0 ? 0.0 : window.total() / window.width();
    }

    /**
     * The population variance of the values in the window (sum of squared deviations divided by the
     * width); 0 when it is empty. river's {@code variance} property is the undivided sum.
     */
    public double variance() {
        return window.width() == 0 ? 0.0 : window.squaredDeviations() / window.width();
    }

    /** How many histogram buckets summarise the window: O(maxBuckets · log(width)). */
    public int buckets() {
        return window.buckets();
    }

    /** The significance: smaller values mean fewer false alarms and later detections. */
    public double delta() {
        return delta;
    }

    /** Splits are checked every {@code clock} values. */
    public int clock() {
        return clock;
    }

    /** The most buckets a histogram row keeps before merging two. */
    public int maxBuckets() {
        return maxBuckets;
    }

    /** The shortest sub-window a split may leave on either side. */
    public int minWindowLength() {
        return minWindowLength;
    }

    /** No split is checked until the window holds more than this many values. */
    public int gracePeriod() {
        return gracePeriod;
    }

    @Override
    public String toString() {
        return "Adwin[delta=" + delta + ", clock=" + clock + ", maxBuckets=" + maxBuckets
                + ", minWindowLength=" + minWindowLength + ", gracePeriod=" + gracePeriod + "]";
    }

    /** Builds {@link Adwin}; each setter validates its argument. Not thread-safe. */
    public static final class Builder {
        private double delta = DEFAULT_DELTA;
        private int clock = DEFAULT_CLOCK;
        private int maxBuckets = DEFAULT_MAX_BUCKETS;
        private int minWindowLength = DEFAULT_MIN_WINDOW_LENGTH;
        private int gracePeriod = DEFAULT_GRACE_PERIOD;

        private Builder() {}

        /** Significance in (0, 1); default 0.002. */
        public Builder delta(double delta) {
            this.delta = Check.openUnit("delta", delta);
            return this;
        }

        /** Check period, at least 1 (1 = check after every value); default 32. */
        public Builder clock(int clock) {
            this.clock = Check.atLeast("clock", clock, 1);
            return this;
        }

        /** Buckets per histogram row, at least 1; default 5. */
        public Builder maxBuckets(int maxBuckets) {
            this.maxBuckets = Check.atLeast("maxBuckets", maxBuckets, 1);
            return this;
        }

        /** Minimum length of each sub-window, at least 1; default 5. */
        public Builder minWindowLength(int minWindowLength) {
            this.minWindowLength = Check.atLeast("minWindowLength", minWindowLength, 1);
            return this;
        }

        /** No check until the window is longer than this, at least 0; default 10. */
        public Builder gracePeriod(int gracePeriod) {
            this.gracePeriod = Check.atLeast("gracePeriod", gracePeriod, 0);
            return this;
        }

        /** A new detector with these parameters. */
        public Adwin build() {
            return new Adwin(this);
        }
    }
}

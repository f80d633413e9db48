package dev.mlops.monitoring.stream;

/**
 * The Page–Hinkley test (Page, Biometrika 41, 1954), a CUSUM of the deviations of each value from
 * the running mean. Two cumulative sums with forgetting factor {@code alpha} are kept:
 * {@code up = alpha·up + (x - mean - delta)} and {@code down = alpha·down + (x - mean + delta)}.
 * A drift is reported when {@code up - min(up)} (an increase) or {@code max(down) - down} (a
 * decrease) exceeds {@code threshold}, once at least {@code minInstances} values were seen.
 * {@link Mode} chooses which directions count.
 *
 * <p>Input: any finite number. No warnings.
 *
 * <p>Parameters, with river's defaults: {@code minInstances} 30, {@code delta} 0.005 (tolerated
 * change), {@code threshold} 50 (λ), {@code alpha} 0.9999 (1 − 0.0001), {@code mode}
 * {@link Mode#BOTH}. Semantics are river's {@code drift.PageHinkley}, including its start value of
 * −1 for {@code max(down)}. Not thread-safe.
 */
public final class PageHinkley extends AbstractDetector {

    /** Which changes of the mean count as drift. */
    public enum Mode {
        /** Increases only. */
        UP,
        /** Decreases only. */
        DOWN,
        /** Both increases and decreases (river's default). */
        BOTH
    }

    /** Default minimum number of values before a drift can be reported: 30. */
    public static final int DEFAULT_MIN_INSTANCES = 30;
    /** Default tolerated change: 0.005. */
    public static final double DEFAULT_DELTA = 0.005;
    /** Default threshold (λ): 50. */
    public static final double DEFAULT_THRESHOLD = 50.0;
    /** Default forgetting factor: 0.9999. */
    public static final double DEFAULT_ALPHA = 1 - 0.0001;

    private final int minInstances;
    private final double delta;
    private final double threshold;
    private final double alpha;
    private final Mode mode;

    private long n;
    private double mean;
    private double up;
    private double down;
    private double upMin;
    private double downMax;

    private PageHinkley(Builder b) {
        this.minInstances = b.minInstances;
        this.delta = b.delta;
        this.threshold = b.threshold;
        this.alpha = b.alpha;
        this.mode = b.mode;
        clearStatistics();
    }

    /** Page–Hinkley with river's defaults (min 30, delta 0.005, threshold 50, alpha 0.9999, both). */
    public static PageHinkley ofDefaults() {
        return builder().build();
    }

    /** A builder preset with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    DetectorState step(double x) {
        n++;
        mean += (x - mean) / n;
        double deviation = x - mean;
        up = alpha * up + deviation - delta;
        down = alpha * down + deviation + delta;
        upMin = Math.min(upMin, up);
        downMax = Math.max(downMax, down);
        if (n < minInstances) {
            return DetectorState.NONE;
        }
        boolean rise = up - upMin > threshold;
        boolean fall = downMax - down > threshold;
        boolean drift = switch (mode) {
            case UP -> rise;
            case DOWN -> fall;
            case BOTH -> rise || fall;
        };
        return drift ? DetectorState.DRIFT : DetectorState.NONE;
    }

    @Override
    void clearStatistics() {
        n = 0;
        mean = 0;
        up = 0;
        down = 0;
        upMin = Double.POSITIVE_INFINITY;
        downMax = -1;
    }

    @Override
    public boolean signalsWarnings() {
        return false;
    }

    /** The running mean since the last reset. */
    public double mean() {
        return mean;
    }

    /** The current increase statistic, {@code up - min(up)}; 0 before any value. */
    public double increaseStatistic() {
        return n == 0 ? 0.0 : up - upMin;
    }

    /** The current decrease statistic, {@code max(down) - down}; 0 before any value. */
    public double decreaseStatistic() {
        return n == 0 ? 0.0 : downMax - down;
    }

    /** Values needed before a drift can be reported. */
    public int minInstances() {
        return minInstances;
    }

    /** The tolerated change of the mean. */
    public double delta() {
        return delta;
    }

    /** The detection threshold λ. */
    public double threshold() {
        return threshold;
    }

    /** The forgetting factor of the cumulative sums. */
    public double alpha() {
        return alpha;
    }

    /** Which directions of change are reported. */
    public Mode mode() {
        return mode;
    }

    @Override
    public String toString() {
        return "PageHinkley[minInstances=" + minInstances + ", delta=" + delta + ", threshold="
                + threshold + ", alpha=" + alpha + ", mode=" + mode + "]";
    }

    /** Builds {@link PageHinkley}; each setter validates its argument. Not thread-safe. */
    public static final class Builder {
        private int minInstances = DEFAULT_MIN_INSTANCES;
        private double delta = DEFAULT_DELTA;
        private double threshold = DEFAULT_THRESHOLD;
        private double alpha = DEFAULT_ALPHA;
        private Mode mode = Mode.BOTH;

        private Builder() {}

        /** Values before a drift can be reported, at least 1; default 30. */
        public Builder minInstances(int minInstances) {
            this.minInstances = Check.atLeast("minInstances", minInstances, 1);
            return this;
        }

        /** Tolerated change of the mean, finite and &gt;= 0; default 0.005. */
        public Builder delta(double delta) {
            this.delta = Check.nonNegative("delta", delta);
            return this;
        }

        /** Detection threshold λ, finite and &gt; 0; default 50. */
        public Builder threshold(double threshold) {
            this.threshold = Check.positive("threshold", threshold);
            return this;
        }

        /** Forgetting factor in (0, 1] (1 = no forgetting); default 0.9999. */
        public Builder alpha(double alpha) {
            this.alpha = Check.halfOpenUnit("alpha", alpha);
            return this;
        }

        /** Directions of change to report; default {@link Mode#BOTH}. */
        public Builder mode(Mode mode) {
            this.mode = Check.notNull("mode", mode);
            return this;
        }

        /** A new detector with these parameters. */
        public PageHinkley build() {
            return new PageHinkley(this);
        }
    }
}

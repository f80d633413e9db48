package dev.mlops.monitoring.experiment;

import dev.mlops.core.InvalidArgumentException;

/**
 * The sufficient statistics of one experiment arm for a mean metric: how many units, their mean, and
 * the per-unit variance. Build it from raw values ({@link #of}), from a conversion count
 * ({@link #ofProportion}), or from sums a warehouse query returned (the constructor).
 *
 * <p>An immutable value, safe to share between threads.
 *
 * @param n number of units, at least 2
 * @param mean the mean, finite
 * @param variance the per-unit variance, finite and non-negative: the sample variance (divisor
 *     n − 1) from {@link #of}, or p(1 − p) from {@link #ofProportion}, as GrowthBook's binomial
 *     statistic has it
 */
public record SampleSummary(long n, double mean, double variance) {

    /** Validates the fields. */
    public SampleSummary {
        if (n < 2) {
            throw new InvalidArgumentException("n", "needs at least 2 units, got " + n);
        }
        if (!Double.isFinite(mean)) {
            throw new InvalidArgumentException("mean", "must be finite, got " + mean);
        }
        if (!(variance >= 0) || Double.isInfinite(variance)) {
            throw new InvalidArgumentException("variance", "must be finite and >= 0, got " + variance);
        }
    }

    /**
     * The mean and sample variance (divisor n − 1) of {@code values}, by two passes with compensated
     * sums.
     *
     * @throws InvalidArgumentException if there are fewer than 2 values or one is not finite
     */
    public static SampleSummary of(double... values) {
        if (values == null || values.length < 2) {
            throw new InvalidArgumentException("values", "needs at least 2 values, got "
                    + (values == null ? "null" : values.length));
        }
        double sum = 0;
        double c = 0;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                throw new InvalidArgumentException("values", "value at index " + i + " is not finite: " + v);
            }
            double t = sum + v;
            c += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }
        double mean = (sum + c) / values.length;
        double ss = 0;
        double cs = 0;
        for (double v : values) {
            double d = (v - mean) * (v - mean);
            double t = ss + d;
            cs += ss >= d ? (ss - t) + d : (d - t) + ss;
            ss = t;
        }
        return new SampleSummary(values.length, mean, (ss + cs) / (values.length - 1));
    }

    /**
     * A conversion metric: {@code successes} of {@code n} units; mean p = successes / n and variance
     * p (1 − p).
     */
    public static SampleSummary ofProportion(long successes, long n) {
        if (n < 2) {
            throw new InvalidArgumentException("n", "needs at least 2 units, got " + n);
        }
        if (successes < 0 || successes > n) {
            throw new InvalidArgumentException("successes", "must be in [0, " + n + "], got " + successes);
        }
        double p = (double) successes / n;
        return new SampleSummary(n, p, p * (1 - p));
    }

    /** The variance of the mean, variance / n. */
    double varianceOfMean() {
        return variance / n;
    }
}

package dev.mlops.monitoring.drift;

import dev.mlops.core.InvalidArgumentException;
import java.util.Map;

/**
 * Distances between a reference and a current distribution, used as drift scores (larger means
 * more drift; 0 for identical inputs).
 *
 * <p>Numeric distances ({@link #wasserstein}, {@link #wassersteinNormed}, {@link #energy}) take the
 * raw samples; they match SciPy to about 1e-9 and follow the same input rules as
 * {@link HypothesisTests} (non-empty, finite, never modified). Categorical distances take counts of
 * the same categories in the same order, or category→count maps aligned on the union of their
 * categories (a category missing from one map counts 0 there). Counts are turned into shares by
 * dividing by their total.
 *
 * <p><b>Smoothing.</b> {@link #jensenShannon}, {@link #hellinger} and {@link #lInfinity} are
 * defined with empty categories and use no smoothing. {@link #psi} and {@link #klDivergence} are
 * infinite when a category is empty on one side only; they therefore replace every zero share by
 * {@link #DEFAULT_EPSILON} (or a given epsilon) and renormalise both distributions to sum to 1
 * before computing, so that KL equals {@code scipy.stats.entropy(p_smoothed, q_smoothed)}.
 *
 * <p>All methods are static, stateless and thread-safe.
 */
public final class Distances {

    /** The share given to an empty category by {@link #psi} and {@link #klDivergence}: 1e-4. */
    public static final double DEFAULT_EPSILON = 1e-4;

    /** The floor on the reference standard deviation in {@link #wassersteinNormed}: 0.001. */
    public static final double MIN_NORMALIZING_STD = 0.001;

    private Distances() {}

    // ------------------------------------------------------------------ numeric

    /**
     * Wasserstein-1 (earth mover's) distance between the empirical distributions of two samples,
     * {@code int |F_u(x) - F_v(x)| dx}, as {@code scipy.stats.wasserstein_distance(u, v)}.
     * O((n + m) log(n + m)).
     */
    public static double wasserstein(double[] u, double[] v) {
        return cdfDistance(Samples.sortedCopy("u", u), Samples.sortedCopy("v", v), false);
    }

    /**
     * Wasserstein-1 distance divided by the reference sample's population standard deviation
     * (ddof = 0), the divisor floored at {@value #MIN_NORMALIZING_STD} — Evidently's normed
     * Wasserstein drift score, so a value of 0.1 means the mass moved a tenth of a reference
     * standard deviation on average.
     */
    public static double wassersteinNormed(double[] reference, double[] current) {
        double[] ref = Samples.sortedCopy("reference", reference);
        double[] cur = Samples.sortedCopy("current", current);
        double std = Math.max(populationStd(ref), MIN_NORMALIZING_STD);
        return cdfDistance(ref, cur, false) / std;
    }

    /**
     * Wasserstein-1 distance between two distributions given as CDF step functions (see
     * {@link HypothesisTests#kolmogorovSmirnovFromCdfs} for the form): the integral of
     * |F_u − F_v| over the merged breakpoints. Given the exact CDFs of two samples this equals
     * {@link #wasserstein(double[], double[])}; given sketch CDFs each off by at most ε in rank,
     * the error is at most (ε_u + ε_v) times the span of the points.
     *
     * @throws InvalidArgumentException for malformed step functions
     */
    public static double wassersteinFromCdfs(double[] uPoints, double[] uCdf, double[] vPoints, double[] vCdf) {
        StepCdf.check("u", uPoints, uCdf);
        StepCdf.check("v", vPoints, vCdf);
        return StepCdf.walk(uPoints, uCdf, vPoints, vCdf, true);
    }

    /**
     * Energy distance between the empirical distributions,
     * {@code sqrt(2 int (F_u(x) - F_v(x))^2 dx)}, as {@code scipy.stats.energy_distance(u, v)}.
     */
    public static double energy(double[] u, double[] v) {
        return Math.sqrt(2) * cdfDistance(Samples.sortedCopy("u", u), Samples.sortedCopy("v", v), true);
    }

    /** int |F_a - F_b| dx (or sqrt of int (F_a - F_b)^2 dx) over ascending samples, by merging. */
    private static double cdfDistance(double[] a, double[] b, boolean squared) {
        int n1 = a.length;
        int n2 = b.length;
        int i = 0;
        int j = 0;
        double sum = 0;
        double previous = Math.min(a[0], b[0]);
        while (i < n1 || j < n2) {
            double x = Math.min(i < n1 ? a[i] : Double.POSITIVE_INFINITY, j < n2 ? b[j] : Double.POSITIVE_INFINITY);
            // the CDFs are constant on [previous, x)
            double diff = (double) i / n1 - (double) j / n2;
            double width = x - previous;
            sum += squared ? diff * diff * width : Math.abs(diff) * width;
            while (i < n1 && a[i] == x) {
                i++;
            }
            while (j < n2 && b[j] == x) {
                j++;
            }
            previous = x;
        }
        return squared ? Math.sqrt(sum) : sum;
    }

    /** Population standard deviation (ddof = 0), two-pass for accuracy. */
    private static double populationStd(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double ss = 0;
        for (double v : values) {
            double d = v - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / values.length);
    }

    // ------------------------------------------------------------------ categorical

    /**
     * Jensen–Shannon distance with natural logarithms, as
     * {@code scipy.spatial.distance.jensenshannon(reference, current)}: the square root of the
     * Jensen–Shannon divergence, in [0, sqrt(ln 2)]. No smoothing is needed.
     */
    public static double jensenShannon(long[] reference, long[] current) {
        return jensenShannon(reference, current, Math.E);
    }

    /**
     * Jensen–Shannon distance with logarithms to the given base, as
     * {@code jensenshannon(reference, current, base)}; base 2 gives a distance in [0, 1].
     */
    public static double jensenShannon(long[] reference, long[] current, double base) {
        if (!(base > 0) || base == 1 || Double.isInfinite(base)) {
            throw new InvalidArgumentException("base", "must be positive, finite and not 1, got " + base);
        }
        Samples.checkPairedCounts(reference, current);
        double[] p = Samples.shares(reference);
        double[] q = Samples.shares(current);
        double left = 0;
        double right = 0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2.0;
            left += relativeEntropy(p[i], m);
            right += relativeEntropy(q[i], m);
        }
        double js = left + right;
        if (base != Math.E) {
            js /= Math.log(base);
        }
        return Math.sqrt(Math.max(0, js / 2.0));
    }

    /** {@link #jensenShannon(long[], long[])} over category→count maps. */
    public static <K> double jensenShannon(Map<K, Long> reference, Map<K, Long> current) {
        long[][] aligned = Samples.align(reference, current);
        return jensenShannon(aligned[0], aligned[1]);
    }

    /** x ln(x / y), 0 when x = 0 (SciPy's {@code rel_entr} for x >= 0, y > 0). */
    private static double relativeEntropy(double x, double y) {
        return x == 0 ? 0 : x * Math.log(x / y);
    }

    /**
     * Kullback–Leibler divergence KL(reference ‖ current) = sum p ln(p / q) in nats, on shares
     * smoothed with {@link #DEFAULT_EPSILON} (see the class comment); equals
     * {@code scipy.stats.entropy(p, q)} on the smoothed shares.
     */
    public static double klDivergence(long[] reference, long[] current) {
        return klDivergence(reference, current, DEFAULT_EPSILON);
    }

    /** {@link #klDivergence(long[], long[])} with the given smoothing share for empty categories. */
    public static double klDivergence(long[] reference, long[] current, double epsilon) {
        Samples.checkPairedCounts(reference, current);
        double[] p = smoothedShares(reference, epsilon);
        double[] q = smoothedShares(current, epsilon);
        double kl = 0;
        for (int i = 0; i < p.length; i++) {
            kl += relativeEntropy(p[i], q[i]);
        }
        return Math.max(0, kl);
    }

    /** {@link #klDivergence(long[], long[])} over category→count maps. */
    public static <K> double klDivergence(Map<K, Long> reference, Map<K, Long> current) {
        long[][] aligned = Samples.align(reference, current);
        return klDivergence(aligned[0], aligned[1]);
    }

    /**
     * Population stability index {@code sum (a - e) ln(a / e)} with e the reference shares and a
     * the current shares, both smoothed with {@link #DEFAULT_EPSILON} (see the class comment).
     * Symmetric; rules of thumb: below 0.1 stable, above 0.25 shifted.
     */
    public static double psi(long[] reference, long[] current) {
        return psi(reference, current, DEFAULT_EPSILON);
    }

    /** {@link #psi(long[], long[])} with the given smoothing share for empty categories. */
    public static double psi(long[] reference, long[] current, double epsilon) {
        Samples.checkPairedCounts(reference, current);
        double[] e = smoothedShares(reference, epsilon);
        double[] a = smoothedShares(current, epsilon);
        double psi = 0;
        for (int i = 0; i < e.length; i++) {
            psi += (a[i] - e[i]) * Math.log(a[i] / e[i]);
        }
        return psi;
    }

    /** {@link #psi(long[], long[])} over category→count maps. */
    public static <K> double psi(Map<K, Long> reference, Map<K, Long> current) {
        long[][] aligned = Samples.align(reference, current);
        return psi(aligned[0], aligned[1]);
    }

    /** Shares with each zero replaced by epsilon, then renormalised to sum to 1. */
    private static double[] smoothedShares(long[] counts, double epsilon) {
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new InvalidArgumentException("epsilon", "must be in (0, 1), got " + epsilon);
        }
        double[] p = Samples.shares(counts);
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0) {
                p[i] = epsilon;
            }
            total += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= total;
        }
        return p;
    }

    /**
     * Hellinger distance {@code sqrt(sum (sqrt p - sqrt q)^2) / sqrt 2} between the shares, in
     * [0, 1]. No smoothing.
     */
    public static double hellinger(long[] reference, long[] current) {
        Samples.checkPairedCounts(reference, current);
        double[] p = Samples.shares(reference);
        double[] q = Samples.shares(current);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double d = Math.sqrt(p[i]) - Math.sqrt(q[i]);
            sum += d * d;
        }
        return Math.sqrt(sum) / Math.sqrt(2);
    }

    /** {@link #hellinger(long[], long[])} over category→count maps. */
    public static <K> double hellinger(Map<K, Long> reference, Map<K, Long> current) {
        long[][] aligned = Samples.align(reference, current);
        return hellinger(aligned[0], aligned[1]);
    }

    /**
     * L-infinity distance {@code max |p_i - q_i|} between the shares: the largest change in any
     * one category's share, in [0, 1]. No smoothing.
     */
    public static double lInfinity(long[] reference, long[] current) {
        Samples.checkPairedCounts(reference, current);
        double[] p = Samples.shares(reference);
        double[] q = Samples.shares(current);
        double max = 0;
        for (int i = 0; i < p.length; i++) {
            max = Math.max(max, Math.abs(p[i] - q[i]));
        }
        return max;
    }

    /** {@link #lInfinity(long[], long[])} over category→count maps. */
    public static <K> double lInfinity(Map<K, Long> reference, Map<K, Long> current) {
        long[][] aligned = Samples.align(reference, current);
        return lInfinity(aligned[0], aligned[1]);
    }
}

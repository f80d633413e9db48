package dev.mlops.monitoring.drift;

import dev.mlops.core.InvalidArgumentException;

/**
 * Empirical CDFs given as right-continuous step functions, as a quantile sketch or a sorted
 * sample gives them: strictly ascending finite {@code points} and non-decreasing {@code cdf}
 * values in [0, 1], F(x) = cdf[i] for points[i] &le; x &lt; points[i + 1], 0 before the first
 * point and cdf[last] (which must be 1) after the last. Stateless helpers shared by
 * {@link HypothesisTests#kolmogorovSmirnovFromCdfs} and {@link Distances#wassersteinFromCdfs}.
 */
final class StepCdf {

    private StepCdf() {}

    static void check(String name, double[] points, double[] cdf) {
        if (points == null || cdf == null) {
            throw new InvalidArgumentException(name, "points and cdf must not be null");
        }
        if (points.length == 0 || points.length != cdf.length) {
            throw new InvalidArgumentException(name, "needs as many cdf values as points, at least one; got "
                    + points.length + " points and " + cdf.length + " cdf values");
        }
        for (int i = 0; i < points.length; i++) {
            if (!Double.isFinite(points[i]) || i > 0 && !(points[i] > points[i - 1])) {
                throw new InvalidArgumentException(name, "points must be finite and strictly ascending (index " + i
                        + ")");
            }
            if (!(cdf[i] >= 0 && cdf[i] <= 1) || i > 0 && cdf[i] < cdf[i - 1]) {
                throw new InvalidArgumentException(name, "cdf values must be non-decreasing in [0, 1] (index " + i
                        + ")");
            }
        }
        if (cdf[cdf.length - 1] != 1.0) {
            throw new InvalidArgumentException(name, "the last cdf value must be 1, got " + cdf[cdf.length - 1]);
        }
    }

    /**
     * Walks the union of both functions' points in ascending order: sup |F − G| over them when
     * {@code integrate} is false, else the integral of |F − G| between the first and last point.
     */
    static double walk(double[] xa, double[] fa, double[] xb, double[] fb, boolean integrate) {
        int i = 0;
        int j = 0;
        double f = 0;
        double g = 0;
        double sup = 0;
        double area = 0;
        double previous = Math.min(xa[0], xb[0]);
        while (i < xa.length || j < xb.length) {
            double x = Math.min(i < xa.length ? xa[i] : Double.POSITIVE_INFINITY,
                    j < xb.length ? xb[j] : Double.POSITIVE_INFINITY);
            area += Math.abs(f - g) * (x - previous); // F and G are constant on [previous, x)
            if (i < xa.length && xa[i] == x) {
                f = fa[i++];
            }
            if (j < xb.length && xb[j] == x) {
                g = fb[j++];
            }
            sup = Math.max(sup, Math.abs(f - g));
            previous = x;
        }
        return integrate ? area : sup;
    }
}

package dev.mlops.monitoring.drift;

import dev.mlops.monitoring.internal.stats.Special;
/**
 * The two-sided Mann–Whitney U test as {@code scipy.stats.mannwhitneyu} with its defaults:
 * midranks, the exact null distribution when one sample has at most 8 values and nothing is tied,
 * otherwise the normal approximation with tie correction and continuity correction. Stateless.
 */
final class MannWhitney {

    /** 'auto' uses the exact distribution only when a sample is at most this size (and no ties). */
    static final int MAX_EXACT = 8;

    /**
     * The exact distribution needs n1 n2 / 2 doubles; above this many cells (8 × 250 000) the
     * normal approximation is used even when SciPy's 'auto' would be exact (SciPy's O((n1 n2)^2)
     * recursion would not finish there anyway).
     */
    static final long MAX_EXACT_CELLS = 2_000_000;

    private MannWhitney() {}

    static TestResult test(double[] x, double[] y) {
        int n1 = x.length;
        int n2 = y.length;
        // {sum of the reference's midranks, sum over tie groups of t^3 - t, largest group size}
        double[] acc = new double[3];
        Samples.forEachTieGroup(x, y, (i0, i1, j0, j1) -> {
            double t = (i1 - i0) + (j1 - j0);
            acc[0] += (i1 - i0) * (i0 + j0 + (t + 1) / 2.0);
            acc[1] += t * t * t - t;
            acc[2] = Math.max(acc[2], t);
        });
        double rankSumX = acc[0];
        double tieTerm = acc[1];
        boolean ties = acc[2] > 1;
        double u1 = rankSumX - n1 * (n1 + 1.0) / 2;
        double u2 = (double) n1 * n2 - u1;
        double u = Math.max(u1, u2);
        double p;
        if ((n1 <= MAX_EXACT || n2 <= MAX_EXACT) && !ties && (long) n1 * n2 <= MAX_EXACT_CELLS) {
            p = 2 * exactSf((long) u, n1, n2);
        } else {
            double mu = n1 * (double) n2 / 2;
            double n = n1 + (double) n2;
            double s = Math.sqrt(n1 * (double) n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1))));
            double z = (u - mu - 0.5) / s;
            p = 2 * Special.normalCdf(-z);
        }
        return new TestResult(HypothesisTests.MANN_WHITNEY_U, u1, Math.min(1.0, Math.max(0.0, p)));
    }

    /**
     * Pr(U >= k) under the null for sample sizes n1, n2 without ties, for k >= n1 n2 / 2 (the
     * larger of U1, U2). The counts of arrangements with U = u are the coefficients of the Gaussian
     * binomial [n1+n2 choose n1]_q, built factor by factor up to the degree needed; by symmetry
     * Pr(U >= k) = Pr(U <= n1 n2 - k).
     */
    static double exactSf(long k, int n1, int n2) {
        int small = Math.min(n1, n2);
        int large = Math.max(n1, n2);
        int kc = (int) ((long) small * large - k);
        double[] counts = gaussianBinomial(small, large, kc);
        double total = total(small, large);
        double cdf = 0;
        for (int u = 0; u <= kc; u++) {
            cdf += counts[u] / total;
        }
        return cdf;
    }

    private static double total(int small, int large) {
        double r = 1;
        for (int i = 1; i <= small; i++) {
            r = r * (large + i) / i;
        }
        return r;
    }

    /** Coefficients 0..maxDegree of prod_{i=1..small} (1 - q^{large+i}) / (1 - q^i). */
    static double[] gaussianBinomial(int small, int large, int maxDegree) {
        double[] c = new double[maxDegree + 1];
        c[0] = 1;
        for (int i = 1; i <= small; i++) {
            int s = large + i;
            for (int d = maxDegree; d >= s; d--) {
                c[d] -= c[d - s];
            }
            for (int d = i; d <= maxDegree; d++) {
                c[d] += c[d - i];
            }
        }
        return c;
    }
}

package dev.mlops.monitoring.drift;

import dev.mlops.monitoring.internal.stats.Special;
import java.util.Arrays;

/**
 * The two-sample Cramér–von Mises test as {@code scipy.stats.cramervonmises_2samp}: Anderson's
 * (1962) statistic from midranks, an exact p-value by Xiao–Gordon–Yakovlev's enumeration for small
 * samples, and otherwise the normalized statistic against the limiting one-sample distribution
 * (Csörgő–Faraway series). Stateless.
 */
final class CramerVonMises {

    /** Largest sample size for which the exact p-value is used. */
    static final int MAX_EXACT = 20;

    private CramerVonMises() {}

    static TestResult test(double[] x, double[] y) {
        int nx = x.length;
        int ny = y.length;
        // U = nx * sum_i (r(x_i) - i)^2 + ny * sum_j (r(y_j) - j)^2 with midranks r in the pool
        double[] sums = new double[2]; // sum_i (r(x_i) - i)^2, sum_j (r(y_j) - j)^2
        Samples.forEachTieGroup(x, y, (i0, i1, j0, j1) -> {
            double rank = i0 + j0 + ((i1 - i0) + (j1 - j0) + 1) / 2.0;
            for (int q = i0; q < i1; q++) {
                double dlt = rank - (q + 1);
                sums[0] += dlt * dlt;
            }
            for (int q = j0; q < j1; q++) {
                double dlt = rank - (q + 1);
                sums[1] += dlt * dlt;
            }
        });
        double sumX = sums[0];
        double sumY = sums[1];
        double u = nx * sumX + ny * sumY;
        double k = (double) nx * ny;
        double bigN = nx + ny;
        double t = u / (k * bigN) - (4 * k - 1) / (6 * bigN);
        double p;
        if (Math.max(nx, ny) <= MAX_EXACT) {
            p = exactPValue(u, nx, ny);
        } else {
            p = asymptoticPValue(t, bigN, nx, ny, k);
        }
        return new TestResult(HypothesisTests.CRAMER_VON_MISES, t, Math.min(1.0, p));
    }

    /**
     * Pr(U' >= u) over all C(m+n, m) equally likely arrangements, by the recursion of Xiao, Gordon
     * and Yakovlev (2006): the frequency table of the partial sums of (a v - b u)^2 along lattice
     * paths, a = lcm/m, b = lcm/n.
     */
    static double exactPValue(double u, int m, int n) {
        long lcm = lcm(m, n);
        long a = lcm / m;
        long b = lcm / n;
        long mn = (long) m * n;
        // zeta = floor(lcm^2 (m+n) (6u - mn(4mn-1)) / (6 mn^2)); 4u is an integer (midranks)
        long fourU = Math.round(4 * u);
        long numerator = lcm * lcm * (m + n) * (6 * fourU - 4 * mn * (4 * mn - 1));
        long zeta = Math.floorDiv(numerator, 4 * 6 * mn * mn);

        Dist[] gs = new Dist[m + 1];
        gs[0] = new Dist(new long[] {0}, new long[] {1});
        for (int v = 1; v <= m; v++) {
            gs[v] = Dist.EMPTY;
        }
        for (int uu = 0; uu <= n; uu++) {
            Dist[] next = new Dist[m + 1];
            Dist tmp = Dist.EMPTY;
            for (int v = 0; v <= m; v++) {
                long res = a * v - b * uu;
                tmp = Dist.merge(tmp, gs[v]).shift(res * res);
                next[v] = tmp;
            }
            gs = next;
        }
        Dist last = gs[m];
        long atLeast = 0;
        for (int q = 0; q < last.values.length; q++) {
            if (last.values[q] >= zeta) {
                atLeast += last.counts[q];
            }
        }
        return atLeast / binomial(m + n, m);
    }

    /** Anderson's normalization of T and the limiting distribution's upper tail. */
    static double asymptoticPValue(double t, double bigN, int nx, int ny, double k) {
        double et = (1 + 1 / bigN) / 6;
        double vt = (bigN + 1) * (4 * k * bigN - 3 * ((double) nx * nx + (double) ny * ny) - 2 * k);
        vt = vt / (45 * bigN * bigN * 4 * k);
        double tn = 1.0 / 6 + (t - et) / Math.sqrt(45 * vt);
        if (tn < 0.003) {
            return 1.0;
        }
        return Math.max(1.0 - limitingCdf(tn), 0.0);
    }

    /**
     * CDF of the limiting Cramér–von Mises distribution (Csörgő and Faraway 1996, eq. 1.2), summing
     * terms until one falls below 1e-7 in absolute value — the same truncation SciPy uses, so the
     * results agree beyond the series' own accuracy.
     */
    static double limitingCdf(double x) {
        double total = 0;
        double gammaRatio = Special.SQRT_PI; // Gamma(k + 1/2) / Gamma(k + 1) at k = 0
        for (int k = 0; k < 10_000; k++) {
            double u = gammaRatio / (Math.pow(Math.PI, 1.5) * Math.sqrt(x));
            double y = 4 * k + 1;
            double q = y * y / (16 * x);
            // exp(-q) K_{1/4}(q) = exp(-2q) * kve(1/4, q)
            double z = u * Math.sqrt(y) * Math.exp(-2 * q) * Special.besselKScaled(0.25, q);
            total += z;
            if (Math.abs(z) < 1e-7) {
                break;
            }
            gammaRatio *= (k + 0.5) / (k + 1);
        }
        return total;
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }

    /** C(n, k) as a double (exact while it fits in 53 bits; the exact path has n <= 40). */
    static double binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }

    /** A frequency table: ascending distinct values with their counts. Immutable. */
    private static final class Dist {
        static final Dist EMPTY = new Dist(new long[0], new long[0]);
        final long[] values;
        final long[] counts;

        Dist(long[] values, long[] counts) {
            this.values = values;
            this.counts = counts;
        }

        Dist shift(long by) {
            long[] shifted = values.clone();
            for (int i = 0; i < shifted.length; i++) {
                shifted[i] += by;
            }
            return new Dist(shifted, counts);
        }

        static Dist merge(Dist p, Dist q) {
            long[] values = new long[p.values.length + q.values.length];
            long[] counts = new long[values.length];
            int i = 0;
            int j = 0;
            int o = 0;
            while (i < p.values.length || j < q.values.length) {
                if (j >= q.values.length || (i < p.values.length && p.values[i] < q.values[j])) {
                    values[o] = p.values[i];
                    counts[o++] = p.counts[i++];
                } else if (i >= p.values.length || q.values[j] < p.values[i]) {
                    values[o] = q.values[j];
                    counts[o++] = q.counts[j++];
                } else {
                    values[o] = p.values[i];
                    counts[o++] = p.counts[i++] + q.counts[j++];
                }
            }
            return new Dist(Arrays.copyOf(values, o), Arrays.copyOf(counts, o));
        }
    }
}

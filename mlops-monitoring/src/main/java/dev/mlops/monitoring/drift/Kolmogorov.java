package dev.mlops.monitoring.drift;

import dev.mlops.monitoring.internal.stats.Special;
/**
 * Null distributions of Kolmogorov–Smirnov statistics, following the algorithms SciPy uses so
 * that p-values agree with {@code scipy.stats.ks_2samp} to about 1e-9:
 *
 * <ul>
 *   <li>the exact two-sample two-sided p-value by lattice-path counting (Hodges' inside method with
 *       Viehmann's recursion for 1 - p; a Horner-like closed form when both samples have the same
 *       size);
 *   <li>the one-sample two-sided distribution of D_n ({@code kstwo}) for finite n, after Simard and
 *       L'Ecuyer (2011): Ruben–Gambino closed forms at the ends, the Durbin matrix algorithm in
 *       Marsaglia–Tsang–Wang's form, Pomeranz's recursion, the Pelz–Good expansion, and twice the
 *       one-sided Smirnov tail where the two-sided events cannot overlap;
 *   <li>the one-sided Smirnov survival function (Birnbaum–Tingey sum).
 * </ul>
 *
 * Stateless and thread-safe.
 */
final class Kolmogorov {

    private static final double EPS = Math.ulp(1.0);
    private static final double TWO_128 = 0x1p128;
    private static final double TWO_M128 = 0x1p-128;
    private static final double MIN_LOG = -7.08396418532264106224e2;
    private static final double PI2 = Math.PI * Math.PI;
    private static final double PI4 = PI2 * PI2;
    private static final double PI6 = PI4 * PI2;
    private static final int SMIRNOV_MAX_COMPUTE_N = 1_000_000;

    private Kolmogorov() {}

    /**
     * ln of the Birnbaum–Tingey term C(n,v) (1 - x - v/n)^(n-v) (x + v/n)^(v-1) for 0 < v < n,
     * with n x = nxHi + nxLo. Rearranged so that no large logarithms cancel: with Stirling's
     * formula for the factorials it equals
     * v ln(1 + nx/v) + (n-v) ln(1 - nx/(n-v)) - ln((nx+v)/n) + ln sqrt(n / (2 pi v (n-v)))
     * + r(n) - r(v) - r(n-v), r the Stirling remainder of ln k!.
     */
    static double logSmirnovTerm(int n, int v, double nxHi, double nxLo) {
        int w = n - v;
        double nx = nxHi + nxLo;
        double up = v * Math.log1p(nx / v);
        double ratio = nx / w;
        double down;
        if (ratio < 0.5) {
            down = w * Math.log1p(-ratio);
        } else {
            double bn = (w - nxHi) - nxLo; // n (1 - x) - v, without cancellation
            down = w * Math.log(bn / w);
        }
        double last = Math.log(((v + nxHi) + nxLo) / n);
        double gauss = 0.5 * Math.log((double) n / (2 * Math.PI * v * (double) w));
        return up + down - last + gauss
                + factorialRemainder(n) - factorialRemainder(v) - factorialRemainder(w);
    }

    /** ln k! - (k ln k - k + ln sqrt(2 pi k)), k >= 1. */
    static double factorialRemainder(int k) {
        if (k >= 10) {
            return Special.stirlingRemainder(k);
        }
        double factorial = 1;
        for (int i = 2; i <= k; i++) {
            factorial *= i;
        }
        return Math.log(factorial) - (k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k));
    }

    private static double clip(double p) {
        return Math.min(1.0, Math.max(0.0, p));
    }

    // ------------------------------------------------------------------ exact two-sample

    /**
     * Pr(D_{n,n} >= h/n) for two samples of equal size n, 0 < h <= n, as
     * 2 (A0 (1 - A1 (1 - A2 (...)))) where A_k is a ratio of binomial coefficients.
     */
    static double probOutsideSquare(int n, int h) {
        double p = 0.0;
        int k = n / h;
        while (k >= 0) {
            double p1 = 1.0;
            for (int j = 0; j < h; j++) {
                p1 = (n - (double) k * h - j) * p1 / (n + (double) k * h + j + 1);
            }
            p = p1 * (1.0 - p);
            k--;
        }
        return 2 * p;
    }

    /**
     * The proportion of lattice paths from (0,0) to (m,n) that leave the band
     * |x/m - y/n| < h/lcm(m,n), i.e. Pr(D_{m,n} >= h/lcm). Works column by column over a sliding
     * window, carrying 1 - (proportion inside) so that small p-values keep their precision.
     */
    static double outerProbInside(long m0, long n0, long g, long h) {
        long m = Math.max(m0, n0);
        long n = Math.min(m0, n0);
        long mg = m / g;
        long ng = n / g;
        long minj = 0;
        long maxj = Math.min(ceilDiv(h, mg), n + 1);
        long curlen = maxj - minj;
        int lenA = (int) Math.min(2 * maxj + 2, n + 1);
        double[] a = new double[lenA];
        java.util.Arrays.fill(a, 1.0);
        for (int j = (int) minj; j < Math.min(maxj, lenA); j++) {
            a[j] = 0.0;
        }
        for (long i = 1; i <= m; i++) {
            long lastminj = minj;
            long lastlen = curlen;
            minj = Math.max(Math.floorDiv(ng * i - h, mg) + 1, 0);
            minj = Math.min(minj, n);
            maxj = Math.min(ceilDiv(ng * i + h, mg), n + 1);
            if (maxj <= minj) {
                return 1.0;
            }
            double val = minj == 0 ? 0.0 : 1.0;
            int width = (int) (maxj - minj);
            int shift = (int) (minj - lastminj);
            for (int jj = 0; jj < width; jj++) {
                long j = jj + minj;
                val = (a[jj + shift] * i + val * j) / (i + j);
                a[jj] = val;
            }
            curlen = width;
            if (lastlen > curlen) {
                int end = (int) Math.min(lenA, width + (lastlen - curlen));
                for (int t = width; t < end; t++) {
                    a[t] = 1.0;
                }
            }
        }
        return a[(int) (maxj - minj - 1)];
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    // ------------------------------------------------------------------ kstwo: D_n, finite n

    /** Pr(D_n >= x) for the two-sided one-sample statistic D_n (SciPy's {@code kstwo.sf(x, n)}). */
    static double kstwoSf(int n, double x) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x >= 1.0) {
            return 0.0;
        }
        if (x <= 0.0) {
            return 1.0;
        }
        double t = n * x;
        if (t <= 1.0) { // Ruben–Gambino: 1/2n <= x <= 1/n
            if (t <= 0.5) {
                return 1.0;
            }
            double cdf;
            if (n <= 140) {
                cdf = 1.0;
                double rn = 1.0 / n;
                for (int i = 1; i <= n; i++) {
                    cdf *= i * rn * (2 * t - 1);
                }
            } else {
                cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
            }
            return clip(1.0 - cdf);
        }
        if (t >= n - 1) { // Ruben–Gambino
            return clip(2 * Math.pow(1.0 - x, n));
        }
        if (x >= 0.5) { // the one-sided events are disjoint
            return clip(2 * smirnovSf(n, x));
        }
        double nxSquared = t * x;
        if (n <= 140) {
            if (nxSquared <= 0.754693) {
                return clip(1.0 - durbinCdf(n, x));
            }
            if (nxSquared <= 4) {
                return clip(1.0 - pomeranzCdf(n, x));
            }
            return clip(2 * smirnovSf(n, x));
        }
        if (nxSquared >= 370.0) {
            return 0.0;
        }
        if (nxSquared >= 2.2) {
            return clip(2 * smirnovSf(n, x));
        }
        double cdf;
        if (n <= 100_000 && n * Math.pow(x, 1.5) <= 1.4) {
            cdf = durbinCdf(n, x);
        } else {
            cdf = pelzGoodCdf(n, x);
        }
        return clip(1.0 - cdf);
    }

    /** ln(n! / n^n) by Stirling's series with the n ln n term removed up front. */
    static double logFactorialOverPower(int n) {
        return Math.log(n) / 2 - n + Special.LN_SQRT_2PI + Special.stirlingRemainder(n);
    }

    /**
     * Pr(D_n <= d) by Durbin's matrix algorithm in Marsaglia–Tsang–Wang's form: the (k,k) entry of
     * (n!/n^n) H^n with H of order 2k-1, k = ceil(n d), powers scaled by 2^128 to stay finite.
     */
    static double durbinCdf(int n, double d) {
        if (d >= 1.0) {
            return 1.0;
        }
        double nd = n * d;
        if (nd <= 0.5) {
            return 0.0;
        }
        int k = (int) Math.ceil(nd);
        double h = k - nd;
        int m = 2 * k - 1;
        double[] v = new double[m];
        double[] w = new double[m];
        double fac = 1.0;
        for (int j = 1; j <= m; j++) {
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] = (1.0 - Math.pow(h, j)) * fac;
        }
        double tt = Math.pow(Math.max(2 * h - 1.0, 0), m) - 2 * Math.pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;

        double[][] hm = new double[m][m];
        for (int i = 1; i < m; i++) {
            for (int r = i - 1; r < m; r++) {
                hm[r][i] = w[r - (i - 1)];
            }
        }
        for (int r = 0; r < m; r++) {
            hm[r][0] = v[r];
        }
        for (int c = 0; c < m; c++) {
            hm[m - 1][c] = v[m - 1 - c];
        }

        double[][] power = identity(m);
        int nn = n;
        int expnt = 0;
        int hExpnt = 0;
        while (nn > 0) {
            if (nn % 2 == 1) {
                power = multiply(power, hm);
                expnt += hExpnt;
            }
            hm = multiply(hm, hm);
            hExpnt *= 2;
            if (Math.abs(hm[k - 1][k - 1]) > TWO_128) {
                for (double[] row : hm) {
                    for (int c = 0; c < m; c++) {
                        row[c] /= TWO_128;
                    }
                }
                hExpnt += 128;
            }
            nn /= 2;
        }
        double p = power[k - 1][k - 1];
        for (int i = 1; i <= n; i++) {
            p = i * p / n;
            if (Math.abs(p) < TWO_M128) {
                p *= TWO_128;
                expnt -= 128;
            }
        }
        if (expnt != 0) {
            p = Math.scalb(p, expnt);
        }
        return clip(p);
    }

    private static double[][] identity(int m) {
        double[][] id = new double[m][m];
        for (int i = 0; i < m; i++) {
            id[i][i] = 1.0;
        }
        return id;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        double[][] c = new double[m][m];
        for (int i = 0; i < m; i++) {
            double[] ci = c[i];
            double[] ai = a[i];
            for (int l = 0; l < m; l++) {
                double ail = ai[l];
                if (ail == 0.0) {
                    continue;
                }
                double[] bl = b[l];
                for (int j = 0; j < m; j++) {
                    ci[j] += ail * bl[j];
                }
            }
        }
        return c;
    }

    /** Pr(D_n <= x) by Pomeranz's recursion (1974), two rows kept, scaled by 2^128 as needed. */
    static double pomeranzCdf(int n, double x) {
        double t = n * x;
        int ll = (int) Math.floor(t);
        double f = t - ll;
        double g = Math.min(f, 1.0 - f);
        int ceilf = f > 0 ? 1 : 0;
        int roundf = f > 0.5 ? 1 : 0;
        int npwrs = 2 * (ll + 1);
        double[] gpower = new double[npwrs];
        double[] twogpower = new double[npwrs];
        double[] onem2gpower = new double[npwrs];
        gpower[0] = 1.0;
        twogpower[0] = 1.0;
        onem2gpower[0] = 1.0;
        double gOverN = g / n;
        double twoGOverN = 2 * g / n;
        double oneMinusTwoGOverN = (1 - 2 * g) / n;
        for (int m = 1; m < npwrs; m++) {
            gpower[m] = gpower[m - 1] * gOverN / m;
            twogpower[m] = twogpower[m - 1] * twoGOverN / m;
            onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
        }
        double[] v0 = new double[npwrs];
        double[] v1 = new double[npwrs];
        v1[0] = 1;
        int v0s = 0;
        int v1s = 0;
        int expnt = 0;
        int[] j12 = pomeranzBounds(0, n, ll, ceilf, roundf);
        int j1 = j12[0];
        for (int i = 1; i < 2 * n + 2; i++) {
            int k1 = j1;
            double[] swap = v0;
            v0 = v1;
            v1 = swap;
            int swaps = v0s;
            v0s = v1s;
            v1s = swaps;
            java.util.Arrays.fill(v1, 0.0);
            j12 = pomeranzBounds(i, n, ll, ceilf, roundf);
            j1 = j12[0];
            int j2 = j12[1];
            double[] pwrs = (i == 1 || i == 2 * n + 1) ? gpower : (i % 2 == 1 ? twogpower : onem2gpower);
            int ln2 = j2 - k1 + 1;
            if (ln2 > 0) {
                int segStart = k1 - v0s;
                int segLen = Math.min(ln2, npwrs - segStart);
                int convStart = j1 - k1;
                int convLen = j2 - j1 + 1;
                int pwrsLen = Math.min(ln2, npwrs);
                double max = 0;
                for (int p = 0; p < convLen; p++) {
                    int idx = convStart + p; // index into the full convolution
                    double s = 0;
                    int qLo = Math.max(0, idx - (pwrsLen - 1));
                    int qHi = Math.min(segLen - 1, idx);
                    for (int q = qLo; q <= qHi; q++) {
                        s += v0[segStart + q] * pwrs[idx - q];
                    }
                    v1[p] = s;
                    max = Math.max(max, s);
                }
                if (0 < max && max < TWO_M128) {
                    for (int p = 0; p < npwrs; p++) {
                        v1[p] *= TWO_128;
                    }
                    expnt -= 128;
                }
                v1s = v0s + j1 - k1;
            }
        }
        double ans = v1[n - v1s];
        for (int m = 1; m <= n; m++) {
            if (Math.abs(ans) > TWO_128) {
                ans *= TWO_M128;
                expnt += 128;
            }
            ans *= m;
        }
        if (expnt != 0) {
            ans = Math.scalb(ans, expnt);
        }
        return clip(ans);
    }

    private static int[] pomeranzBounds(int i, int n, int ll, int ceilf, int roundf) {
        int j1;
        int j2;
        if (i == 0) {
            j1 = -ll - ceilf - 1;
            j2 = ll + ceilf - 1;
        } else {
            int ip1div2 = (i + 1) / 2;
            int ip1mod2 = (i + 1) % 2;
            if (ip1mod2 == 0) { // i is odd
                if (ip1div2 == n + 1) {
                    j1 = n - ll - ceilf - 1;
                    j2 = n + ll + ceilf - 1;
                } else {
                    j1 = ip1div2 - 1 - ll - roundf - 1;
                    j2 = ip1div2 + ll - 1 + ceilf - 1;
                }
            } else {
                j1 = ip1div2 - 1 - ll - 1;
                j2 = ip1div2 + ll + roundf - 1;
            }
        }
        return new int[] {Math.max(j1 + 2, 0), Math.min(j2, n)};
    }

    /**
     * The Pelz–Good approximation to Pr(D_n <= x): the Li-Chien/Korolyuk expansion
     * K0 + K1/sqrt(n) + K2/n + K3/n^1.5 in z = x sqrt(n), rewritten through Jacobi theta identities
     * so that it converges fast for small z.
     */
    static double pelzGoodCdf(int n, double x) {
        if (x <= 0.0) {
            return 0.0;
        }
        if (x >= 1.0) {
            return 1.0;
        }
        double z = Math.sqrt(n) * x;
        double z2 = z * z;
        double z3 = z * z * z;
        double z4 = z2 * z2;
        double z6 = z4 * z2;
        double qlog = -PI2 / 8 / z2;
        if (qlog < -708) {
            return 0.0;
        }
        double q = Math.exp(qlog);
        double k1a = -z2;
        double k1b = PI2 / 4;
        double k2a = 6 * z6 + 2 * z4;
        double k2b = (2 * z4 - 5 * z2) * PI2 / 4;
        double k2c = PI4 * (1 - 2 * z2) / 16;
        double k3d = PI6 * (5 - 30 * z2) / 64;
        double k3c = PI4 * (-60 * z2 + 212 * z4) / 16;
        double k3b = PI2 * (135 * z4 - 96 * z6) / 4;
        double k3a = -30 * z6 - 90 * Math.pow(z, 8);

        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int maxk = (int) Math.ceil(16 * z / Math.PI);
        for (int k = maxk; k > 0; k--) {
            double m = 2 * k - 1;
            double m2 = m * m;
            double m4 = m2 * m2;
            double m6 = m4 * m2;
            double qpower = Math.pow(q, 8 * k);
            s0 = s0 * qpower + 1.0;
            s1 = s1 * qpower + (k1a + k1b * m2);
            s2 = s2 * qpower + (k2a + k2b * m2 + k2c * m4);
            s3 = s3 * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
        }
        double scale = q * Special.SQRT_2PI;
        s0 = s0 * scale / z;
        s1 = s1 * scale / (6 * z4);
        s2 = s2 * scale / (72 * Math.pow(z, 7));
        s3 = s3 * scale / (6480 * Math.pow(z, 10));

        double q2 = Math.exp(-PI2 / 2 / z2);
        double sqrt3z = Math.sqrt(3) * z;
        double k2extra = 0;
        double k3extra = 0;
        for (int k = maxk; k > 0; k--) {
            double k2 = (double) k * k;
            double qk = Math.pow(q2, k2);
            double kpi = Math.PI * k;
            k2extra += k2 * qk;
            k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qk;
        }
        s2 += k2extra * (PI2 * Special.SQRT_2PI / (-36 * z3));
        s3 += k3extra * (PI2 * Special.SQRT_2PI / (216 * z6));
        double sqrtN = Math.sqrt((double) n);
        return s0 + s1 / sqrtN + s2 / n + s3 / (n * sqrtN);
    }

    // ------------------------------------------------------------------ Smirnov: D_n^+

    /**
     * Pr(D_n^+ >= x) for the one-sided one-sample statistic (SciPy's {@code smirnov(n, x)}), by
     * the Birnbaum–Tingey sum of positive terms evaluated in logarithms, stopping once the
     * remaining terms cannot change the sum; closed forms at the ends.
     */
    static double smirnovSf(int n, double x) {
        if (!(n > 0 && x >= 0.0 && x <= 1.0)) {
            return Double.NaN;
        }
        if (n == 1) {
            return 1 - x;
        }
        if (x == 0.0) {
            return 1.0;
        }
        if (x == 1.0) {
            return 0.0;
        }
        // n*x in double-double, and its integer and fractional parts
        double nxHi = n * x;
        double nxLo = Math.fma(n, x, -nxHi);
        double floorHi = Math.floor(nxHi);
        long nxfl = (long) floorHi;
        double alpha = (nxHi - floorHi) + nxLo;
        if (alpha < 0) {
            nxfl -= 1;
            alpha += 1;
        }
        if (alpha >= 1) {
            nxfl += 1;
            alpha = 0;
        }
        if (nxfl == 0 || (nxfl == 1 && alpha == 0)) { // x <= 1/n
            double cdf = x * Math.pow(1 + x, n - 1);
            return clip(1 - cdf);
        }
        if (-2 * n * x * x < MIN_LOG) {
            return 0.0;
        }
        if (nxfl >= n - 1) { // x >= 1 - 1/n
            return clip(Math.pow(1 - x, n));
        }
        if (n > SMIRNOV_MAX_COMPUTE_N) {
            double logp = -Math.pow(6.0 * n * x + 1, 2) / 18.0 / n;
            if (logp < -Math.log(2)) {
                return clip(Math.exp(logp));
            }
            double cdf = -Math.expm1(logp);
            return clip(1 - cdf);
        }
        // sf = x * sum_{v=0}^{n - nxfl - 1} C(n,v) (1 - x - v/n)^(n-v) (x + v/n)^(v-1)
        long nTerms = n - nxfl;
        double sum = Math.exp(n * Math.log1p(-x)) / x; // v = 0
        int vmid = n / 2;
        for (int v = 1; v < nTerms; v++) {
            double term = Math.exp(logSmirnovTerm(n, v, nxHi, nxLo));
            sum += term;
            if (term != 0.0) {
                if (4 * (nTerms - v) * term < EPS * sum && v != nTerms - 1) {
                    break;
                }
            } else if (v > vmid) {
                break;
            }
        }
        return clip(x * sum);
    }
}

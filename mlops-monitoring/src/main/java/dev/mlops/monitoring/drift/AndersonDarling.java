package dev.mlops.monitoring.drift;

import dev.mlops.core.InvalidArgumentException;

/**
 * The k-sample Anderson–Darling statistic of Scholz and Stephens (1987), midrank version, and its
 * standardization and interpolated p-value as in {@code scipy.stats.anderson_ksamp}. Stateless.
 */
final class AndersonDarling {

    /** Significance levels of Scholz–Stephens Table 2. */
    private static final double[] SIG = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};
    /** Interpolation coefficients of the critical values: b0 + b1 / sqrt(m) + b2 / m. */
    private static final double[] B0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
    private static final double[] B1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
    private static final double[] B2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};

    private AndersonDarling() {}

    /** A2akN of Scholz–Stephens eq. (7) over ascending samples. */
    static double midrankStatistic(double[][] sorted) {
        int k = sorted.length;
        int[] pos = new int[k];
        long bigN = 0;
        for (double[] s : sorted) {
            bigN += s.length;
        }
        double n = bigN;
        double[] perSample = new double[k];
        long before = 0;
        int distinct = 0;
        int[] f = new int[k];
        while (before < bigN) {
            double v = Double.POSITIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                if (pos[i] < sorted[i].length && sorted[i][pos[i]] < v) {
                    v = sorted[i][pos[i]];
                }
            }
            long lj = 0;
            for (int i = 0; i < k; i++) {
                int start = pos[i];
                while (pos[i] < sorted[i].length && sorted[i][pos[i]] == v) {
                    pos[i]++;
                }
                f[i] = pos[i] - start;
                lj += f[i];
            }
            distinct++;
            double bj = before + lj / 2.0;
            double denominator = bj * (n - bj) - n * lj / 4.0;
            for (int i = 0; i < k; i++) {
                double mij = pos[i] - f[i] / 2.0;
                double t = n * mij - bj * sorted[i].length;
                perSample[i] += lj / n * t * t / denominator;
            }
            before += lj;
        }
        if (distinct < 2) {
            throw new InvalidArgumentException("samples", "need at least two distinct values");
        }
        double a2 = 0;
        for (int i = 0; i < k; i++) {
            a2 += perSample[i] / sorted[i].length;
        }
        return a2 * (n - 1.0) / n;
    }

    /** {standardized statistic, interpolated p-value} for A2akN over samples of the given sizes. */
    static double[] standardize(double a2kn, double[][] samples) {
        int k = samples.length;
        double bigH = 0;
        long total = 0;
        for (double[] s : samples) {
            bigH += 1.0 / s.length;
            total += s.length;
        }
        double n = total;
        // hs_cs[j] = sum_{t=0..j} 1/(N-1-t), j = 0..N-3; h = sum_{i=1}^{N-1} 1/i; g = sum_j hs_cs[j]/(j+2)
        double cumulative = 0;
        double g = 0;
        for (long j = 0; j <= total - 3; j++) {
            cumulative += 1.0 / (total - 1 - j);
            g += cumulative / (j + 2);
        }
        double h = cumulative + 1;
        double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * bigH;
        double b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * bigH - 8 * h + 4 * g - 6;
        double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * bigH + 4 * h;
        double d = (2 * h + 6) * k * k - 4 * h * k;
        double sigmaSq = (a * n * n * n + b * n * n + c * n + d) / ((n - 1.0) * (n - 2.0) * (n - 3.0));
        double m = k - 1;
        double a2 = (a2kn - m) / Math.sqrt(sigmaSq);

        double[] critical = new double[SIG.length];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < SIG.length; i++) {
            critical[i] = B0[i] + B1[i] / Math.sqrt(m) + B2[i] / m;
            min = Math.min(min, critical[i]);
            max = Math.max(max, critical[i]);
        }
        double p;
        if (a2 < min) {
            p = 0.25;
        } else if (a2 > max) {
            p = 0.001;
        } else {
            double[] logSig = new double[SIG.length];
            for (int i = 0; i < SIG.length; i++) {
                logSig[i] = Math.log(SIG[i]);
            }
            double[] coefficients = quadraticLeastSquares(critical, logSig);
            p = Math.exp((coefficients[0] * a2 + coefficients[1]) * a2 + coefficients[2]);
        }
        return new double[] {a2, p};
    }

    /**
     * Least-squares fit y ~ c0 x^2 + c1 x + c2 (numpy.polyfit degree 2), by Householder QR on the
     * column-scaled Vandermonde matrix.
     */
    static double[] quadraticLeastSquares(double[] x, double[] y) {
        int rows = x.length;
        int cols = 3;
        double[][] a = new double[rows][cols];
        double[] scale = new double[cols];
        for (int r = 0; r < rows; r++) {
            a[r][0] = x[r] * x[r];
            a[r][1] = x[r];
            a[r][2] = 1;
        }
        for (int c = 0; c < cols; c++) {
            double s = 0;
            for (int r = 0; r < rows; r++) {
                s += a[r][c] * a[r][c];
            }
            scale[c] = Math.sqrt(s);
            for (int r = 0; r < rows; r++) {
                a[r][c] /= scale[c];
            }
        }
        double[] rhs = y.clone();
        for (int c = 0; c < cols; c++) {
            double norm = 0;
            for (int r = c; r < rows; r++) {
                norm += a[r][c] * a[r][c];
            }
            norm = Math.sqrt(norm);
            double alpha = a[c][c] > 0 ? -norm : norm;
            double[] v = new double[rows];
            for (int r = c; r < rows; r++) {
                v[r] = a[r][c];
            }
            v[c] -= alpha;
            double vv = 0;
            for (int r = c; r < rows; r++) {
                vv += v[r] * v[r];
            }
            for (int cc = c; cc < cols; cc++) {
                double dot = 0;
                for (int r = c; r < rows; r++) {
                    dot += v[r] * a[r][cc];
                }
                double factor = 2 * dot / vv;
                for (int r = c; r < rows; r++) {
                    a[r][cc] -= factor * v[r];
                }
            }
            double dot = 0;
            for (int r = c; r < rows; r++) {
                dot += v[r] * rhs[r];
            }
            double factor = 2 * dot / vv;
            for (int r = c; r < rows; r++) {
                rhs[r] -= factor * v[r];
            }
        }
        double[] coefficients = new double[cols];
        for (int c = cols - 1; c >= 0; c--) {
            double s = rhs[c];
            for (int cc = c + 1; cc < cols; cc++) {
                s -= a[c][cc] * coefficients[cc];
            }
            coefficients[c] = s / a[c][c];
        }
        for (int c = 0; c < cols; c++) {
            coefficients[c] /= scale[c];
        }
        return coefficients;
    }
}

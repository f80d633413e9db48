package dev.mlops.monitoring.drift;

import dev.mlops.monitoring.internal.stats.Special;
import dev.mlops.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Two-sample and goodness-of-fit hypothesis tests used by drift detection. Each test matches the
 * named SciPy function (statistic and p-value, to about 1e-9) with SciPy's default options, as
 * checked by the reference tests; where SciPy has no such function the formula is stated.
 *
 * <p>Input rules, common to every method: numeric samples must be non-null, non-empty and finite —
 * NaN or an infinity is rejected with an {@link InvalidArgumentException} naming the sample and the
 * index (drop missing values first; a profile counts them separately). Counts must be non-negative
 * with a positive total. Arguments are never modified. All methods are static, stateless and
 * thread-safe.
 */
public final class HypothesisTests {

    /** Name of {@link #kolmogorovSmirnov}. */
    public static final String KS = "ks";
    /** Name of {@link #chiSquare(long[], long[])}. */
    public static final String CHI_SQUARE = "chi_square";
    /** Name of {@link #chiSquareContingency(long[][])}. */
    public static final String CHI_SQUARE_CONTINGENCY = "chi_square_contingency";
    /** Name of {@link #twoProportionZ}. */
    public static final String Z = "z";
    /** Name of {@link #andersonDarling}. */
    public static final String ANDERSON_DARLING = "anderson_darling";
    /** Name of {@link #cramerVonMises}. */
    public static final String CRAMER_VON_MISES = "cramer_von_mises";
    /** Name of {@link #mannWhitneyU}. */
    public static final String MANN_WHITNEY_U = "mann_whitney_u";

    /** Largest sample size for which {@link #kolmogorovSmirnov} computes an exact p-value. */
    public static final int KS_MAX_EXACT_N = 10_000;

    private HypothesisTests() {}

    // ------------------------------------------------------------------ Kolmogorov–Smirnov

    /**
     * Two-sample two-sided Kolmogorov–Smirnov test, as {@code scipy.stats.ks_2samp(reference,
     * current)} (alternative two-sided, method 'auto').
     *
     * <p>The statistic is D = sup |F_ref(x) - F_cur(x)| over the empirical CDFs, ties handled by
     * evaluating both CDFs right-continuously at every distinct value. When both samples have at
     * most {@value #KS_MAX_EXACT_N} values the p-value is exact (lattice-path counting; D is then
     * reported as the nearest multiple of 1/lcm(n, m), as SciPy does); otherwise it is
     * {@code kstwo.sf(D, round(n m / (n + m)))}, the finite-n two-sided Kolmogorov distribution at
     * the effective sample size. O((n + m) log(n + m)) for the statistic.
     */
    public static TestResult kolmogorovSmirnov(double[] reference, double[] current) {
        double[] a = Samples.sortedCopy("reference", reference);
        double[] b = Samples.sortedCopy("current", current);
        double d = ksStatistic(a, b);
        int n1 = a.length;
        int n2 = b.length;
        if (Math.max(n1, n2) <= KS_MAX_EXACT_N) {
            long g = gcd(n1, n2);
            long lcm = (n1 / g) * (long) n2;
            long h = (long) Math.rint(d * lcm);
            d = (double) h / lcm;
            double p;
            if (h == 0) {
                p = 1.0;
            } else if (n1 == n2) {
                p = Kolmogorov.probOutsideSquare(n1, (int) h);
            } else {
                p = Kolmogorov.outerProbInside(n1, n2, g, h);
            }
            if (p >= 0 && p <= 1) {
                return new TestResult(KS, d, p);
            }
            // SciPy falls back to the asymptotic distribution when the exact one fails
        }
        return new TestResult(KS, d, ksAsymptoticPValue(d, n1, n2));
    }

    /**
     * Two-sample two-sided Kolmogorov–Smirnov test from two empirical CDFs given as step functions
     * (as a quantile sketch gives them) and the sizes of the samples behind them. Each CDF is
     * strictly ascending finite {@code points} with non-decreasing values in [0, 1], the last 1;
     * F(x) is the value at the last point &le; x (0 before the first point).
     *
     * <p>D is sup |F_ref − F_cur| over the union of both functions' points (where a step function
     * difference attains its supremum). The p-value is the asymptotic one of
     * {@link #kolmogorovSmirnov(double[], double[])}, {@code kstwo.sf(D, round(n m / (n + m)))},
     * from the counts. Given the exact CDFs of two samples this equals {@code ks_2samp(reference,
     * current, method="asymp")}; given sketch CDFs each off by at most ε, |D̂ − D| ≤ ε_ref + ε_cur.
     *
     * @throws InvalidArgumentException for malformed step functions or non-positive counts
     */
    public static TestResult kolmogorovSmirnovFromCdfs(double[] referencePoints, double[] referenceCdf,
                                                       long referenceCount, double[] currentPoints,
                                                       double[] currentCdf, long currentCount) {
        StepCdf.check("reference", referencePoints, referenceCdf);
        StepCdf.check("current", currentPoints, currentCdf);
        if (referenceCount <= 0 || currentCount <= 0) {
            throw new InvalidArgumentException("count", "sample sizes must be positive, got " + referenceCount
                    + " and " + currentCount);
        }
        double d = StepCdf.walk(referencePoints, referenceCdf, currentPoints, currentCdf, false);
        return new TestResult(KS, d, ksAsymptoticPValue(d, referenceCount, currentCount));
    }

    /** kstwo.sf(d, round(en)) with en = n m / (n + m), as ks_2samp's 'asymp' method. */
    static double ksAsymptoticPValue(double d, long n1, long n2) {
        double m = Math.max(n1, n2);
        double n = Math.min(n1, n2);
        double en = m * n / (m + n);
        return Kolmogorov.kstwoSf((int) Math.min(Math.rint(en), Integer.MAX_VALUE), d);
    }

    /** D over two ascending samples, by one merge pass over the distinct values. */
    static double ksStatistic(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        double max = 0; // sup (F_a - F_b)
        double min = 0; // inf (F_a - F_b)
        int i = 0;
        int j = 0;
        while (i < n1 && j < n2) {
            double v = Math.min(a[i], b[j]);
            while (i < n1 && a[i] == v) {
                i++;
            }
            while (j < n2 && b[j] == v) {
                j++;
            }
            double diff = (double) i / n1 - (double) j / n2;
            if (diff > max) {
                max = diff;
            } else if (diff < min) {
                min = diff;
            }
        }
        // once one sample is used up, the difference only moves back towards 0
        return Math.max(max, Math.min(1.0, -min));
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    // ------------------------------------------------------------------ chi-square

    /**
     * Chi-square goodness-of-fit test of the current counts against the reference distribution,
     * as {@code scipy.stats.chisquare(f_obs=current, f_exp=reference / sum(reference) *
     * sum(current))}: statistic sum (o - e)^2 / e, p-value from chi-square with k - 1 degrees of
     * freedom, k the number of categories used.
     *
     * <p>The arrays are counts of the same categories in the same order. Categories with zero count
     * in both are ignored. A category the reference never saw but the current data has makes the
     * expected count 0: the statistic is {@code +Infinity} and the p-value 0 (SciPy's arithmetic;
     * an unseen category is certain drift for this test). With fewer than two categories in use
     * the result is statistic 0, p-value 1.
     */
    public static TestResult chiSquare(long[] reference, long[] current) {
        Samples.checkPairedCounts(reference, current);
        double refTotal = Samples.sum(reference);
        double curTotal = Samples.sum(current);
        double stat = 0;
        int used = 0;
        for (int i = 0; i < reference.length; i++) {
            if (reference[i] == 0 && current[i] == 0) {
                continue;
            }
            used++;
            double expected = reference[i] / refTotal * curTotal;
            double diff = current[i] - expected;
            stat += expected == 0 ? Double.POSITIVE_INFINITY : diff * diff / expected;
        }
        if (used < 2) {
            return new TestResult(CHI_SQUARE, 0.0, 1.0);
        }
        return new TestResult(CHI_SQUARE, stat, Special.chiSquareSf(stat, used - 1));
    }

    /**
     * {@link #chiSquare(long[], long[])} over category→count maps, aligned on the union of their
     * categories (a category missing from one map counts 0 there).
     */
    public static <K> TestResult chiSquare(Map<K, Long> reference, Map<K, Long> current) {
        long[][] aligned = Samples.align(reference, current);
        return chiSquare(aligned[0], aligned[1]);
    }

    /**
     * Chi-square test of independence on an r×c contingency table, as
     * {@code scipy.stats.chi2_contingency(table)} with its defaults: Pearson's statistic against
     * expected counts row_total × column_total / total, and Yates' continuity correction when the
     * table has one degree of freedom (2×2). Rows or columns that are all zero are dropped first
     * (SciPy rejects them; they carry no information). A table with one degree of freedom less than
     * one, e.g. a single row, gives statistic 0 and p-value 1, as in SciPy.
     *
     * <p>For drift, pass one row of reference counts and one of current counts.
     */
    public static TestResult chiSquareContingency(long[][] table) {
        return chiSquareContingency(table, true);
    }

    /**
     * {@link #chiSquareContingency(long[][])} with Yates' correction for 1 degree of freedom on or
     * off ({@code correction} in SciPy).
     */
    public static TestResult chiSquareContingency(long[][] table, boolean yatesCorrection) {
        long[][] t = nonEmptyTable(table);
        int rows = t.length;
        int cols = t[0].length;
        double[] rowSums = new double[rows];
        double[] colSums = new double[cols];
        double total = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                rowSums[r] += t[r][c];
                colSums[c] += t[r][c];
                total += t[r][c];
            }
        }
        int dof = (rows - 1) * (cols - 1);
        if (dof == 0) {
            return new TestResult(CHI_SQUARE_CONTINGENCY, 0.0, 1.0);
        }
        double stat = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double expected = rowSums[r] * colSums[c] / total;
                double observed = t[r][c];
                if (dof == 1 && yatesCorrection) {
                    double diff = expected - observed;
                    observed += Math.signum(diff) * Math.min(0.5, Math.abs(diff));
                }
                double delta = observed - expected;
                stat += delta * delta / expected;
            }
        }
        return new TestResult(CHI_SQUARE_CONTINGENCY, stat, Special.chiSquareSf(stat, dof));
    }

    /** Validates a table and removes all-zero rows and columns. */
    private static long[][] nonEmptyTable(long[][] table) {
        if (table == null || table.length == 0) {
            throw new InvalidArgumentException("table", "must have at least one row");
        }
        int cols = -1;
        for (int r = 0; r < table.length; r++) {
            if (table[r] == null || table[r].length == 0) {
                throw new InvalidArgumentException("table", "row " + r + " is empty");
            }
            if (cols >= 0 && table[r].length != cols) {
                throw new InvalidArgumentException("table", "row " + r + " has " + table[r].length
                        + " columns, row 0 has " + cols);
            }
            cols = table[r].length;
            for (int c = 0; c < cols; c++) {
                if (table[r][c] < 0) {
                    throw new InvalidArgumentException("table", "count at [" + r + "][" + c + "] is negative");
                }
            }
        }
        List<Integer> keepRows = new ArrayList<>();
        for (int r = 0; r < table.length; r++) {
            if (Arrays.stream(table[r]).anyMatch(v -> v != 0)) {
                keepRows.add(r);
            }
        }
        List<Integer> keepCols = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            for (long[] row : table) {
                if (row[c] != 0) {
                    keepCols.add(c);
                    break;
                }
            }
        }
        if (keepRows.isEmpty()) {
            throw new InvalidArgumentException("table", "all counts are zero");
        }
        long[][] out = new long[keepRows.size()][keepCols.size()];
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < keepCols.size(); c++) {
                out[r][c] = table[keepRows.get(r)][keepCols.get(c)];
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ two-proportion z

    /**
     * Two-sided two-proportion z-test with the pooled proportion (as statsmodels'
     * {@code proportions_ztest} and Evidently's z-test; SciPy has no such function):
     * {@code z = (p_cur - p_ref) / sqrt(p (1 - p) (1/n_ref + 1/n_cur))} with
     * {@code p = (x_ref + x_cur) / (n_ref + n_cur)}, p-value {@code 2 * norm.sf(|z|)}. When the
     * pooled proportion is 0 or 1 the two proportions are equal: z = 0, p-value 1.
     *
     * @param referenceSuccesses events in the reference data, {@code 0 <= x <= n}
     * @param referenceTotal reference size, positive
     * @param currentSuccesses events in the current data
     * @param currentTotal current size, positive
     */
    public static TestResult twoProportionZ(long referenceSuccesses, long referenceTotal,
                                            long currentSuccesses, long currentTotal) {
        checkProportion("reference", referenceSuccesses, referenceTotal);
        checkProportion("current", currentSuccesses, currentTotal);
        double n1 = referenceTotal;
        double n2 = currentTotal;
        double p1 = referenceSuccesses / n1;
        double p2 = currentSuccesses / n2;
        double pooled = (referenceSuccesses + (double) currentSuccesses) / (n1 + n2);
        double variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
        if (variance == 0) {
            return new TestResult(Z, 0.0, 1.0);
        }
        double z = (p2 - p1) / Math.sqrt(variance);
        return new TestResult(Z, z, Math.min(1.0, 2 * Special.normalSf(Math.abs(z))));
    }

    private static void checkProportion(String name, long successes, long total) {
        if (total <= 0) {
            throw new InvalidArgumentException(name, "total must be positive, got " + total);
        }
        if (successes < 0 || successes > total) {
            throw new InvalidArgumentException(name, "successes must be in [0, " + total + "], got " + successes);
        }
    }

    // ------------------------------------------------------------------ Anderson–Darling

    /**
     * The k-sample Anderson–Darling test, as {@code scipy.stats.anderson_ksamp(samples,
     * variant='midrank')} (SciPy's default): Scholz and Stephens' midrank statistic for data with
     * ties, standardized, and its p-value interpolated (quadratic in log p) from their table of
     * critical values — so the p-value is capped at 0.25 and floored at 0.001, as SciPy's is.
     *
     * @param samples two or more samples; at least 4 values in total and at least 2 distinct ones
     */
    public static TestResult andersonDarling(double[]... samples) {
        if (samples == null || samples.length < 2) {
            throw new InvalidArgumentException("samples", "needs at least two samples");
        }
        double[][] sorted = new double[samples.length][];
        int total = 0;
        for (int i = 0; i < samples.length; i++) {
            sorted[i] = Samples.sortedCopy("samples[" + i + "]", samples[i]);
            total += sorted[i].length;
        }
        if (total < 4) {
            throw new InvalidArgumentException("samples", "needs at least 4 values in total, got " + total);
        }
        double a2kn = AndersonDarling.midrankStatistic(sorted);
        if (Double.isNaN(a2kn)) {
            throw new InvalidArgumentException("samples", "need at least two distinct values");
        }
        double[] standardized = AndersonDarling.standardize(a2kn, sorted);
        return new TestResult(ANDERSON_DARLING, standardized[0], standardized[1]);
    }

    // ------------------------------------------------------------------ Cramér–von Mises

    /**
     * Two-sample Cramér–von Mises test, as {@code scipy.stats.cramervonmises_2samp(reference,
     * current)} (method 'auto'): T = U / (n m (n + m)) - (4 n m - 1) / (6 (n + m)) with midranks
     * for ties; the p-value is exact (enumerating the null distribution) when both samples have at
     * most 20 values, else from Anderson's normalized statistic and the limiting distribution.
     * Each sample needs at least 2 values.
     */
    public static TestResult cramerVonMises(double[] reference, double[] current) {
        double[] x = Samples.sortedCopy("reference", reference);
        double[] y = Samples.sortedCopy("current", current);
        if (x.length < 2) {
            throw new InvalidArgumentException("reference", "needs at least 2 values");
        }
        if (y.length < 2) {
            throw new InvalidArgumentException("current", "needs at least 2 values");
        }
        return CramerVonMises.test(x, y);
    }

    // ------------------------------------------------------------------ Mann–Whitney U

    /**
     * Two-sided Mann–Whitney U test, as {@code scipy.stats.mannwhitneyu(reference, current)}
     * (continuity correction on, method 'auto'). The statistic is U of the reference sample
     * (sum of its midranks minus n(n+1)/2). The p-value is exact when one sample has at most 8 values
     * and there are no ties, otherwise from the normal approximation with tie and continuity
     * corrections. (One deviation: above 2 000 000 pairs, e.g. 8 against 250 001 values, the normal
     * approximation is used, as the exact table would need too much memory.)
     */
    public static TestResult mannWhitneyU(double[] reference, double[] current) {
        double[] x = Samples.sortedCopy("reference", reference);
        double[] y = Samples.sortedCopy("current", current);
        return MannWhitney.test(x, y);
    }
}

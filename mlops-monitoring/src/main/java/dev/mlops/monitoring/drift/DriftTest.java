package dev.mlops.monitoring.drift;

import dev.mlops.core.InvalidArgumentException;
import java.util.Arrays;

/**
 * The per-column comparisons a {@link DriftDetector} can run. Each is either a hypothesis test
 * (drift when its p-value is below the threshold, default {@value #DEFAULT_P_VALUE_THRESHOLD}) or a
 * distance (drift when the distance is at or above the threshold, default
 * {@value #DEFAULT_DISTANCE_THRESHOLD}). Every one delegates to {@link HypothesisTests} or
 * {@link Distances}; this enum only says which, and on what input.
 *
 * <p>Two kinds of input:
 * <ul>
 *   <li><b>Values</b> ({@link #comparesValues()}): KS, Anderson–Darling, Cramér–von Mises,
 *       Mann–Whitney U and normed Wasserstein take the numeric values themselves; numeric columns
 *       only.</li>
 *   <li><b>Frequencies</b>: chi-square, z, Jensen–Shannon, PSI, KL, Hellinger and L∞ take counts.
 *       For a categorical column, the count of each category; for a numeric column with at most
 *       {@value DriftDetector#MAX_DISCRETE_VALUES} distinct values, the count of each value; for
 *       any other numeric column, counts in the reference quantile bins described in
 *       {@link DriftDetector}. The z-test needs at most two categories.</li>
 * </ul>
 */
public enum DriftTest {
    /** Two-sample Kolmogorov–Smirnov ({@link HypothesisTests#kolmogorovSmirnov}); statistic D. */
    KS(HypothesisTests.KS, true, true),
    /** k-sample Anderson–Darling with two samples ({@link HypothesisTests#andersonDarling}). */
    ANDERSON_DARLING(HypothesisTests.ANDERSON_DARLING, true, true),
    /** Two-sample Cramér–von Mises ({@link HypothesisTests#cramerVonMises}). */
    CRAMER_VON_MISES(HypothesisTests.CRAMER_VON_MISES, true, true),
    /** Mann–Whitney U ({@link HypothesisTests#mannWhitneyU}); statistic U of the reference. */
    MANN_WHITNEY_U(HypothesisTests.MANN_WHITNEY_U, true, true),
    /** Wasserstein-1 divided by the reference standard deviation ({@link Distances#wassersteinNormed}). */
    WASSERSTEIN_NORMED("wasserstein_normed", false, true),
    /** Chi-square goodness of fit of current counts to reference shares ({@link HypothesisTests#chiSquare}). */
    CHI_SQUARE(HypothesisTests.CHI_SQUARE, true, false),
    /**
     * Two-proportion z-test ({@link HypothesisTests#twoProportionZ}) on the share of the first
     * category: the most frequent in the reference (ties by label), or for a numeric column the
     * smaller value. The sign of z depends on that choice; the p-value does not.
     */
    Z(HypothesisTests.Z, true, false),
    /** Jensen–Shannon distance, natural logarithm ({@link Distances#jensenShannon(long[], long[])}). */
    JENSEN_SHANNON("jensen_shannon", false, false),
    /** Population stability index, ε-smoothed ({@link Distances#psi(long[], long[])}). */
    PSI("psi", false, false),
    /** Kullback–Leibler divergence KL(reference ‖ current), ε-smoothed ({@link Distances#klDivergence(long[], long[])}). */
    KL_DIVERGENCE("kl_divergence", false, false),
    /** Hellinger distance ({@link Distances#hellinger(long[], long[])}). */
    HELLINGER("hellinger", false, false),
    /** Largest change of one category's share ({@link Distances#lInfinity(long[], long[])}). */
    L_INFINITY("l_infinity", false, false);

    /** Default threshold of the hypothesis tests: drift when p &lt; 0.05. */
    public static final double DEFAULT_P_VALUE_THRESHOLD = 0.05;
    /** Default threshold of the distances: drift when the distance is &ge; 0.1. */
    public static final double DEFAULT_DISTANCE_THRESHOLD = 0.1;

    private final String jsonName;
    private final boolean pValueTest;
    private final boolean values;

    DriftTest(String jsonName, boolean pValueTest, boolean values) {
        this.jsonName = jsonName;
        this.pValueTest = pValueTest;
        this.values = values;
    }

    /** The stable name used in JSON and reports, such as {@code ks} or {@code jensen_shannon}. */
    public String jsonName() {
        return jsonName;
    }

    /** Whether this is a hypothesis test with a p-value (else a distance). */
    public boolean isPValueTest() {
        return pValueTest;
    }

    /** Whether this compares numeric values (numeric columns only) rather than frequencies. */
    public boolean comparesValues() {
        return values;
    }

    /** {@value #DEFAULT_P_VALUE_THRESHOLD} for hypothesis tests, {@value #DEFAULT_DISTANCE_THRESHOLD} for distances. */
    public double defaultThreshold() {
        return pValueTest ? DEFAULT_P_VALUE_THRESHOLD : DEFAULT_DISTANCE_THRESHOLD;
    }

    /**
     * Checks a threshold for this test: in (0, 1) for a hypothesis test, positive and finite for a
     * distance.
     *
     * @param field the name used in the error message
     * @return the threshold
     * @throws InvalidArgumentException if it is out of range
     */
    double checkThreshold(String field, double threshold) {
        boolean ok = pValueTest ? threshold > 0 && threshold < 1 : threshold > 0 && Double.isFinite(threshold);
        if (!ok) {
            throw new InvalidArgumentException(field, "threshold for " + jsonName + " must be "
                    + (pValueTest ? "in (0, 1)" : "positive and finite") + ", got " + threshold);
        }
        return threshold;
    }

    /**
     * Whether a result is drift: {@code pValue < threshold} for a hypothesis test,
     * {@code statistic >= threshold} for a distance.
     */
    boolean isDrift(double statistic, double pValue, double threshold) {
        return pValueTest ? pValue < threshold : statistic >= threshold;
    }

    /**
     * The test with this {@linkplain #jsonName() JSON name}.
     *
     * @throws InvalidArgumentException for an unknown name, listing the known ones
     */
    public static DriftTest fromJsonName(String name) {
        for (DriftTest t : values()) {
            if (t.jsonName.equals(name)) {
                return t;
            }
        }
        throw new InvalidArgumentException("test", "unknown drift test '" + name + "', expected one of "
                + Arrays.stream(values()).map(DriftTest::jsonName).toList());
    }
}

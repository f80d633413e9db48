package dev.mlops.monitoring.drift;

import dev.mlops.core.InvalidArgumentException;
import java.util.OptionalDouble;

/**
 * The outcome of comparing one column: the test that ran, its statistic and p-value (hypothesis
 * tests only), the threshold, the verdict, and an effect size.
 *
 * <p>The statistic is the test's own: D for KS, χ² for chi-square, z for the z-test, U for
 * Mann–Whitney, the standardized A² for Anderson–Darling, T for Cramér–von Mises, and the distance
 * itself for distances. The verdict is {@code pValue < threshold} for a hypothesis test and
 * {@code statistic >= threshold} for a distance.
 *
 * <p>The effect size says how large the change is, independent of sample size, so that a tiny
 * p-value on a million rows can be told from a change that matters:
 * <ul>
 *   <li>numeric columns: {@value #WASSERSTEIN_NORMED}, the Wasserstein-1 distance divided by the
 *       reference standard deviation ({@link Distances#wassersteinNormed}); 0.1 means the values
 *       moved a tenth of a standard deviation on average;</li>
 *   <li>categorical columns: {@value #CRAMERS_V}, Cramér's V of the 2 × k table of reference and
 *       current category counts, {@code sqrt(χ² / N)} with Pearson's χ² without continuity
 *       correction ({@link HypothesisTests#chiSquareContingency(long[][], boolean)}) and N the total
 *       of both sides; in [0, 1], as {@code scipy.stats.contingency.association(table,
 *       method="cramer")}.</li>
 * </ul>
 *
 * <p>An immutable value.
 *
 * @param test the comparison that ran
 * @param statistic its statistic (may be +∞, for example chi-square with an unseen category)
 * @param pValue the p-value, present exactly for hypothesis tests
 * @param threshold the threshold the verdict used
 * @param drifted the verdict
 * @param effectSizeName {@value #WASSERSTEIN_NORMED} or {@value #CRAMERS_V}
 * @param effectSize the effect size, non-negative (+∞ only if the Wasserstein distance overflows)
 * @param errorBound present only in reports built from profiles
 *     ({@link DriftDetector#compare(dev.mlops.monitoring.profile.DatasetProfile,
 *     dev.mlops.monitoring.profile.DatasetProfile)}): how far any CDF value (numeric columns) or
 *     category share (categorical columns) the statistic was computed from may be off, both sides
 *     together — ε_ref + ε_cur with ε the quantile sketch's
 *     {@linkplain dev.mlops.monitoring.profile.ColumnProfile#quantileRankError() rank error}, or the
 *     frequent-items sketch's maximum count error over the column's count (0 when exact). For KS it
 *     bounds |D̂ − D| directly; the other statistics' bounds follow from it as the module README
 *     states. Absent on the raw-data path, where the statistics are exact.
 */
public record ColumnTestResult(DriftTest test, double statistic, OptionalDouble pValue, double threshold,
                               boolean drifted, String effectSizeName, double effectSize,
                               OptionalDouble errorBound) {

    /** A result computed from raw data: no error bound. */
    public ColumnTestResult(DriftTest test, double statistic, OptionalDouble pValue, double threshold,
                            boolean drifted, String effectSizeName, double effectSize) {
        this(test, statistic, pValue, threshold, drifted, effectSizeName, effectSize, OptionalDouble.empty());
    }

    /** Name of the numeric effect size. */
    public static final String WASSERSTEIN_NORMED = "wasserstein_normed";
    /** Name of the categorical effect size. */
    public static final String CRAMERS_V = "cramers_v";

    /** Validates the fields and that the verdict follows from them. */
    public ColumnTestResult {
        if (test == null) {
            throw new InvalidArgumentException("test", "is null");
        }
        if (Double.isNaN(statistic)) {
            throw new InvalidArgumentException("statistic", "must not be NaN");
        }
        if (pValue == null || pValue.isPresent() != test.isPValueTest()) {
            throw new InvalidArgumentException("pValue", test.isPValueTest()
                    ? test.jsonName() + " needs a p-value" : test.jsonName() + " is a distance and has no p-value");
        }
        if (pValue.isPresent() && !(pValue.getAsDouble() >= 0 && pValue.getAsDouble() <= 1)) {
            throw new InvalidArgumentException("pValue", "must be in [0, 1], got " + pValue.getAsDouble());
        }
        test.checkThreshold("threshold", threshold);
        if (drifted != test.isDrift(statistic, pValue.orElse(Double.NaN), threshold)) {
            throw new InvalidArgumentException("drifted", "is " + drifted + " but the statistic, p-value and"
                    + " threshold say " + !drifted);
        }
        if (!WASSERSTEIN_NORMED.equals(effectSizeName) && !CRAMERS_V.equals(effectSizeName)) {
            throw new InvalidArgumentException("effectSizeName", "must be " + WASSERSTEIN_NORMED + " or "
                    + CRAMERS_V + ", got " + effectSizeName);
        }
        if (!(effectSize >= 0)) {
            throw new InvalidArgumentException("effectSize", "must be non-negative, got " + effectSize);
        }
        if (errorBound == null) {
            throw new InvalidArgumentException("errorBound", "use OptionalDouble.empty(), not null");
        }
        if (errorBound.isPresent() && !(errorBound.getAsDouble() >= 0)) {
            throw new InvalidArgumentException("errorBound", "must be non-negative, got " + errorBound.getAsDouble());
        }
    }

    /** This result with the given error bound (for results computed from profiles). */
    ColumnTestResult withErrorBound(double bound) {
        return new ColumnTestResult(test, statistic, pValue, threshold, drifted, effectSizeName, effectSize,
                OptionalDouble.of(bound));
    }

    /**
     * The number the threshold is compared with: the p-value of a hypothesis test, the statistic
     * of a distance (Evidently calls this the drift score).
     */
    public double score() {
        return test.isPValueTest() ? pValue.getAsDouble() : statistic;
    }
}

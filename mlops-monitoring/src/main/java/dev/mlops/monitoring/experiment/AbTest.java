package dev.mlops.monitoring.experiment;

import dev.mlops.monitoring.internal.stats.StudentT;
import dev.mlops.core.InvalidArgumentException;
import dev.mlops.monitoring.drift.HypothesisTests;
import dev.mlops.monitoring.drift.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Frequentist analysis of an A/B test (fixed sample, two-sided), in GrowthBook's manner:
 * <ul>
 *   <li>{@link #compareMeans}: Welch's t-test on the difference of means (matches
 *       {@code scipy.stats.ttest_ind(equal_var=False)}) and the relative lift with a delta-method
 *       interval ({@link RelativeLift});</li>
 *   <li>{@link #compareProportions}: the pooled two-proportion z-test
 *       ({@link HypothesisTests#twoProportionZ}) and the relative lift of the rates;</li>
 *   <li>{@link #sampleRatioMismatch}: the chi-square check of the traffic split
 *       ({@link HypothesisTests#chiSquare(long[], long[])}), alarming below p = 0.001.</li>
 * </ul>
 * Check the sample ratio first: with a mismatch, the other results are not to be trusted.
 *
 * <p>Sequential testing (peeking-safe intervals) is not implemented: analyse once, at the planned
 * sample size. Stateless and thread-safe.
 */
public final class AbTest {

    /** The default significance level: 95 % intervals. */
    public static final double DEFAULT_ALPHA = 0.05;
    /** The p-value below which {@link #sampleRatioMismatch} reports a mismatch (GrowthBook's default). */
    public static final double DEFAULT_SRM_THRESHOLD = 0.001;

    private AbTest() {}

    /** {@link #compareMeans(SampleSummary, SampleSummary, double)} with 95 % intervals. */
    public static MeanComparison compareMeans(SampleSummary control, SampleSummary treatment) {
        return compareMeans(control, treatment, DEFAULT_ALPHA);
    }

    /**
     * Welch's t-test and the relative lift of treatment over control.
     *
     * @param alpha the significance level of the intervals, in (0, 1)
     * @throws InvalidArgumentException if both arms have zero variance (the test is undefined)
     */
    public static MeanComparison compareMeans(SampleSummary control, SampleSummary treatment, double alpha) {
        check(control, treatment, alpha);
        double vc = control.varianceOfMean();
        double vt = treatment.varianceOfMean();
        double se2 = vc + vt;
        if (se2 == 0) {
            throw new InvalidArgumentException("treatment", "both arms have zero variance; Welch's test is undefined");
        }
        double se = Math.sqrt(se2);
        double difference = treatment.mean() - control.mean();
        double t = difference / se;
        double nu = welchDegreesOfFreedom(control, treatment);
        double p = Math.min(1.0, 2 * StudentT.sf(Math.abs(t), nu));
        double half = StudentT.isf(alpha / 2, nu) * se;
        WelchTest welch = new WelchTest(t, nu, p, difference, difference - half, difference + half);
        return new MeanComparison(control, treatment, alpha, welch, relativeLift(control, treatment, alpha));
    }

    /** {@link #compareProportions(long, long, long, long, double)} with a 95 % interval. */
    public static ProportionComparison compareProportions(long controlSuccesses, long controlTotal,
                                                          long treatmentSuccesses, long treatmentTotal) {
        return compareProportions(controlSuccesses, controlTotal, treatmentSuccesses, treatmentTotal, DEFAULT_ALPHA);
    }

    /**
     * The two-proportion z-test and the relative lift of the treatment's rate over the control's.
     *
     * @param alpha the significance level of the lift's interval, in (0, 1)
     */
    public static ProportionComparison compareProportions(long controlSuccesses, long controlTotal,
                                                          long treatmentSuccesses, long treatmentTotal, double alpha) {
        SampleSummary control = arm("control", controlSuccesses, controlTotal);
        SampleSummary treatment = arm("treatment", treatmentSuccesses, treatmentTotal);
        check(control, treatment, alpha);
        TestResult z = HypothesisTests.twoProportionZ(controlSuccesses, controlTotal, treatmentSuccesses, treatmentTotal);
        return new ProportionComparison(control, treatment, alpha, z, relativeLift(control, treatment, alpha));
    }

    private static SampleSummary arm(String name, long successes, long total) {
        if (total < 2) {
            throw new InvalidArgumentException(name, "needs at least 2 units, got " + total);
        }
        if (successes < 0 || successes > total) {
            throw new InvalidArgumentException(name, "successes must be in [0, " + total + "], got " + successes);
        }
        return SampleSummary.ofProportion(successes, total);
    }

    private static void check(SampleSummary control, SampleSummary treatment, double alpha) {
        if (control == null || treatment == null) {
            throw new InvalidArgumentException(control == null ? "control" : "treatment", "is null");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new InvalidArgumentException("alpha", "must be in (0, 1), got " + alpha);
        }
    }

    /** GrowthBook's delta-method relative lift; empty if the control mean is 0 or the variance is 0. */
    static Optional<RelativeLift> relativeLift(SampleSummary control, SampleSummary treatment, double alpha) {
        double mc = control.mean();
        double mt = treatment.mean();
        if (mc == 0) {
            return Optional.empty();
        }
        double variance = treatment.variance() / (mc * mc * treatment.n())
                + control.variance() * mt * mt / (mc * mc * mc * mc * control.n());
        if (!(variance > 0) || Double.isInfinite(variance)) {
            return Optional.empty();
        }
        double se = Math.sqrt(variance);
        double lift = (mt - mc) / mc;
        double nu = welchDegreesOfFreedom(control, treatment);
        double half = StudentT.isf(alpha / 2, nu) * se;
        double p = Math.min(1.0, 2 * StudentT.sf(Math.abs(lift / se), nu));
        return Optional.of(new RelativeLift(lift, se, nu, lift - half, lift + half, p));
    }

    /** The Welch–Satterthwaite degrees of freedom. */
    static double welchDegreesOfFreedom(SampleSummary a, SampleSummary b) {
        double va = a.varianceOfMean();
        double vb = b.varianceOfMean();
        double numerator = (va + vb) * (va + vb);
        double denominator = va * va / (a.n() - 1) + vb * vb / (b.n() - 1);
        return numerator / denominator;
    }

    /** {@link #sampleRatioMismatch(long[], double[], double)} with the threshold p &lt; 0.001. */
    public static SampleRatioCheck sampleRatioMismatch(long[] observed, double[] expectedShares) {
        return sampleRatioMismatch(observed, expectedShares, DEFAULT_SRM_THRESHOLD);
    }

    /**
     * Tests the units per arm against the planned split.
     *
     * <p>The shares are handed to {@link HypothesisTests#chiSquare(long[], long[])} as integer ratios
     * {@code round(share_i / max_share × 10^15)}, so a share is honoured to 15 significant digits
     * (relative to the largest), far below the statistic's sampling noise.
     *
     * @param observed units per arm, non-negative, at least two arms, positive total
     * @param expectedShares the planned weight of each arm (any positive scale; normalised to sum to 1)
     * @param threshold the p-value below which a mismatch is declared, in (0, 1)
     */
    public static SampleRatioCheck sampleRatioMismatch(long[] observed, double[] expectedShares, double threshold) {
        if (observed == null || expectedShares == null) {
            throw new InvalidArgumentException(observed == null ? "observed" : "expectedShares", "is null");
        }
        if (observed.length < 2) {
            throw new InvalidArgumentException("observed", "needs at least two arms, got " + observed.length);
        }
        if (expectedShares.length != observed.length) {
            throw new InvalidArgumentException("expectedShares", "has " + expectedShares.length
                    + " arms but observed has " + observed.length);
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new InvalidArgumentException("threshold", "must be in (0, 1), got " + threshold);
        }
        double max = 0;
        double sum = 0;
        long total = 0;
        for (int i = 0; i < observed.length; i++) {
            double w = expectedShares[i];
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new InvalidArgumentException("expectedShares", "share of arm " + i + " must be positive and finite, got " + w);
            }
            if (observed[i] < 0) {
                throw new InvalidArgumentException("observed", "count of arm " + i + " is negative: " + observed[i]);
            }
            max = Math.max(max, w);
            sum += w;
            total += observed[i];
        }
        if (total == 0) {
            throw new InvalidArgumentException("observed", "no units in any arm");
        }
        long[] ratios = new long[expectedShares.length];
        List<Double> shares = new ArrayList<>(expectedShares.length);
        List<Long> counts = new ArrayList<>(observed.length);
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = Math.round(expectedShares[i] / max * 1e15);
            if (ratios[i] == 0) {
                throw new InvalidArgumentException("expectedShares", "share of arm " + i + " is below 1e-15 of the largest");
            }
            shares.add(expectedShares[i] / sum);
            counts.add(observed[i]);
        }
        TestResult result = HypothesisTests.chiSquare(ratios, observed);
        return new SampleRatioCheck(counts, shares, result, threshold, result.pValue() < threshold);
    }
}

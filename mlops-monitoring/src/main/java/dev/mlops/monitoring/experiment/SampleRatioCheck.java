package dev.mlops.monitoring.experiment;

import dev.mlops.monitoring.drift.TestResult;
import java.util.List;

/**
 * A sample-ratio-mismatch check: whether the units each arm received are consistent with the planned
 * split, by Pearson's chi-square goodness-of-fit test ({@code scipy.stats.chisquare(observed,
 * f_exp=shares * total)}). A mismatch means the assignment or the logging is broken and the
 * experiment's results should not be trusted.
 *
 * <p>An immutable value, safe to share between threads.
 *
 * @param observed units per arm
 * @param expectedShares the planned share of each arm, summing to 1
 * @param chiSquare the test; its p-value is the evidence of a mismatch
 * @param threshold the p-value below which a mismatch is declared (0.001 by default)
 * @param mismatch whether {@code chiSquare.pValue() < threshold}
 */
public record SampleRatioCheck(List<Long> observed, List<Double> expectedShares, TestResult chiSquare,
                               double threshold, boolean mismatch) {

    /** Copies the lists. */
    public SampleRatioCheck {
        observed = List.copyOf(observed);
        expectedShares = List.copyOf(expectedShares);
    }
}

package dev.mlops.monitoring.drift;

import dev.mlops.core.InvalidArgumentException;

/**
 * The outcome of a two-sample hypothesis test: which test ran, its statistic and its p-value.
 *
 * <p>An immutable value, safe to share between threads. The statistic is the one SciPy reports
 * for the same test (see {@link HypothesisTests}); it may be {@code +Infinity} (for example a
 * chi-square test where the current data has a category the reference never had), but never NaN.
 *
 * @param test the test's name, one of the {@code HypothesisTests} name constants
 * @param statistic the test statistic
 * @param pValue the p-value, in [0, 1]
 */
public record TestResult(String test, double statistic, double pValue) {

    /** Validates the fields. */
    public TestResult {
        if (test == null || test.isBlank()) {
            throw new InvalidArgumentException("test", "must name the test");
        }
        if (Double.isNaN(statistic)) {
            throw new InvalidArgumentException("statistic", "must not be NaN");
        }
        if (!(pValue >= 0.0 && pValue <= 1.0)) {
            throw new InvalidArgumentException("pValue", "must be in [0, 1], got " + pValue);
        }
    }

    /**
     * Whether the null hypothesis (same distribution) is rejected at significance level
     * {@code alpha}, i.e. {@code pValue < alpha}.
     */
    public boolean rejectsAt(double alpha) {
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new InvalidArgumentException("alpha", "must be in (0, 1), got " + alpha);
        }
        return pValue < alpha;
    }
}

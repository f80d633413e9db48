package dev.mlops.monitoring.experiment;

import java.util.Optional;

/**
 * Treatment against control on a mean metric: Welch's t-test and the relative lift.
 *
 * <p>An immutable value, safe to share between threads.
 *
 * @param control the control arm
 * @param treatment the treatment arm
 * @param alpha the significance level of the intervals
 * @param welch Welch's t-test on the absolute difference
 * @param lift the relative lift; absent when the control mean is 0 (a relative change is undefined)
 */
public record MeanComparison(SampleSummary control, SampleSummary treatment, double alpha, WelchTest welch,
                             Optional<RelativeLift> lift) {
}

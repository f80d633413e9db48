package dev.mlops.monitoring.experiment;

import dev.mlops.monitoring.drift.TestResult;
import java.util.Optional;

/**
 * Treatment against control on a conversion rate: the pooled two-proportion z-test and the relative
 * lift of the rates.
 *
 * <p>An immutable value, safe to share between threads.
 *
 * @param control the control arm (mean = rate, variance = rate (1 − rate))
 * @param treatment the treatment arm
 * @param alpha the significance level of the lift's interval
 * @param zTest {@code HypothesisTests.twoProportionZ(control, treatment)}: z is positive when the
 *     treatment converts more
 * @param lift the relative lift of the rates (GrowthBook's delta method on the binomial
 *     statistics); absent when the control rate is 0
 */
public record ProportionComparison(SampleSummary control, SampleSummary treatment, double alpha, TestResult zTest,
                                   Optional<RelativeLift> lift) {
}
